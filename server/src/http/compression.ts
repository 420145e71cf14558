// Compression of what the server sends. Two halves:
// - the built web client's files are compressed once, at build time (web/vite.config.ts writes x.js.br
//   and x.js.gz beside x.js); web-assets.ts picks the copy with negotiateEncoding();
// - answers made per request (JSON, the server-rendered pages, CSV built in memory) are compressed here,
//   in an onSend hook, when they are text of at least COMPRESS_THRESHOLD bytes.
// Never compressed: streams (downloads keep streaming as they are), what is compressed already (images,
// PDFs, ZIP: not a text type), and anything sent to a staff session (BREACH, see docs/security.md).
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { sessionCookieName } from './guard.ts';

/** The content codings Abri sends, best first. */
export const ENCODINGS = ['br', 'gzip'] as const;
export type Encoding = (typeof ENCODINGS)[number];

/** Below this many bytes, compressing saves less than it costs. */
export const COMPRESS_THRESHOLD = 1024;

/**
 * The content coding to send, from the request's Accept-Encoding (RFC 9110 §12.5.3) and the codings this
 * answer is available in (identity is always available). q-values are respected: a coding with q=0 is
 * refused, a higher q wins, and at equal q the order of `available` decides (br before gzip), a listed
 * coding before an unlisted identity. `*` stands for every coding not listed. Without the header, or
 * when nothing acceptable is available (`identity;q=0` and no coding we have), the answer is identity:
 * sending it anyway is what RFC 9110 allows and what every client copes with.
 */
export function negotiateEncoding(
  header: string | string[] | undefined,
  available: readonly Encoding[] = ENCODINGS,
): Encoding | 'identity' {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (!value) return 'identity';
  const weights = new Map<string, number>();
  for (const part of value.split(',')) {
    const [name = '', ...parameters] = part.split(';').map((piece) => piece.trim().toLowerCase());
    if (!name) continue;
    let q = 1;
    for (const parameter of parameters) {
      const match = /^q\s*=\s*([01](?:\.\d{0,3})?)$/.exec(parameter);
      if (match) q = Math.min(1, Number(match[1]));
    }
    // A coding listed twice: the most favourable weight wins.
    weights.set(name, Math.max(q, weights.get(name) ?? 0));
  }
  const star = weights.get('*');
  let best: Encoding | 'identity' = 'identity';
  let bestQ = 0;
  for (const coding of available) {
    const q = weights.get(coding) ?? star ?? 0;
    if (q > bestQ) {
      best = coding;
      bestQ = q;
    }
  }
  // identity only wins when the client prefers it explicitly (or `*`) over every coding it listed.
  const identityQ = weights.get('identity') ?? star;
  if (identityQ !== undefined && identityQ > bestQ) return 'identity';
  return best;
}

/** Types worth compressing: text. Images (but SVG), PDFs, ZIP, fonts and media are compressed already. */
export function isCompressibleType(contentType: string): boolean {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (type === 'text/event-stream') return false;
  return (
    type.startsWith('text/') ||
    type === 'image/svg+xml' ||
    /^application\/(?:json|javascript|xml|[\w.-]+\+json|[\w.-]+\+xml)$/.test(type)
  );
}

/** Adds a field to Vary (once). */
export function addVary(reply: FastifyReply, field: string): void {
  const current = reply.getHeader('vary');
  const fields = String(current ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  if (fields.includes('*') || fields.some((name) => name.toLowerCase() === field.toLowerCase())) return;
  reply.header('vary', [...fields, field].join(', '));
}

/** An entity tag of the encoded answer: the identity one with the coding added, so that they differ. */
export function encodedEtag(etag: string, encoding: Encoding): string {
  return etag.endsWith('"') ? `${etag.slice(0, -1)}-${encoding}"` : etag;
}

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

function compress(body: Buffer, encoding: Encoding): Promise<Buffer> {
  // Per request: brotli 5 and gzip 6 compress nearly as well as the maximum for a fraction of the time.
  if (encoding === 'br') {
    return brotli(body, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 5,
        [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    });
  }
  return gzip(body, { level: 6 });
}

/**
 * Whether an answer may hold a staff member's secrets: it goes to a request carrying a staff session
 * (even an expired one), or it sets a cookie (a login). Those are never compressed: a compressed answer
 * that holds both a secret (the CSRF token, a two-step secret, a child's name in a record) and text an
 * attacker chose (a search) leaks the secret through its length (BREACH). Visitors have no session nor any
 * other ambient credential, so a request forged from another site never gets a visitor's secret back.
 */
function mayHoldStaffSecrets(request: FastifyRequest, reply: FastifyReply, cookieName: string): boolean {
  return (
    request.auth !== null || request.cookies?.[cookieName] !== undefined || reply.hasHeader('set-cookie')
  );
}

export function registerCompression(app: FastifyInstance, context: AppContext): void {
  const cookieName = sessionCookieName(context);
  app.addHook('onSend', async (request, reply, payload) => {
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    const status = reply.statusCode;
    if (status < 200 || status === 204 || status === 206 || status === 304) return payload;
    if (reply.hasHeader('content-encoding')) return payload;
    if (!isCompressibleType(String(reply.getHeader('content-type') ?? ''))) return payload;
    const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
    if (body.length < COMPRESS_THRESHOLD) return payload;
    if (mayHoldStaffSecrets(request, reply, cookieName)) return payload;
    addVary(reply, 'Accept-Encoding');
    const encoding = negotiateEncoding(request.headers['accept-encoding']);
    if (encoding === 'identity') return payload;
    const compressed = await compress(body, encoding);
    reply.header('content-encoding', encoding);
    reply.removeHeader('content-length');
    const etag = reply.getHeader('etag');
    if (typeof etag === 'string') reply.header('etag', encodedEtag(etag, encoding));
    return compressed;
  });
}
