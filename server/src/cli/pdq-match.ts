// The database side of `abri pdq match --bank NAME`: the bank's PDQ hashes put in a multi-index for the
// occasion (one bank, read once), its digests looked up by equality. The bank is matched whether active or
// not: the operator named it.
import { fromHex, PdqIndexBuilder } from '@abri/pdq';
import type { Kysely } from 'kysely';
import type { Database } from '../database.ts';
import { type BankMatch, type FileHashes, UnknownBank } from './pdq.ts';

const DIGESTS = ['md5', 'sha1', 'sha256'] as const;

export async function matchInBank(
  db: Kysely<Database>,
  bankName: string,
  hashes: FileHashes[],
  maxDistance: number | undefined,
): Promise<{ file: string; matches: BankMatch[] }[]> {
  const bank = await db
    .selectFrom('hash_banks')
    .select(['id', 'name', 'pdq_max_distance'])
    .where('name', '=', bankName)
    .executeTakeFirst();
  if (!bank) throw new UnknownBank(bankName);
  const radius = maxDistance ?? bank.pdq_max_distance;

  const pdqEntries = await db
    .selectFrom('hash_bank_entries')
    .select(['value', 'label'])
    .where('bank_id', '=', bank.id)
    .where('algorithm', '=', 'pdq')
    .orderBy('id')
    .execute();
  const builder = new PdqIndexBuilder();
  const entryAt: { value: string; label: string | null }[] = [];
  for (const entry of pdqEntries) entryAt[builder.addHex(entry.value)] = entry;
  const index = pdqEntries.length > 0 ? builder.build() : null;

  const digestEntries = new Map<string, { value: string; label: string | null }>();
  for (const algorithm of DIGESTS) {
    const values = [...new Set(hashes.map((hash) => hash[algorithm]))];
    const rows = await db
      .selectFrom('hash_bank_entries')
      .select(['value', 'label'])
      .where('bank_id', '=', bank.id)
      .where('algorithm', '=', algorithm)
      .where('value', 'in', values)
      .execute();
    for (const row of rows) digestEntries.set(`${algorithm}:${row.value}`, row);
  }

  return hashes.map((hash) => {
    const matches: BankMatch[] = [];
    // The all-zero hash of an image too small to hash (quality 0) describes nothing: not matched by PDQ.
    if (index && hash.quality > 0) {
      const hits = index.search(fromHex(hash.pdq), radius).sort((a, b) => a.distance - b.distance);
      for (const hit of hits) {
        const entry = entryAt[hit.position]!;
        matches.push({
          bank: bank.name,
          algorithm: 'pdq',
          value: entry.value,
          distance: hit.distance,
          label: entry.label,
        });
      }
    }
    for (const algorithm of DIGESTS) {
      const entry = digestEntries.get(`${algorithm}:${hash[algorithm]}`);
      if (entry)
        matches.push({ bank: bank.name, algorithm, value: entry.value, distance: 0, label: entry.label });
    }
    return { file: hash.file, matches };
  });
}
