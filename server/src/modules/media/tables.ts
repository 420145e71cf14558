// The media module's tables as Kysely sees them (migration 0008-media).
import type { TBankKind, THashAlgorithm, TImportMode } from '@abri/contracts';
import type { ColumnType, Generated } from 'kysely';

type Default<T> = ColumnType<T, T | undefined, T>;

export interface HashBanksTable {
  id: Generated<string>;
  /** What `abri pdq match --bank NAME` takes. */
  name: string;
  kind: TBankKind;
  source: string;
  description: Default<string>;
  pdq_max_distance: Default<number>;
  active: Default<boolean>;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface HashBankImportsTable {
  id: Generated<string>;
  bank_id: string;
  filename: string | null;
  mode: TImportMode;
  format: 'csv' | 'text';
  lines: number;
  added: number;
  duplicates: number;
  invalid: number;
  applied: boolean;
  imported_by: string | null;
  imported_at: Date;
}

// bigint columns read as JS numbers (infra/db/connect.ts): ids and versions stay far below 2^53.
export interface HashBankEntriesTable {
  id: Generated<number>;
  bank_id: string;
  algorithm: THashAlgorithm;
  /** Lower-case hex. */
  value: string;
  quality: number | null;
  label: string | null;
  import_id: string | null;
  added_by: string | null;
  added_at: Date;
}

/** One row: a counter every bank change bumps in the same transaction. */
export interface HashBanksStateTable {
  id: number;
  version: number;
}

export type MediaStatus = 'pending' | 'hashed' | 'refused';

export interface MediaHashesTable {
  id: Generated<string>;
  report_file_id: string | null;
  status: Default<MediaStatus>;
  pdq: Default<string | null>;
  quality: Default<number | null>;
  md5: string;
  sha1: string;
  sha256: string;
  width: Default<number | null>;
  height: Default<number | null>;
  refused_reason: Default<string | null>;
  /** The bank version this image was last matched against. */
  banks_version: Default<number | null>;
  created_at: Date;
  hashed_at: Default<Date | null>;
}

export interface MediaMatchesTable {
  media_id: string;
  entry_id: number;
  bank_id: string;
  algorithm: THashAlgorithm;
  distance: number;
  matched_at: Date;
}

export interface MediaTables {
  hash_banks: HashBanksTable;
  hash_bank_imports: HashBankImportsTable;
  hash_bank_entries: HashBankEntriesTable;
  hash_banks_state: HashBanksStateTable;
  media_hashes: MediaHashesTable;
  media_matches: MediaMatchesTable;
}
