// Runs the ordered list of migrations with Kysely's Migrator (it records what ran and takes a lock, so two
// instances starting together do not race).
import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';

export interface MigrationOutcome {
  applied: string[];
}

export async function migrateToLatest(
  // biome-ignore lint/suspicious/noExplicitAny: migrations work on any schema.
  db: Kysely<any>,
  migrations: Record<string, Migration>,
): Promise<MigrationOutcome> {
  const provider: MigrationProvider = { getMigrations: async () => migrations };
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${String(error)}`, {
      cause: error,
    });
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}
