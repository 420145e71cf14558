import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { buildTestApp, loggedIn, withPrivateDatabase } from '../../../test/helpers.ts';
import type { Database } from '../../database.ts';
import { connectDatabase } from '../../infra/db/connect.ts';
import { main } from '../../main.ts';
import { canonicalJson, recordAudit, verifyAuditChain } from './index.ts';

describe('audit trail', () => {
  it('hashes values the same after a jsonb round trip', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('refuses ordinary UPDATE and DELETE of entries', async () => {
    const app = await buildTestApp();
    try {
      const seq = await recordAudit(app.context.db, {
        actor: { id: null, name: 'test' },
        action: 'auth.logout',
        details: {},
      });
      await expect(
        sql`update audit_events set action = 'x' where seq = ${seq}`.execute(app.context.db),
      ).rejects.toThrow(/append-only/);
      await expect(sql`delete from audit_events where seq = ${seq}`.execute(app.context.db)).rejects.toThrow(
        /append-only/,
      );
    } finally {
      await app.close();
    }
  });

  it("verifies an intact chain, then names the entry altered behind the trigger's back", async () => {
    await withPrivateDatabase(async (env) => {
      const app = await buildTestApp({ env });
      try {
        const { db } = app.context;
        for (let i = 0; i < 5; i += 1) {
          await recordAudit(db, {
            actor: { id: null, name: 'test' },
            action: 'settings.updated',
            details: { keys: [`k${i}`] },
          });
        }
        // Concurrent appends still form one chain.
        await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            recordAudit(db, {
              actor: { id: null, name: 'test' },
              action: 'auth.logout',
              details: { n: i } as never,
            }),
          ),
        );
        const intact = await verifyAuditChain(db);
        expect(intact).toMatchObject({ ok: true, checked: 15, firstBroken: null });

        // An attacker with database rights disables the trigger and rewrites entry #3.
        await db.transaction().execute(async (tx) => {
          await sql`alter table audit_events disable trigger audit_events_no_change`.execute(tx);
          await sql`update audit_events set details = '{"keys":["forged"]}' where seq = 3`.execute(tx);
          await sql`alter table audit_events enable trigger audit_events_no_change`.execute(tx);
        });
        const altered = await verifyAuditChain(db);
        expect(altered.ok).toBe(false);
        expect(altered.firstBroken).toEqual({ seq: 3, reason: 'entry #3 was altered after it was written' });
      } finally {
        await app.close();
      }
    });
  });

  it('notices deleted entries, in the middle and at the end', async () => {
    await withPrivateDatabase(async (env) => {
      const app = await buildTestApp({ env });
      try {
        const { db } = app.context;
        for (let i = 0; i < 6; i += 1)
          await recordAudit(db, { actor: { id: null, name: 'test' }, action: 'auth.logout', details: {} });
        await db.transaction().execute(async (tx) => {
          await sql`alter table audit_events disable trigger audit_events_no_change`.execute(tx);
          await sql`delete from audit_events where seq = 6`.execute(tx);
          await sql`alter table audit_events enable trigger audit_events_no_change`.execute(tx);
        });
        expect((await verifyAuditChain(db)).firstBroken?.seq).toBe(6);
        await db.transaction().execute(async (tx) => {
          await sql`alter table audit_events disable trigger audit_events_no_change`.execute(tx);
          await sql`delete from audit_events where seq = 2`.execute(tx);
          await sql`alter table audit_events enable trigger audit_events_no_change`.execute(tx);
        });
        expect((await verifyAuditChain(db)).firstBroken).toEqual({
          seq: 2,
          reason: 'entry #2 is missing (deleted)',
        });
      } finally {
        await app.close();
      }
    });
  });

  it('`abri audit verify` says OK, then names the altered entry', async () => {
    await withPrivateDatabase(async (env) => {
      const dataDir = `/tmp/abri-audit-cli-${randomBytes(4).toString('hex')}`;
      const previous = { ...process.env };
      Object.assign(process.env, { DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env });
      if (!env.DATABASE_URL) delete process.env.DATABASE_URL;
      try {
        const lines: string[] = [];
        const out = (line: string) => lines.push(line);
        // The CLI creates a user, which writes audit entries, then verifies.
        expect(
          await main(['admin', 'create-user', '--username', 'cli-user', '--roles', 'counsellor'], out, out),
        ).toBe(0);
        expect(await main(['audit', 'verify'], out, out)).toBe(0);
        // The create-user command anchored the head it left when it closed the database.
        expect(lines.at(-1)).toMatch(/^OK: 1 audit entries, chain intact; anchored up to #1 \(\S+\)\.$/);
        expect(await main(['audit', 'verify'], out, out)).toBe(0);
        expect(lines.at(-1)).toMatch(
          /^OK: 0 new audit entries after #1 \(verified before; --full walks all 1\), chain intact; anchored up to #1/,
        );
        expect(await main(['audit', 'verify', '--full'], out, out)).toBe(0);
        expect(lines.at(-1)).toMatch(/^OK: 1 audit entries, chain intact;/);
        // Without its anchors, the trail is not called intact without a warning.
        fs.rmSync(`${dataDir}/audit-anchor.log`);
        expect(await main(['audit', 'verify'], out, out)).toBe(3);
        expect(lines.at(-2)).toBe(
          `WARNING: anchor file ${dataDir}/audit-anchor.log: the file does not exist; without its anchors, the newest entries could have been deleted without trace.`,
        );
        expect(lines.at(-1)).toMatch(
          /^UNANCHORED: 0 new audit entries after #1 .*, chain intact, but not every anchor/,
        );
        const handle = await connectDatabase<Database>({
          databaseUrl: env.DATABASE_URL || undefined,
          pgliteDir: env.DATABASE_URL ? undefined : `${dataDir}/pglite`,
        });
        await handle.db.transaction().execute(async (tx) => {
          await sql`alter table audit_events disable trigger audit_events_no_change`.execute(tx);
          await sql`update audit_events set actor_name = 'someone else' where seq = 1`.execute(tx);
          await sql`alter table audit_events enable trigger audit_events_no_change`.execute(tx);
        });
        await handle.close();
        expect(await main(['audit', 'verify'], out, out)).toBe(1);
        expect(lines.at(-1)).toContain('first broken entry: #1');
      } finally {
        process.env = previous;
      }
    });
    // Each command opens the embedded database from disk.
  }, 120_000);

  it('lets administrators browse, filter and export the trail; exports are audited', async () => {
    const app = await buildTestApp();
    try {
      const { client, staff } = await loggedIn(app, { roles: ['admin'] });
      const page = await client.get(`/api/admin/audit?actor=${staff.username}&limit=5`);
      expect(page.statusCode).toBe(200);
      const events = page.json().events;
      expect(events.length).toBeGreaterThan(0);
      expect(events.every((e: { actorName: string }) => e.actorName === staff.username)).toBe(true);
      expect(events.map((e: { action: string }) => e.action)).toContain('auth.login');

      const logins = await client.get('/api/admin/audit?action=auth.&limit=200');
      expect(logins.json().events.every((e: { action: string }) => e.action.startsWith('auth.'))).toBe(true);

      const csv = await client.get(`/api/admin/audit/export.csv?actor=${staff.username}`);
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.body.split('\n')[0]).toBe(
        'seq,at,actor_id,actor_name,action,subject_type,subject_id,details',
      );
      const after = await client.get(`/api/admin/audit?actor=${staff.username}&action=audit.exported`);
      expect(after.json().events).toHaveLength(1);

      const bad = await client.get('/api/admin/audit?limit=100000');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.code).toBe('REQUEST_INVALID');
    } finally {
      await app.close();
    }
  });
});
