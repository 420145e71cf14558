// Two Abri processes on one PostgreSQL database and one Redis, as in production behind a load balancer:
// the visitor talks to instance A, the counsellor to instance B. Then A stops: the visitor's page sees the
// connection lost; back with the resumption code on B, the visitor finds the whole conversation (with what
// the counsellor wrote meanwhile), and the chat goes on with nothing lost and nothing shown twice.
//
// Declared only when E2E_DATABASE_URL (a PostgreSQL server where databases may be created) and
// E2E_REDIS_URL are set, e.g.
//   E2E_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test E2E_REDIS_URL=redis://127.0.0.1:6379 npm run test:e2e
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import pg from 'pg';
import { fillPreChat, People, visitor, workspace } from './chat-helpers.ts';
import { ALWAYS_OPEN, apiCall, firstLogin, startServer, stopServer, waitForStart } from './global-setup.ts';
import { apiLogin } from './second-factor.ts';

const serverUrl = process.env.E2E_DATABASE_URL;
const redisUrl = process.env.E2E_REDIS_URL;

if (serverUrl && redisUrl) {
  const root = path.resolve(import.meta.dirname, '../..');
  const basePort = Number(process.env.E2E_PORT ?? '3210');
  const ports = { a: basePort + 11, b: basePort + 12 };
  const origin = (port: number) => `http://127.0.0.1:${port}`;
  const A = origin(ports.a);
  const B = origin(ports.b);
  // Children see the alias, staff the display name.
  const COUNSELLOR = {
    username: 'relay',
    displayName: 'Morgane Roux',
    alias: 'Morgane',
    password: 'deux phares pour un seul port',
  };
  const BOSS = {
    username: 'boss',
    displayName: 'Admin',
    roles: 'admin',
    password: 'deux instances tiennent le cap',
  };

  test.describe('two instances sharing PostgreSQL and Redis', () => {
    const dbName = `abri_e2e_${crypto.randomBytes(6).toString('hex')}`;
    const databaseUrl = (() => {
      const url = new URL(serverUrl);
      url.pathname = `/${dbName}`;
      return url.toString();
    })();
    const servers: Partial<Record<'a' | 'b', ChildProcess>> = {};
    let people: People;
    let counsellorSecret: string;

    async function admin(sql: string): Promise<void> {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(sql);
      } finally {
        await client.end();
      }
    }

    // Every instance of one service shares the secret key; each keeps its own files (its audit anchors).
    const secretKey = crypto.randomBytes(32).toString('hex');
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'abri-e2e-instances-'));
    const env = (port: number): NodeJS.ProcessEnv => {
      const { DATA_DIR: _dataDir, ...inherited } = process.env;
      return {
        ...inherited,
        DATABASE_URL: databaseUrl,
        REDIS_URL: redisUrl,
        SECRET_KEY: secretKey,
        DATA_DIR: path.join(scratch, String(port)),
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
      };
    };

    function createUser(account: {
      username: string;
      displayName: string;
      alias?: string;
      roles: string;
    }): Promise<string> {
      return new Promise<string>((resolve, reject) => {
        const cli = spawn(
          process.execPath,
          [
            path.join(root, 'bin/abri.mjs'),
            'admin',
            'create-user',
            '--username',
            account.username,
            '--display-name',
            account.displayName,
            ...(account.alias ? ['--alias', account.alias] : []),
            '--roles',
            account.roles,
          ],
          { cwd: root, env: env(0), stdio: ['ignore', 'pipe', 'inherit'] },
        );
        let output = '';
        cli.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
        });
        cli.on('exit', (code) => {
          const match = output.match(/One-time password:\s+(\S+)/);
          if (code === 0 && match) resolve(match[1]!);
          else reject(new Error(`create-user ${account.username} exited with ${code}:\n${output}`));
        });
      });
    }

    test.beforeAll(async () => {
      test.setTimeout(90_000);
      await admin(`create database ${dbName}`);
      // The accounts, made with the command line on the new database (which also applies the migrations):
      // an administrator to open the chat round the clock, and the counsellor.
      const bossOneTime = await createUser(BOSS);
      const oneTime = await createUser({ ...COUNSELLOR, roles: 'counsellor' });

      servers.a = startServer(root, env(ports.a));
      servers.b = startServer(root, env(ports.b));
      await Promise.all([waitForStart(servers.a, null), waitForStart(servers.b, null)]);
      const boss = await firstLogin(A, BOSS.username, bossOneTime, BOSS.password);
      await apiCall(A, boss.session, 'PUT', '/api/admin/settings', { openingHours: ALWAYS_OPEN });
      counsellorSecret = (await firstLogin(B, COUNSELLOR.username, oneTime, COUNSELLOR.password)).totpSecret!;
    });

    test.afterAll(async () => {
      await Promise.all(Object.values(servers).map((server) => server && stopServer(server)));
      await admin(`drop database if exists ${dbName} with (force)`);
      fs.rmSync(scratch, { recursive: true, force: true });
    });

    test.beforeEach(async ({ browser }) => {
      people = new People(browser);
    });
    test.afterEach(async () => {
      await people.close();
    });

    test('visitor on A, counsellor on B; A stops; the code on B brings everything back, once', async () => {
      test.setTimeout(60_000);
      // The counsellor, on B.
      const morgane = await people.page({ baseURL: B });
      await apiLogin(morgane.request, { ...COUNSELLOR, totpSecret: counsellorSecret });
      await morgane.goto('/console/chat');
      await expect(morgane.getByRole('status').filter({ hasText: 'Connecté·e en direct' })).toBeVisible();
      await morgane.getByLabel('Disponibilité').selectOption({ label: 'Disponible' });
      await expect(morgane.getByLabel('Disponibilité')).toHaveValue('available');

      // The visitor, on A.
      const onA = await people.page({ baseURL: A });
      await onA.goto('/parler');
      await fillPreChat(onA, { nickname: 'Yanis' });
      await onA.getByRole('button', { name: 'Commencer la discussion' }).click();
      await expect(onA.getByText('Tu parles avec Morgane.')).toBeVisible();
      await expect(workspace.tab(morgane, 'Yanis')).toBeVisible();

      const fromVisitor = ['Message 1 depuis A.', 'Message 2 depuis A.'];
      const fromCounsellor = ['Réponse 1 depuis B.'];
      await visitor.send(onA, fromVisitor[0]!);
      await workspace.send(morgane, fromCounsellor[0]!);
      await expect(visitor.fromCounsellor(onA)).toHaveText(fromCounsellor);
      await visitor.send(onA, fromVisitor[1]!);
      await expect(workspace.fromVisitor(morgane)).toHaveText(fromVisitor);
      const code = (await onA.locator('.resume-code').textContent())!.trim();

      // A stops while the visitor's page is open: the page says it is reconnecting.
      await stopServer(servers.a!);
      servers.a = undefined;
      await expect(onA.getByText('Connexion perdue. On se reconnecte…')).toBeVisible();
      // The counsellor's console, on B, is not affected, and what she writes now is kept for the visitor.
      await expect(morgane.getByRole('status').filter({ hasText: 'Connecté·e en direct' })).toBeVisible();
      fromCounsellor.push('Réponse 2, écrite pendant la coupure.');
      await workspace.send(morgane, fromCounsellor[1]!);

      // The visitor comes back on B with the code (another origin: nothing of A's tab storage is there).
      const onB = await people.page({ baseURL: B });
      await visitor.resume(onB, code);
      await expect(onB.getByText('Tu parles avec Morgane.')).toBeVisible();
      await expect(visitor.own(onB)).toHaveText(fromVisitor);
      await expect(visitor.fromCounsellor(onB)).toHaveText(fromCounsellor);

      // The chat goes on, both ways, on B.
      fromVisitor.push('Message 3 depuis B.');
      await visitor.send(onB, fromVisitor[2]!);
      fromCounsellor.push('Réponse 3 depuis B.');
      await workspace.send(morgane, fromCounsellor[2]!);
      await expect(visitor.fromCounsellor(onB)).toHaveText(fromCounsellor);

      // Nothing lost, nothing doubled, in both views.
      await expect(workspace.fromVisitor(morgane)).toHaveText(fromVisitor);
      await expect(workspace.messages(morgane).locator('li.chat-msg--counsellor .chat-msg__body')).toHaveText(
        fromCounsellor,
      );
      await expect(visitor.own(onB)).toHaveText(fromVisitor);
      const visitorBubbles = await visitor.bubbles(onB).allTextContents();
      expect(new Set(visitorBubbles).size).toBe(visitorBubbles.length);
      const consoleBubbles = await workspace.bubbles(morgane).allTextContents();
      expect(consoleBubbles.filter((text) => /Message \d|Réponse \d/.test(text))).toHaveLength(
        fromVisitor.length + fromCounsellor.length,
      );
      // The page left on A still cannot talk for the visitor.
      await expect(onA.getByText('Connexion perdue. On se reconnecte…')).toBeVisible();
    });
  });
}
