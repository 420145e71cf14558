// Documents attached to a case. What a file is comes from its bytes, not from its name or the browser's
// claim: PDF, PNG, JPEG, or UTF-8 text without control characters. Anything else is refused, and files
// are only ever sent back as downloads (never rendered inline by Abri's own pages).
import { createHash } from 'node:crypto';
import { CASE_DOCUMENT_MAX_BYTES, type TCaseDocument } from '@abri/contracts';
import type { Db } from '../../database.ts';
import { inTransaction } from '../../database.ts';
import { AppError } from '../../infra/errors.ts';
import { recordAudit } from '../audit/index.ts';
import type { RecordActor, VisibilityOptions } from './case.policy.ts';
import { addCaseEvent, loadCase } from './cases.service.ts';
import { documentQuery, presentDocument } from './documents.repository.ts';

type DocumentType = TCaseDocument['contentType'];

const startsWith = (bytes: Uint8Array, signature: number[]) =>
  signature.every((byte, i) => bytes[i] === byte);

/** The type of a file from its first bytes, or null when it is none of the accepted ones. */
export function detectDocumentType(bytes: Uint8Array): DocumentType | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    // Text, not a binary with a text-like start: tabs and line breaks only among control characters.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
    if (!/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) return 'text/plain';
  } catch {
    // not UTF-8
  }
  return null;
}

/** A file name safe to store and to put in a Content-Disposition header. */
export function safeFilename(raw: string | undefined, type: DocumentType): string {
  const extension = {
    'application/pdf': 'pdf',
    'image/png': 'png',
    'image/jpeg': 'jpg',
    'text/plain': 'txt',
  }[type];
  const base = (raw ?? '')
    .normalize('NFC')
    .replace(/.*[\\/]/, '')
    .replace(/[^\p{L}\p{N} ._()-]+/gu, '_')
    .replace(/^[.\s]+/, '')
    .trim()
    .slice(0, 120);
  const stem = base.replace(/\.[^.]*$/, '') || 'document';
  return `${stem}.${extension}`;
}

export async function addDocument(
  db: Db,
  actor: RecordActor,
  options: VisibilityOptions,
  caseId: string,
  file: { filename: string | undefined; bytes: Uint8Array },
  now: Date,
): Promise<TCaseDocument> {
  if (file.bytes.length === 0) throw new AppError('CASE_DOCUMENT_EMPTY');
  if (file.bytes.length > CASE_DOCUMENT_MAX_BYTES) throw new AppError('REQUEST_TOO_LARGE');
  const type = detectDocumentType(file.bytes);
  if (!type) throw new AppError('CASE_DOCUMENT_TYPE');
  return inTransaction(db, async (tx) => {
    const theCase = await loadCase(tx, actor, options, caseId);
    if (theCase.status === 'closed') throw new AppError('CASE_CLOSED');
    const filename = safeFilename(file.filename, type);
    const inserted = await tx
      .insertInto('case_documents')
      .values({
        case_id: caseId,
        filename,
        content_type: type,
        size: file.bytes.length,
        sha256: createHash('sha256').update(file.bytes).digest('hex'),
        content: file.bytes,
        uploaded_by: actor.id,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await addCaseEvent(
      tx,
      caseId,
      {
        kind: 'document',
        actorId: actor.id,
        data: { documentId: inserted.id, filename, size: file.bytes.length },
      },
      now,
    );
    await tx.updateTable('cases').set({ updated_at: now }).where('id', '=', caseId).execute();
    await recordAudit(tx, {
      actor,
      action: 'case.document_added',
      subject: { type: 'case', id: caseId },
      details: { documentId: inserted.id, type, size: file.bytes.length },
    });
    const row = await documentQuery(tx).where('d.id', '=', inserted.id).executeTakeFirstOrThrow();
    return presentDocument(row);
  });
}

/** A document's bytes, for a reader who may see its case. */
export async function readDocument(
  db: Db,
  actor: RecordActor,
  options: VisibilityOptions,
  caseId: string,
  documentId: string,
): Promise<{ document: TCaseDocument; content: Uint8Array }> {
  await loadCase(db, actor, options, caseId);
  const row = await documentQuery(db)
    .select('d.content')
    .where('d.id', '=', documentId)
    .where('d.case_id', '=', caseId)
    .executeTakeFirst();
  if (!row) throw new AppError('CASE_DOCUMENT_NOT_FOUND');
  return { document: presentDocument(row), content: row.content };
}
