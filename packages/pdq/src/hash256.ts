// The 256-bit hash as bytes and hex, and the distance between two hashes. Bytes are the hex string's bytes,
// so bit k (k = 16 i + j for DCT coefficient B[i][j]) is bit k % 8 of byte 31 - floor(k / 8): read as one
// big-endian 256-bit number, the hash has value 2^k for bit k. That is exactly the reference's layout, sixteen
// 16-bit words w[k >> 4] bit k & 15, printed from word 15 down to word 0.

export const HASH_BYTES = 32;
export const HASH_BITS = 256;

const HEX_OF_BYTE: string[] = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));
const POPCOUNT: Uint8Array = Uint8Array.from({ length: 256 }, (_, byte) => {
  let count = 0;
  for (let v = byte; v !== 0; v &= v - 1) count++;
  return count;
});
const HEX_64 = /^[0-9a-fA-F]{64}$/;

function describe(value: unknown): string {
  if (typeof value === 'string') {
    const shown = value.length > 70 ? `${value.slice(0, 70)}…` : value;
    return `${JSON.stringify(shown)} (${value.length} characters)`;
  }
  if (value instanceof Uint8Array) return `a Uint8Array of ${value.length} bytes`;
  return value === null ? 'null' : typeof value;
}

function checkBytes(hash: Uint8Array, what: string): void {
  if (!(hash instanceof Uint8Array) || hash.length !== HASH_BYTES) {
    throw new TypeError(`pdq: ${what} must be a 32-byte Uint8Array, got ${describe(hash)}`);
  }
}

/** 64 lowercase hex characters, in the reference's layout (word 15 first). */
export function toHex(hash: Uint8Array): string {
  checkBytes(hash, 'hash');
  let hex = '';
  for (let i = 0; i < HASH_BYTES; i++) hex += HEX_OF_BYTE[hash[i]!];
  return hex;
}

/** Parses exactly 64 hex characters (either case, nothing else, no whitespace); throws otherwise. */
export function fromHex(hex: string): Uint8Array {
  if (typeof hex !== 'string' || !HEX_64.test(hex)) {
    throw new TypeError(`pdq: a hash in hex must be exactly 64 hex characters, got ${describe(hex)}`);
  }
  const hash = new Uint8Array(HASH_BYTES);
  for (let i = 0; i < HASH_BYTES; i++) hash[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return hash;
}

/** Whether bit k (0-255, k = 16 i + j for DCT coefficient B[i][j]) is set. */
export function hashBit(hash: Uint8Array, k: number): boolean {
  checkBytes(hash, 'hash');
  if (!Number.isInteger(k) || k < 0 || k >= HASH_BITS)
    throw new RangeError(`pdq: bit index ${k} not in 0-255`);
  return ((hash[31 - (k >> 3)]! >> (k & 7)) & 1) === 1;
}

/** Number of differing bits (0-256). Accepts 32-byte hashes or their 64-character hex. */
export function hammingDistance(a: Uint8Array | string, b: Uint8Array | string): number {
  const x = typeof a === 'string' ? fromHex(a) : a;
  const y = typeof b === 'string' ? fromHex(b) : b;
  checkBytes(x, 'first hash');
  checkBytes(y, 'second hash');
  let distance = 0;
  for (let i = 0; i < HASH_BYTES; i++) distance += POPCOUNT[x[i]! ^ y[i]!]!;
  return distance;
}
