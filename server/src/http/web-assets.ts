// Serves the built web client (web/dist): hashed assets with long caching, and index.html for every other
// page path so that the client-side router can take over. /api paths never fall through to the page.
//
// Each file is sent as the smallest copy the browser accepts: the brotli (x.js.br) or gzip (x.js.gz) one
// the build wrote beside it, else the file itself (see compression.ts). Every copy has its own ETag and
// Content-Length; Vary: Accept-Encoding tells caches that the answer depends on that header. Conditional
// requests (If-None-Match, If-Modified-Since) and single byte ranges (of the copy sent) are answered here.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { AppError } from '../infra/errors.ts';
import { addVary, ENCODINGS, type Encoding, negotiateEncoding } from './compression.ts';
import { policies } from './policy.ts';

const SUFFIX: Record<Encoding, string> = { br: '.br', gzip: '.gz' };

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.pdf': 'application/pdf',
};

const IMMUTABLE = 'public, max-age=31536000, immutable';

export async function registerWebAssets(app: FastifyInstance, context: AppContext): Promise<void> {
  const root = path.resolve(context.config.webDistDir);
  const built = fs.existsSync(path.join(root, 'index.html'));

  app.route({
    method: ['GET', 'HEAD'],
    url: '/*',
    schema: { hide: true },
    config: { policy: policies.public() },
    handler: async (request, reply) => {
      const urlPath = decodePath(request.url.split('?')[0] ?? '/');
      if (urlPath === null) throw new AppError('REQUEST_NOT_FOUND');
      if (urlPath.startsWith('/api/') || urlPath === '/api') throw new AppError('REQUEST_NOT_FOUND');
      if (!built) {
        return reply
          .code(503)
          .type('text/plain; charset=utf-8')
          .send('The web client is not built yet: run `npm run build:web` (npm start does it for you).');
      }
      const relative = path.normalize(urlPath).replace(/^([/\\])+/, '');
      const file = path.join(root, relative);
      if (relative && file.startsWith(root + path.sep) && !/\.(?:br|gz)$/.test(relative)) {
        const stat = await statFile(file);
        if (stat) {
          // Hashed names change with their content: cached for a year. Other files are revalidated.
          const cacheControl = relative.startsWith('assets/') ? IMMUTABLE : 'public, max-age=0';
          return sendFile(request, reply, file, stat, cacheControl);
        }
      }
      // A missing asset is a 404; any other path is a page of the single-page client.
      if (relative.startsWith('assets/') || path.extname(relative)) throw new AppError('REQUEST_NOT_FOUND');
      const index = path.join(root, 'index.html');
      const stat = await statFile(index);
      if (!stat) throw new AppError('REQUEST_NOT_FOUND');
      return sendFile(request, reply, index, stat, 'no-cache');
    },
  });
}

/** The path with its %-escapes decoded; null when they are malformed (no file has such a name). */
function decodePath(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

async function statFile(file: string): Promise<fs.Stats | null> {
  try {
    const stat = await fsp.stat(file);
    return stat.isFile() ? stat : null;
  } catch {
    return null;
  }
}

/** The compressed copies of a file that the build wrote (a copy older than its file is stale: ignored). */
async function copiesOf(file: string, stat: fs.Stats): Promise<Map<Encoding, fs.Stats>> {
  const copies = new Map<Encoding, fs.Stats>();
  for (const encoding of ENCODINGS) {
    const copy = await statFile(file + SUFFIX[encoding]);
    if (copy && copy.mtimeMs >= stat.mtimeMs) copies.set(encoding, copy);
  }
  return copies;
}

function etagOf(stat: fs.Stats, encoding: Encoding | 'identity'): string {
  const base = `${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}`;
  return `"${encoding === 'identity' ? base : `${base}-${encoding}`}"`;
}

/** If-None-Match (weak comparison, as RFC 9110 §13.1.2 asks), else If-Modified-Since. */
function notModified(request: FastifyRequest, etag: string, modified: Date): boolean {
  const ifNoneMatch = request.headers['if-none-match'];
  if (ifNoneMatch !== undefined) {
    if (ifNoneMatch.trim() === '*') return true;
    return ifNoneMatch
      .split(',')
      .map((tag) => tag.trim().replace(/^W\//, ''))
      .includes(etag);
  }
  const ifModifiedSince = request.headers['if-modified-since'];
  if (ifModifiedSince === undefined) return false;
  const since = Date.parse(ifModifiedSince);
  return !Number.isNaN(since) && Math.floor(modified.getTime() / 1000) * 1000 <= since;
}

type Range = { start: number; end: number } | 'unsatisfiable' | null;

/**
 * The byte range asked for, of the copy being sent. Only a single range is served (several, or a
 * malformed header, get the whole file: allowed by RFC 9110 §14.2); If-Range must match the copy's ETag.
 */
function rangeOf(request: FastifyRequest, size: number, etag: string): Range {
  const header = request.headers.range;
  if (!header) return null;
  const ifRange = request.headers['if-range'];
  if (ifRange !== undefined && String(ifRange).trim() !== etag) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return null;
  let start: number;
  let end: number;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0) return 'unsatisfiable';
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
    if (end < start && match[2] !== '') return null;
  }
  if (start >= size) return 'unsatisfiable';
  return { start, end };
}

async function sendFile(
  request: FastifyRequest,
  reply: FastifyReply,
  file: string,
  stat: fs.Stats,
  cacheControl: string,
): Promise<FastifyReply> {
  const copies = await copiesOf(file, stat);
  const encoding = negotiateEncoding(request.headers['accept-encoding'], [...copies.keys()]);
  const sent =
    encoding === 'identity'
      ? { path: file, stat }
      : { path: file + SUFFIX[encoding], stat: copies.get(encoding)! };
  const etag = etagOf(sent.stat, encoding);
  reply.header('cache-control', cacheControl);
  reply.header('etag', etag);
  reply.header('last-modified', stat.mtime.toUTCString());
  if (copies.size > 0) addVary(reply, 'Accept-Encoding');
  if (notModified(request, etag, stat.mtime)) return reply.code(304).send();

  const extension = path.extname(file).toLowerCase();
  reply.header('content-type', TYPES[extension] ?? 'application/octet-stream');
  reply.header('accept-ranges', 'bytes');
  if (encoding !== 'identity') reply.header('content-encoding', encoding);
  const size = sent.stat.size;
  const range = rangeOf(request, size, etag);
  if (range === 'unsatisfiable') {
    reply.removeHeader('content-encoding');
    return reply.code(416).header('content-range', `bytes */${size}`).type('text/plain').send('');
  }
  const { start, end } = range ?? { start: 0, end: size - 1 };
  if (range) reply.code(206).header('content-range', `bytes ${start}-${end}/${size}`);
  reply.header('content-length', String(size === 0 ? 0 : end - start + 1));
  if (request.method === 'HEAD' || size === 0) return reply.send(null);
  return reply.send(fs.createReadStream(sent.path, { start, end }));
}
