// Where an item is hosted, looked up when an analyst opens it for the first time or asks again, and kept
// with the item (the table version it was read from is kept too: a later table may say otherwise).
import { type Db, inTransaction } from '../../../database.ts';
import { recordAudit } from '../../audit/index.ts';
import { type LookupDns, resolveHosting } from '../hosting.ts';
import { type Analyst, lockItem } from './items.service.ts';
import type { IpRangeTables } from './reference-data.ts';

export interface HostingLookup {
  tables: IpRangeTables;
  lookupDns: LookupDns;
}

/** An account inside an app has no host to look up: the platform is the provider. */
export async function resolveItemHosting(
  db: Db,
  id: string,
  lookup: HostingLookup,
  actor: Analyst | null,
  now: Date,
): Promise<void> {
  const item = await db
    .selectFrom('hotline_items')
    .select(['kind', 'host'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (item?.kind !== 'url') return;
  const loaded = await lookup.tables.current(db);
  const empty = { starts: [], ends: [], hosting: [] };
  // DNS is asked outside the transaction: an analyst waiting on a slow resolver must not hold a row lock.
  const result = await resolveHosting(item.host, {
    table: loaded?.table ?? empty,
    lookupDns: lookup.lookupDns,
  });
  const values = {
    ips: result.ips,
    country: result.country,
    asn: result.asn,
    provider: result.provider,
    addresses: JSON.stringify(result.addresses),
    error: result.error ?? null,
    table_version: loaded?.version ?? null,
    resolved_at: now,
  };
  await inTransaction(db, async (tx) => {
    await lockItem(tx, id);
    await tx
      .insertInto('hotline_hosting')
      .values({ item_id: id, ...values })
      .onConflict((oc) => oc.column('item_id').doUpdateSet(values))
      .execute();
    if (actor)
      await recordAudit(
        tx,
        {
          actor,
          action: 'hotline.hosting_resolved',
          subject: { type: 'hotline_item', id },
          details: { country: result.country, error: result.error ?? null },
        },
        now,
      );
  });
}
