// `abri admin create-user --alias`: the name children will see is set with the account, and checked like
// the console's.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { withPrivateDatabase } from '../../../test/helpers.ts';
import type { Database } from '../../database.ts';
import { connectDatabase } from '../../infra/db/connect.ts';
import { main } from '../../main.ts';

describe('abri admin create-user --alias', () => {
  it('stores the alias with the account, and refuses one with markup', async () => {
    await withPrivateDatabase(async (env) => {
      const dataDir = `/tmp/abri-alias-cli-${randomBytes(4).toString('hex')}`;
      const previous = { ...process.env };
      Object.assign(process.env, { DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env });
      if (!env.DATABASE_URL) delete process.env.DATABASE_URL;
      try {
        const lines: string[] = [];
        const out = (line: string) => lines.push(line);
        const args = ['admin', 'create-user', '--roles', 'counsellor', '--display-name', 'Camille Laurent'];
        expect(await main([...args, '--username', 'camille', '--alias', ' Camille '], out, out)).toBe(0);
        expect(await main([...args, '--username', 'noalias'], out, out)).toBe(0);
        expect(await main([...args, '--username', 'marked', '--alias', '<b>x</b>'], out, out)).not.toBe(0);
        expect(lines.join('\n')).toContain('alias');
        const handle = await connectDatabase<Database>({
          databaseUrl: env.DATABASE_URL || undefined,
          pgliteDir: env.DATABASE_URL ? undefined : `${dataDir}/pglite`,
        });
        try {
          const rows = await handle.db
            .selectFrom('users')
            .select(['username', 'display_name', 'alias'])
            .orderBy('username')
            .execute();
          expect(rows).toEqual([
            { username: 'camille', display_name: 'Camille Laurent', alias: 'Camille' },
            { username: 'noalias', display_name: 'Camille Laurent', alias: null },
          ]);
        } finally {
          await handle.close();
        }
      } finally {
        process.env = previous;
      }
    });
  });
});
