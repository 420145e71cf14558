// Staff accounts: the alias a counsellor is shown to children under (never the account's name), and
// two-step verification required for every role unless an administrator relaxes it for one.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table users add column alias text`.execute(db);
  // The old setting listed the roles that needed a second factor (administrators only by default). The new
  // one lists the roles relaxed from it, and starts empty: everyone without a second factor enrols at their
  // next login. An administrator who wants a role relaxed says so again, and that change is audited.
  await sql`
    update settings
    set value = (value - 'totpRequiredRoles') || '{"totpRelaxedRoles": []}'::jsonb
    where key = 'security'`.execute(db);
}
