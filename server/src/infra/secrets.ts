// The instance's secret: one key that never enters the database, from which every keyed mechanism derives a
// key of its own (the audit chain's MAC, visitors' address hashes, and later the channel credentials'
// encryption, caller profiles' hashes, the vault's signing key). A dump of the database, a Redis snapshot or
// a stolen backup holds none of them.
//
// Where it comes from, in order: SECRET_KEY (the environment), SECRET_KEY_FILE (a file, e.g. a systemd
// credential or a mounted secret), else DATA_DIR/secret.key, created on first start with mode 0600. With an
// in-memory DATA_DIR (tests) and neither variable, a random key lives as long as the process.
//
// Several instances must share one key. The database keeps the key's fingerprint (an HMAC of a fixed label,
// which reveals nothing of the key) so that an instance started with another key refuses to start instead of
// writing audit entries nobody could verify.
import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../database.ts';

/** Every use of the secret, each with its own derived key. Add a purpose here; never reuse one. */
export const SECRET_PURPOSES = [
  'audit-chain',
  'audit-anchor',
  'ip-hash',
  'channel-credentials',
  'caller-profiles',
  'vault-signing',
] as const;
export type SecretPurpose = (typeof SECRET_PURPOSES)[number];

export const MIN_SECRET_BYTES = 32;

export class SecretKeyError extends Error {
  override name = 'SecretKeyError';
}

export interface SecretSource {
  secretKey?: string | undefined;
  secretKeyFile?: string | undefined;
  dataDir: string;
}

/** Where the key was found, for the start-up lines and the docs ("environment", a file's path, "memory"). */
export type SecretOrigin = 'environment' | 'memory' | { file: string; created: boolean };

export class Secrets {
  readonly #master: Buffer;
  readonly #derived = new Map<SecretPurpose, Buffer>();

  private constructor(
    master: Buffer,
    readonly origin: SecretOrigin,
  ) {
    this.#master = master;
  }

  /** A key for tests and tools: the given bytes (at least 32). */
  static fromBytes(master: Buffer, origin: SecretOrigin = 'memory'): Secrets {
    if (master.length < MIN_SECRET_BYTES)
      throw new SecretKeyError(`the secret key must hold at least ${MIN_SECRET_BYTES} bytes`);
    return new Secrets(Buffer.from(master), origin);
  }

  static load(source: SecretSource): Secrets {
    if (source.secretKey) return Secrets.fromBytes(decodeKey(source.secretKey, 'SECRET_KEY'), 'environment');
    if (source.secretKeyFile) {
      const file = path.resolve(source.secretKeyFile);
      return Secrets.fromBytes(readKeyFile(file, 'SECRET_KEY_FILE'), { file, created: false });
    }
    if (source.dataDir === ':memory:') return Secrets.fromBytes(randomBytes(MIN_SECRET_BYTES), 'memory');
    const file = path.join(source.dataDir, 'secret.key');
    if (fs.existsSync(file)) return Secrets.fromBytes(readKeyFile(file, file), { file, created: false });
    fs.mkdirSync(source.dataDir, { recursive: true });
    const key = randomBytes(MIN_SECRET_BYTES);
    try {
      // wx: never overwrite a key another process wrote a moment ago.
      fs.writeFileSync(file, `${key.toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST')
        return Secrets.fromBytes(readKeyFile(file, file), { file, created: false });
      throw error;
    }
    return Secrets.fromBytes(key, { file, created: true });
  }

  /** The key for one purpose: HKDF-SHA256 of the instance's secret, 32 bytes. */
  key(purpose: SecretPurpose): Buffer {
    let key = this.#derived.get(purpose);
    if (!key) {
      key = Buffer.from(hkdfSync('sha256', this.#master, 'abri', `abri/${purpose}`, 32));
      this.#derived.set(purpose, key);
    }
    return key;
  }

  /** Names the key without revealing it: stored in the database to catch instances started with another. */
  fingerprint(): string {
    return createHmac('sha256', this.#master).update('abri/fingerprint').digest('hex').slice(0, 16);
  }
}

/** base64 / base64url (43+ characters) or hex (64+ characters). */
export function decodeKey(value: string, name: string): Buffer {
  const text = value.trim();
  const bytes =
    /^[0-9a-fA-F]+$/.test(text) && text.length % 2 === 0
      ? Buffer.from(text, 'hex')
      : /^[A-Za-z0-9+/_-]+={0,2}$/.test(text)
        ? Buffer.from(text, 'base64')
        : undefined;
  if (!bytes || bytes.length < MIN_SECRET_BYTES)
    throw new SecretKeyError(
      `${name} must hold at least ${MIN_SECRET_BYTES} random bytes, written in hex or base64 (for example: openssl rand -base64 32)`,
    );
  return bytes;
}

function readKeyFile(file: string, name: string): Buffer {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new SecretKeyError(`${name}: cannot read ${file} (${(error as NodeJS.ErrnoException).code})`);
  }
  return decodeKey(text, name);
}

/**
 * Records the key's fingerprint on first use, and refuses a key that is not the one this database was set up
 * with: audit entries and address hashes written under two keys could not be verified or compared.
 */
export async function checkSecretFingerprint(db: Db, secrets: Secrets, now: Date): Promise<void> {
  const fingerprint = secrets.fingerprint();
  await db
    .insertInto('instance_secret')
    .values({ id: 1, fingerprint, recorded_at: now })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  const row = await db
    .selectFrom('instance_secret')
    .select('fingerprint')
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  if (row.fingerprint !== fingerprint)
    throw new SecretKeyError(
      `This database was set up with another secret key (fingerprint ${row.fingerprint}; this instance has ${fingerprint}, ${describeOrigin(secrets.origin)}). Every instance must use the same key: set SECRET_KEY or SECRET_KEY_FILE to the key the others use (see docs/configuration.md).`,
    );
}

export function describeOrigin(origin: SecretOrigin): string {
  if (origin === 'environment') return 'from SECRET_KEY';
  if (origin === 'memory') return 'a key kept in memory for this process only';
  return `${origin.created ? 'created in' : 'read from'} ${origin.file}`;
}
