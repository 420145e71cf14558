// The whole schema as Kysely sees it: each module declares its own tables; this file only joins them.
import type { Kysely, Transaction } from 'kysely';
import type { InfraTables } from './infra/tables.ts';
import type { AuditTables } from './modules/audit/tables.ts';
import type { CasesTables } from './modules/cases/tables.ts';
import type { EscalationsTables } from './modules/escalations/tables.ts';
import type { GuidanceTables } from './modules/guidance/tables.ts';
import type { HelplineTables } from './modules/helpline/tables.ts';
import type { HotlineTables } from './modules/hotline/tables.ts';
import type { IdentityTables } from './modules/identity/tables.ts';
import type { MediaTables } from './modules/media/tables.ts';
import type { SettingsTables } from './modules/settings/tables.ts';

export interface Database
  extends IdentityTables,
    AuditTables,
    HelplineTables,
    SettingsTables,
    GuidanceTables,
    CasesTables,
    EscalationsTables,
    HotlineTables,
    MediaTables,
    InfraTables {}

/** A database handle or an open transaction: repositories accept either, callers decide the boundary. */
export type Db = Kysely<Database> | Transaction<Database>;

export async function inTransaction<T>(db: Db, work: (tx: Transaction<Database>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db as Transaction<Database>);
  return db.transaction().execute(work);
}
