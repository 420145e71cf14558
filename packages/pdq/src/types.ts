// Shapes shared by the pipeline and its callers.

/** Decoded 8-bit pixels, row-major, channels interleaved (RGB, RGBA or grey). */
export interface PixelBuffer {
  width: number;
  height: number;
  /** 1 = grey, 3 = RGB, 4 = RGBA (alpha is ignored, as the reference does). */
  channels: 1 | 3 | 4;
  /** `width * height * channels` bytes. */
  data: Uint8Array | Uint8ClampedArray;
}

/** A 256-bit PDQ hash: 32 bytes in the order of its hex string, and that hex string (64 lowercase chars). */
export interface PdqHash {
  hash: Uint8Array;
  hex: string;
}

export interface PdqResult extends PdqHash {
  /** 0-100: how much detail (gradient) the 64×64 downsample has; flat images score low and hash unreliably. */
  quality: number;
}

export type DihedralHashes = [PdqHash, PdqHash, PdqHash, PdqHash, PdqHash, PdqHash, PdqHash, PdqHash];

export interface PdqDihedralResult {
  /** original, rot90, rot180, rot270, flipx, flipy, flip-plus (transpose), flip-minus (anti-transpose). */
  hashes: DihedralHashes;
  quality: number;
}

export interface PdqOptions {
  /**
   * Shrink an image wider or taller than 512 px to exactly 512×512 by nearest neighbour first, as the
   * reference's image loading does (default true). Turn off only if the caller already did it, or to hash
   * the full-size buffer on purpose (the hash will then differ from the reference's for that image).
   */
  referenceResize?: boolean;
}
