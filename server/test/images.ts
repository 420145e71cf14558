// Generated test pictures: smooth random patterns (sums of waves) with enough structure for PDQ to describe
// them with a high quality, different for each seed. A near-duplicate is the same picture re-encoded as a
// lossy JPEG, or slightly brightened: what a re-upload of known material looks like to the hash.
import sharp from 'sharp';

function seeded(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4_294_967_296;
  };
}

/** Raw RGB pixels of the pattern of this seed. */
export function patternPixels(seed: number, width = 160, height = 120): Buffer {
  const random = seeded(seed);
  const waves = Array.from({ length: 6 }, () => ({
    fx: (random() * 6 + 1) / width,
    fy: (random() * 6 + 1) / height,
    phase: random() * Math.PI * 2,
    channel: Math.floor(random() * 3),
    amplitude: 40 + random() * 40,
  }));
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const rgb = [128, 128, 128];
      for (const wave of waves)
        rgb[wave.channel]! +=
          wave.amplitude * Math.sin(2 * Math.PI * (wave.fx * x + wave.fy * y) + wave.phase);
      for (let c = 0; c < 3; c++)
        data[(y * width + x) * 3 + c] = Math.max(0, Math.min(255, Math.round(rgb[c]!)));
    }
  return data;
}

const raw = (seed: number, width: number, height: number) =>
  sharp(patternPixels(seed, width, height), { raw: { width, height, channels: 3 } });

export function patternPng(seed: number, width = 160, height = 120): Promise<Buffer> {
  return raw(seed, width, height).png().toBuffer();
}

/** The same picture as a lossy JPEG: other bytes, nearly the same PDQ hash. */
export function patternJpeg(seed: number, quality = 70, width = 160, height = 120): Promise<Buffer> {
  return raw(seed, width, height).jpeg({ quality }).toBuffer();
}

/** The same picture a little brighter, as PNG. */
export function patternBrighter(seed: number, width = 160, height = 120): Promise<Buffer> {
  return raw(seed, width, height).linear(1, 12).png().toBuffer();
}
