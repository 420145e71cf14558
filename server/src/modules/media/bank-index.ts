// This instance's copy of the PDQ hashes of every active bank, in a multi-index (packages/pdq). Each instance
// holds its own and reloads it when the banks' version moves: told by the bus at once, and by a poll in case
// a message was missed. A reload builds a new index beside the one in service, which keeps answering until
// the new one replaces it; matching code that needs the newest banks awaits `current()`.
import type { TBankIndexStatus } from '@abri/contracts';
import { fromHex, type PdqIndex, PdqIndexBuilder } from '@abri/pdq';
import { sql } from 'kysely';
import type { Db } from '../../database.ts';

/** Rows read per page while loading (keyset pagination on the entry id). */
const PAGE = 50_000;

interface BankThreshold {
  id: string;
  maxDistance: number;
}

/** One loaded copy of the index, with the bank version it reflects. */
export interface LoadedIndex {
  version: number;
  index: PdqIndex;
  /** hash_bank_entries.id of each index position (bigserial ids stay far below 2^53). */
  entryIds: Float64Array;
  /** Position in `banks` of each index position's bank. */
  bankOf: Uint16Array;
  banks: BankThreshold[];
  /** The largest threshold of any bank: the radius searched before each bank's own threshold applies. */
  radius: number;
  builtAt: Date;
  buildMs: number;
}

export interface PdqHit {
  entryId: number;
  bankId: string;
  distance: number;
}

export async function banksVersion(db: Db): Promise<number> {
  const row = await db
    .selectFrom('hash_banks_state')
    .select('version')
    .where('id', '=', 1)
    .executeTakeFirst();
  return Number(row?.version ?? 0);
}

/** Every change to banks or entries calls this in its own transaction, so the version moves with the data. */
export async function bumpBanksVersion(db: Db): Promise<number> {
  const row = await db
    .updateTable('hash_banks_state')
    .set({ version: sql<number>`version + 1` })
    .where('id', '=', 1)
    .returning('version')
    .executeTakeFirstOrThrow();
  return Number(row.version);
}

export class BankIndex {
  #loaded: LoadedIndex | undefined;
  #loading: Promise<LoadedIndex> | undefined;
  #latestSeen = 0;
  #error: string | null = null;

  constructor(private readonly db: Db) {}

  /** The index for the newest banks: reloads first when the database has moved on. */
  async current(): Promise<LoadedIndex> {
    const version = await banksVersion(this.db);
    this.#latestSeen = Math.max(this.#latestSeen, version);
    // A load already under way may have started before this version was committed: wait for a newer one.
    for (;;) {
      if (this.#loaded && this.#loaded.version >= version) return this.#loaded;
      const loaded = await this.#reload();
      if (loaded.version >= version) return loaded;
    }
  }

  /** Called on a bus message or a poll: reload in the background if the version moved. */
  async refresh(): Promise<void> {
    try {
      await this.current();
    } catch {
      // #reload recorded the error for the status; the next poll tries again.
    }
  }

  /** PDQ entries within each bank's threshold of this hash, closest first. */
  async matchPdq(hex: string, loaded?: LoadedIndex): Promise<PdqHit[]> {
    return searchLoaded(loaded ?? (await this.current()), fromHex(hex));
  }

  status(): TBankIndexStatus {
    const loaded = this.#loaded;
    return {
      loadedVersion: loaded?.version ?? 0,
      currentVersion: this.#latestSeen,
      loading: this.#loading !== undefined,
      hashes: loaded?.index.size ?? 0,
      memoryBytes: loaded
        ? loaded.index.memoryBytes + loaded.entryIds.byteLength + loaded.bankOf.byteLength
        : 0,
      buildMs: loaded?.buildMs ?? null,
      builtAt: loaded?.builtAt.toISOString() ?? null,
      error: this.#error,
    };
  }

  #reload(): Promise<LoadedIndex> {
    // One load at a time; callers arriving meanwhile wait for it (and a newer version triggers one more).
    this.#loading ??= this.#load()
      .then((loaded) => {
        this.#loaded = loaded;
        this.#error = null;
        return loaded;
      })
      .catch((error: unknown) => {
        this.#error = (error as Error).message;
        throw error;
      })
      .finally(() => {
        this.#loading = undefined;
      });
    return this.#loading;
  }

  async #load(): Promise<LoadedIndex> {
    const started = performance.now();
    // The version is read before the rows: a change committed meanwhile bumps it again, and is loaded next.
    const version = await banksVersion(this.db);
    const bankRows = await this.db
      .selectFrom('hash_banks')
      .select(['id', 'pdq_max_distance'])
      .where('active', '=', true)
      .orderBy('name')
      .execute();
    const banks = bankRows.map((row) => ({ id: row.id, maxDistance: row.pdq_max_distance }));
    const bankPosition = new Map(banks.map((bank, i) => [bank.id, i]));
    const builder = new PdqIndexBuilder();
    let entryIds = new Float64Array(1024);
    let bankOf = new Uint16Array(1024);
    let after = 0;
    for (;;) {
      const rows = await this.db
        .selectFrom('hash_bank_entries as e')
        .innerJoin('hash_banks as b', 'b.id', 'e.bank_id')
        .select(['e.id', 'e.bank_id', 'e.value'])
        .where('e.algorithm', '=', 'pdq')
        .where('b.active', '=', true)
        .where('e.id', '>', after)
        .orderBy('e.id')
        .limit(PAGE)
        .execute();
      for (const row of rows) {
        const position = builder.addHex(row.value);
        if (position >= entryIds.length) {
          const ids = new Float64Array(entryIds.length * 2);
          ids.set(entryIds);
          entryIds = ids;
          const owners = new Uint16Array(bankOf.length * 2);
          owners.set(bankOf);
          bankOf = owners;
        }
        entryIds[position] = Number(row.id);
        bankOf[position] = bankPosition.get(row.bank_id)!;
      }
      if (rows.length < PAGE) break;
      after = rows[rows.length - 1]!.id;
    }
    const index = builder.build();
    const size = index.size;
    return {
      version,
      index,
      entryIds: entryIds.slice(0, size),
      bankOf: bankOf.slice(0, size),
      banks,
      radius: banks.reduce((max, bank) => Math.max(max, bank.maxDistance), 0),
      builtAt: new Date(),
      buildMs: Math.round(performance.now() - started),
    };
  }
}

function searchLoaded(loaded: LoadedIndex, hash: Uint8Array): PdqHit[] {
  if (loaded.index.size === 0) return [];
  const hits: PdqHit[] = [];
  for (const match of loaded.index.search(hash, loaded.radius)) {
    const bank = loaded.banks[loaded.bankOf[match.position]!]!;
    if (match.distance > bank.maxDistance) continue;
    hits.push({ entryId: loaded.entryIds[match.position]!, bankId: bank.id, distance: match.distance });
  }
  return hits;
}
