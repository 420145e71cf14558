// The SQL of case documents (metadata only unless the content is asked for), shared by the case view and
// the upload and download service.
import type { TCaseDocument } from '@abri/contracts';
import type { Db } from '../../database.ts';

export function presentDocument(row: {
  id: string;
  filename: string;
  content_type: string;
  size: number;
  sha256: string;
  created_at: Date;
  uploaded_by_name: string | null;
}): TCaseDocument {
  return {
    id: row.id,
    filename: row.filename,
    contentType: row.content_type as TCaseDocument['contentType'],
    size: row.size,
    sha256: row.sha256,
    uploadedByName: row.uploaded_by_name,
    uploadedAt: row.created_at.toISOString(),
  };
}

export function documentQuery(db: Db) {
  return db
    .selectFrom('case_documents as d')
    .leftJoin('users as u', 'u.id', 'd.uploaded_by')
    .select([
      'd.id',
      'd.case_id',
      'd.filename',
      'd.content_type',
      'd.size',
      'd.sha256',
      'd.created_at',
      'u.display_name as uploaded_by_name',
    ]);
}

export async function listDocuments(db: Db, caseId: string): Promise<TCaseDocument[]> {
  const rows = await documentQuery(db).where('d.case_id', '=', caseId).orderBy('d.created_at').execute();
  return rows.map(presentDocument);
}
