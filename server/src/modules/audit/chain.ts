// How one audit entry is linked to the one before it. Scheme 1 (entries written before migration 0010) is a
// plain SHA-256 of the previous hash and the entry: anyone with database rights could recompute a whole
// rewritten chain. Scheme 2 is an HMAC-SHA256 with the 'audit-chain' key derived from the instance's secret,
// which never enters the database: without the key, a changed, moved or inserted entry cannot be made to
// link again.
import { createHmac } from 'node:crypto';
import { sha256Hex } from '../../infra/crypto.ts';

export const GENESIS = '0'.repeat(64);
export const SCHEME_SHA256 = 1;
export const SCHEME_HMAC = 2;

/** JSON with object keys sorted at every depth, so that a value hashes the same after a jsonb round trip. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export interface HashedFields {
  seq: number;
  at: Date;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  details: unknown;
}

function linkInput(prevHash: string, row: HashedFields): string {
  const body = canonicalJson({
    seq: row.seq,
    at: row.at.toISOString(),
    actorId: row.actor_id,
    actorName: row.actor_name,
    action: row.action,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    details: row.details,
  });
  return `${prevHash}\n${body}`;
}

/** Scheme 1, kept to verify the entries written before the chain was keyed. */
export function entryHash(prevHash: string, row: HashedFields): string {
  return sha256Hex(linkInput(prevHash, row));
}

/** The link of an entry under its scheme; the sequence number is inside, so a moved entry no longer links. */
export function entryLink(scheme: number, key: Buffer, prevHash: string, row: HashedFields): string | null {
  if (scheme === SCHEME_SHA256) return entryHash(prevHash, row);
  if (scheme === SCHEME_HMAC) return createHmac('sha256', key).update(linkInput(prevHash, row)).digest('hex');
  return null;
}
