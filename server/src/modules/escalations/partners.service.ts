// Escalation partners as data: seeded from content/partners.json (new codes are added on upgrade; an
// administrator's edits are never overwritten) and edited in the console.
import type { TPartner, TPartnerInput } from '@abri/contracts';
import type { Db } from '../../database.ts';
import { AppError } from '../../infra/errors.ts';
import { type AuditActor, recordAudit } from '../audit/index.ts';
import type { PartnerRow } from './tables.ts';

export function presentPartner(row: PartnerRow): TPartner {
  return {
    id: row.id,
    code: row.code,
    kind: row.kind as TPartner['kind'],
    name: row.name,
    email: row.email,
    phone: row.phone,
    url: row.url,
    regions: row.regions,
    notes: row.notes,
    active: row.active,
  };
}

const columns = (input: TPartnerInput) => ({
  code: input.code,
  kind: input.kind,
  name: input.name,
  email: input.email,
  phone: input.phone,
  url: input.url,
  regions: [...new Set(input.regions)],
  notes: input.notes,
  active: input.active,
});

export async function seedPartners(db: Db, partners: TPartnerInput[]): Promise<void> {
  if (partners.length === 0) return;
  await db
    .insertInto('partners')
    .values(partners.map(columns))
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
}

export async function listPartners(db: Db): Promise<TPartner[]> {
  const rows = await db.selectFrom('partners').selectAll().orderBy('kind').orderBy('name').execute();
  return rows.map(presentPartner);
}

export async function findPartner(db: Db, id: string): Promise<PartnerRow> {
  const row = await db.selectFrom('partners').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('PARTNER_NOT_FOUND');
  return row;
}

export async function savePartner(
  db: Db,
  actor: AuditActor,
  id: string | null,
  input: TPartnerInput,
  now: Date,
): Promise<TPartner> {
  const taken = await db
    .selectFrom('partners')
    .select('id')
    .where('code', '=', input.code)
    .$if(id !== null, (qb) => qb.where('id', '<>', id!))
    .executeTakeFirst();
  if (taken) throw new AppError('PARTNER_CODE_TAKEN');
  let row: PartnerRow | undefined;
  if (id === null) {
    row = await db.insertInto('partners').values(columns(input)).returningAll().executeTakeFirstOrThrow();
  } else {
    row = await db
      .updateTable('partners')
      .set({ ...columns(input), updated_at: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new AppError('PARTNER_NOT_FOUND');
  }
  await recordAudit(db, {
    actor,
    action: 'partner.changed',
    subject: { type: 'partner', id: row.id },
    details: { code: input.code, change: id === null ? 'created' : 'updated' },
  });
  return presentPartner(row);
}
