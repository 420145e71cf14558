// The build's compressed copies: a brotli (quality 11) and a gzip (level 9) file beside every compressible
// file of the built client (`x.js.br`, `x.js.gz`), written once, so that the server answers each request
// with the smallest copy the browser accepts without compressing anything itself (see
// server/src/http/web-assets.ts). Used by vite.config.ts after each build, and by the server's tests.
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

/** Files worth compressing: text. Images (but SVG) and fonts (WOFF2 is compressed already) are left alone. */
const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|txt|xml|webmanifest|map|ico)$/;
/** A copy must save more than the headers it costs (Content-Encoding, Vary: some 50 bytes), with margin. */
const MIN_SAVING = 100;
const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/**
 * Writes the compressed copies of every compressible file under `dir`. A copy that would save less than
 * MIN_SAVING bytes is not written (the server then sends the file itself). Returns the files compressed.
 */
export async function precompressDirectory(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile() && COMPRESSIBLE.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
  await Promise.all(
    files.map(async (file) => {
      const content = await fs.readFile(file);
      const [br, gz] = await Promise.all([
        brotli(content, {
          params: {
            [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
            [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
            [zlib.constants.BROTLI_PARAM_SIZE_HINT]: content.length,
          },
        }),
        gzip(content, { level: 9 }),
      ]);
      if (content.length - br.length >= MIN_SAVING) await fs.writeFile(`${file}.br`, br);
      if (content.length - gz.length >= MIN_SAVING) await fs.writeFile(`${file}.gz`, gz);
    }),
  );
  return files;
}
