// The admin socket's protocol in one process: what the server answers to a command, to a malformed request,
// to one it never runs (restore), and to bad arguments, on a real (in-memory) database.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../test/helpers.ts';
import type { Database } from '../database.ts';
import { systemClock } from '../infra/clock.ts';
import { connectDatabase, type DatabaseHandle } from '../infra/db/connect.ts';
import { migrateToLatest } from '../infra/db/migrate.ts';
import { Secrets } from '../infra/secrets.ts';
import { migrations } from '../migrations/index.ts';
import { AuditTrail } from '../modules/audit/index.ts';
import { listenAdminSocket, requestOverSocket } from './admin-socket.ts';
import { findCommand } from './commands.ts';
import { serverCommandHandler } from './run-command.ts';

let scratch: string;
let socketPath: string;
let database: DatabaseHandle<Database>;
let socket: { close(): Promise<void> };

beforeAll(async () => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'abri-sock-'));
  socketPath = path.join(scratch, 'abri.sock');
  database = await connectDatabase<Database>({});
  await migrateToLatest(database.db, migrations);
  const secrets = Secrets.fromBytes(Buffer.alloc(32, 7));
  const log = { error: () => {} };
  // As in a server: audit entries keyed, the head anchored in a file of its own.
  const trail = new AuditTrail({
    secrets,
    clock: systemClock,
    anchorFile: path.join(scratch, 'anchors.log'),
  });
  await trail.anchor(database.db, 'start');
  const context = {
    db: trail.bind(database.db),
    database,
    clock: systemClock,
    config: testConfig(),
    secrets: () => secrets,
  };
  socket = await listenAdminSocket(socketPath, serverCommandHandler(context, log));
});
afterAll(async () => {
  await socket.close();
  await database.close();
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe('the admin socket', () => {
  it('is a socket only its owner may use (0600)', () => {
    const stat = fs.statSync(socketPath);
    expect(stat.isSocket()).toBe(true);
    expect(stat.mode & 0o777).toBe(0o600);
  });

  it('runs a registered command with the same parsing as the CLI', async () => {
    const created = await requestOverSocket(socketPath, {
      command: 'admin create-user',
      args: ['--username', 'sockuser', '--roles', 'supervisor'],
    });
    expect(created).toMatchObject({
      exitCode: 0,
      lines: [
        expect.stringMatching(/^Created sockuser \(supervisor\)/),
        expect.anything(),
        expect.anything(),
      ],
    });
    expect(await requestOverSocket(socketPath, { command: 'audit verify', args: [] })).toEqual({
      exitCode: 0,
      lines: [expect.stringMatching(/^OK: 1 audit entries, chain intact/)],
    });
  });

  it('answers bad arguments with exit 2 and the reason, and refuses what it never runs', async () => {
    expect(
      await requestOverSocket(socketPath, { command: 'admin create-user', args: ['--roles', 'wizard'] }),
    ).toEqual({ exitCode: 2, lines: [], errors: ['--username is required'] });
    expect(
      await requestOverSocket(socketPath, {
        command: 'admin create-user',
        args: ['--username', 'x', '--roles', 'wizard'],
      }),
    ).toMatchObject({ exitCode: 2, errors: [expect.stringContaining('unknown: wizard')] });
    expect(await requestOverSocket(socketPath, { command: 'restore', args: ['/tmp/x.sql'] })).toEqual({
      exitCode: 2,
      lines: [],
      errors: ['The server does not run "restore".'],
    });
    expect(
      await requestOverSocket(socketPath, {
        command: 'admin reset-password',
        args: ['--username', 'nobody'],
      }),
    ).toMatchObject({
      exitCode: 1,
    });
  });

  it('answers a malformed request without running anything', async () => {
    const answer = await new Promise<string>((resolve) => {
      const client = net.connect(socketPath, () => client.write('not json\n'));
      let text = '';
      client.on('data', (chunk) => {
        text += chunk;
      });
      client.on('end', () => resolve(text));
    });
    expect(JSON.parse(answer)).toEqual({ exitCode: 2, lines: [], errors: ['Malformed request.'] });
  });

  it('says when no server listens (the CLI then opens the database itself)', async () => {
    expect(
      await requestOverSocket(path.join(scratch, 'none.sock'), { command: 'migrate', args: [] }),
    ).toBeUndefined();
  });

  it('finds a command by its words, the rest being its arguments', () => {
    expect(findCommand(['admin', 'reset-password', '--username', 'a'])).toMatchObject({
      command: { name: 'admin reset-password' },
      args: ['--username', 'a'],
    });
    expect(findCommand(['admin', 'nothing'])).toBeUndefined();
  });
});
