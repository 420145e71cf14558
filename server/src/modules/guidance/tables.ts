import type { TPlatformGuideBody, TProtocolBody, TTaxonomyItem } from '@abri/contracts';
import type { ColumnType, Selectable } from 'kysely';

type Json<T> = ColumnType<T, string, never>;
type Default<T> = ColumnType<T, T | undefined, never>;

/** Where a version came from: the content file shipped with Abri, or an administrator's edit. */
export type VersionSource = 'seed' | 'console';

export interface ProtocolVersionsTable {
  topic: string;
  version: number;
  body: Json<TProtocolBody>;
  source: VersionSource;
  /** For seeded versions: the `version` of the content file, so a newer shipped file is picked up. */
  seed_version: number | null;
  note: string | null;
  created_by: string | null;
  created_at: Default<Date>;
}
export type ProtocolVersionRow = Selectable<ProtocolVersionsTable>;

export interface PlatformGuideVersionsTable {
  version: number;
  body: Json<TPlatformGuideBody>;
  source: VersionSource;
  seed_version: number | null;
  note: string | null;
  created_by: string | null;
  created_at: Default<Date>;
}

export interface TaxonomyVersionsTable {
  name: string;
  version: number;
  groups: Json<Record<string, { fr: string; en: string }>>;
  items: Json<TTaxonomyItem[]>;
  source: VersionSource;
  seed_version: number | null;
  created_by: string | null;
  created_at: Default<Date>;
}
export type TaxonomyVersionRow = Selectable<TaxonomyVersionsTable>;

export interface GuidanceTables {
  protocol_versions: ProtocolVersionsTable;
  platform_guide_versions: PlatformGuideVersionsTable;
  taxonomy_versions: TaxonomyVersionsTable;
}
