// What the hotline's tests share: a fresh address per simulated reporter (limits are per address), a
// multipart body builder, and tiny files whose first bytes say what they are.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

/**
 * A new reporter's address, random in the IPv6 documentation range (2001:db8::/32): per-address limits
 * never leak between tests, nor between test files and runs sharing one Redis and one day's salt (a small
 * IPv4 range was reused across runs until its daily limit was reached).
 */
export function newAddress(): string {
  const groups = Array.from(randomBytes(12)).reduce<string[]>((all, byte, index) => {
    if (index % 2 === 0) all.push(byte.toString(16).padStart(2, '0'));
    else all[all.length - 1] += byte.toString(16).padStart(2, '0');
    return all;
  }, []);
  return `2001:db8:${groups.join(':')}`;
}

export interface Part {
  name: string;
  value: string | Buffer;
  filename?: string;
  contentType?: string;
}

export function multipart(parts: Part[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----abri${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.filename !== undefined ? `; filename="${part.filename}"` : ''}`;
    const type =
      part.filename !== undefined
        ? `\r\nContent-Type: ${part.contentType ?? 'application/octet-stream'}`
        : '';
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}${type}\r\n\r\n`));
    chunks.push(Buffer.isBuffer(part.value) ? part.value : Buffer.from(part.value));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const pad = (head: number[], size = 64) => Buffer.concat([Buffer.from(head), randomBytes(size)]);
export const PNG = () =>
  pad([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
export const JPEG = () => pad([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]);
export const WEBP = () =>
  pad([0x52, 0x49, 0x46, 0x46, 0x40, 0, 0, 0, 0x57, 0x45, 0x42, 0x50, 0x56, 0x50, 0x38, 0x20]);
/** A Windows executable: "MZ", then a DOS stub. */
export const EXE = () => pad([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]);

/** The reports holding this account name (tests tag each report with a unique one). */
export async function reportsTagged(app: FastifyInstance, account: string) {
  return app.context.db.selectFrom('reports').selectAll().where('account', '=', account).execute();
}

export async function itemFor(app: FastifyInstance, key: string) {
  return app.context.db
    .selectFrom('hotline_items')
    .selectAll()
    .where('dedup_key', '=', key)
    .executeTakeFirst();
}
