// Crash benchmark: chat traffic against real Abri servers, one of them killed with SIGKILL in the middle of
// the writes; then the clients reconnect and resend what was not acknowledged, as the web clients do, and the
// database is counted. Prints one JSON object per database: messages acknowledged, lost (acknowledged but
// not stored) and duplicated (stored twice). Not a test: it measures what the promise "a message the server
// acknowledged is committed" is worth under a real crash.
//
//   npm run bench:crash -- [--database pglite|postgres|both] [--conversations 40] [--seconds 6] [--rate 120]
//
// PGlite: one server on a temporary data directory, killed, restarted on the same directory.
// PostgreSQL (DATABASE_URL, default the local test server; a throw-away database is made): two instances
// sharing Redis (REDIS_URL, default the local one); the visitors' instance is killed and they move to the other.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import pg from 'pg';
import WebSocket from 'ws';
import type { Database } from '../server/src/database.ts';
import { openSocket as open, postJson as post, sleep, waitReady as waitReadyAt } from './support.ts';

const { values } = parseArgs({
  options: {
    database: { type: 'string', default: 'both' },
    conversations: { type: 'string', default: '40' },
    seconds: { type: 'string', default: '6' },
    rate: { type: 'string', default: '120' },
  },
});
const CONVERSATIONS = Number(values.conversations);
const SECONDS = Number(values.seconds);
const RATE = Number(values.rate);
const CAPACITY = 10;
const COUNSELLORS = Math.ceil(CONVERSATIONS / CAPACITY);
const PG_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const SECRET_KEY = randomBytes(32).toString('hex');
const PASSWORD = 'crash bench password long enough';
const root = path.resolve(import.meta.dirname, '..');

/** Migrations, settings open round the clock, counsellors with a known password; run before any server. */
async function prepare(connect: { databaseUrl?: string; pgliteDir?: string }) {
  const { connectDatabase } = await import('../server/src/infra/db/connect.ts');
  const { migrateToLatest } = await import('../server/src/infra/db/migrate.ts');
  const { migrations } = await import('../server/src/migrations/index.ts');
  const { seedSettings } = await import('../server/src/modules/settings/settings.service.ts');
  const { loadDefaultSettings } = await import('../server/src/modules/settings/index.ts');
  const { createUser } = await import('../server/src/modules/identity/index.ts');
  const { hashPassword } = await import('../server/src/infra/crypto.ts');
  const { systemClock } = await import('../server/src/infra/clock.ts');
  const { AuditTrail } = await import('../server/src/modules/audit/index.ts');
  const { Secrets } = await import('../server/src/infra/secrets.ts');
  const handle = await connectDatabase<Database>({ ...connect, poolSize: 2 });
  try {
    // Audit entries (the accounts' creation) keyed with the servers' secret, as the CLI would write them.
    const secrets = Secrets.fromBytes(Buffer.from(SECRET_KEY, 'hex'));
    const db = new AuditTrail({ secrets, clock: systemClock }).bind(handle.db);
    await migrateToLatest(db, migrations);
    await seedSettings(db, loadDefaultSettings(path.join(root, 'content')));
    const always = Object.fromEntries(
      ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ open: '00:00', close: '24:00' }]]),
    );
    await setSetting(db, 'openingHours', '{weekly}', always);
    await setSetting(db, 'openingHours', '{holidays}', []);
    await setSetting(db, 'chat', '{visitorMessagesPerMinute}', 120);
    // The bench's counsellors log in with a password only (two-step verification relaxed for them, as an
    // administrator may).
    await setSetting(db, 'security', '{totpRelaxedRoles}', ['counsellor']);
    const passwordHash = await hashPassword(PASSWORD);
    for (let i = 0; i < COUNSELLORS; i += 1) {
      const { user } = await createUser(
        db,
        systemClock,
        { id: null, name: 'bench' },
        { username: `crash-${i}`, displayName: `Crash ${i}`, roles: ['counsellor'] },
        'cli',
      );
      await db
        .updateTable('users')
        .set({ password_hash: passwordHash, must_change_password: false })
        .where('id', '=', user.id)
        .execute();
    }
  } finally {
    await handle.close();
  }
}

async function setSetting(db: Kysely<Database>, key: string, jsonPath: string, value: unknown) {
  await sql`update settings set value = jsonb_set(value, ${jsonPath}::text[], ${JSON.stringify(value)}::jsonb)
            where key = ${key}`.execute(db);
}

/** Stored rows per client id, counted after every server has stopped. */
async function countStored(connect: { databaseUrl?: string; pgliteDir?: string }) {
  const { connectDatabase } = await import('../server/src/infra/db/connect.ts');
  const handle = await connectDatabase<Database>({ ...connect, poolSize: 1 });
  try {
    const rows = await handle.db
      .selectFrom('messages')
      .select(['client_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('client_id', 'is not', null)
      .groupBy('client_id')
      .execute();
    return new Map(rows.map((row) => [row.client_id!, Number(row.n)]));
  } finally {
    await handle.close();
  }
}

function startServer(env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [path.join(root, 'bin/abri.mjs'), 'start'], {
    cwd: root,
    env: { ...process.env, ...env, HOST: '127.0.0.1', LOG_LEVEL: 'error', TRUST_PROXY: 'true', SECRET_KEY },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

function stop(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

function waitReady(port: number, child: ChildProcess): Promise<number> {
  return waitReadyAt(`http://127.0.0.1:${port}`, child);
}

/** Every message a client sent, by client id: its frame (to resend it) and whether it was acknowledged. */
class Ledger {
  readonly frames = new Map<string, { side: 'visitor' | 'staff'; conversationId: string; frame: string }>();
  readonly acked = new Set<string>();
}

interface Conversation {
  id: string;
  visitorToken: string;
  visitor?: WebSocket;
  staffIndex?: number;
}

interface Counsellor {
  cookie: string;
  socket?: WebSocket;
}

async function connectCounsellor(
  port: number,
  counsellor: Counsellor,
  ledger: Ledger,
  onAssigned: (id: string, socket: WebSocket) => void,
) {
  const socket = await open(`ws://127.0.0.1:${port}/api/chat/staff/socket`, { cookie: counsellor.cookie });
  socket.on('error', () => {});
  socket.on('message', (data) => {
    const frame = JSON.parse(data.toString());
    if (frame.type === 'ack' && frame.clientId) ledger.acked.add(frame.clientId);
    if (process.env.CRASH_DEBUG) console.error(data.toString().slice(0, 300));
    if (frame.type === 'alert' && frame.code === 'assigned') onAssigned(frame.conversationId, socket);
  });
  counsellor.socket = socket;
}

async function connectVisitor(port: number, conversation: Conversation, ledger: Ledger) {
  const socket = await open(`ws://127.0.0.1:${port}/api/chat/visitor/socket`);
  socket.on('error', () => {});
  socket.on('message', (data) => {
    const frame = JSON.parse(data.toString());
    if (frame.type === 'ack' && frame.clientId) ledger.acked.add(frame.clientId);
  });
  socket.send(JSON.stringify({ type: 'hello', visitorToken: conversation.visitorToken, lastSeq: 0 }));
  conversation.visitor = socket;
}

/** Sends from both sides at RATE messages per second for `seconds`; `midway` runs once, halfway through. */
async function drive(
  conversations: Conversation[],
  counsellors: Counsellor[],
  ledger: Ledger,
  seconds: number,
  midway?: () => void,
) {
  const end = Date.now() + seconds * 1000;
  const halfway = Date.now() + (seconds * 1000) / 2;
  let turn = 0;
  let carry = 0;
  while (Date.now() < end) {
    if (midway && Date.now() >= halfway) {
      midway();
      midway = undefined;
    }
    carry += (RATE * 20) / 1000;
    while (carry >= 1) {
      carry -= 1;
      const conversation = conversations[turn % conversations.length]!;
      const fromVisitor = Math.floor(turn / conversations.length) % 2 === 0;
      turn += 1;
      const clientId = `k${turn.toString(36)}${randomBytes(4).toString('hex')}`;
      const socket = fromVisitor ? conversation.visitor : counsellors[conversation.staffIndex!]?.socket;
      const frame = fromVisitor
        ? JSON.stringify({ type: 'send', clientId, text: `visitor ${clientId}` })
        : JSON.stringify({
            type: 'send',
            conversationId: conversation.id,
            clientId,
            kind: 'text',
            text: `counsellor ${clientId}`,
          });
      ledger.frames.set(clientId, {
        side: fromVisitor ? 'visitor' : 'staff',
        conversationId: conversation.id,
        frame,
      });
      if (socket?.readyState === WebSocket.OPEN) socket.send(frame);
    }
    await sleep(20);
  }
}

async function run(kind: 'pglite' | 'postgres') {
  const ports = { a: 4900 + Math.floor(Math.random() * 40) * 2, b: 0 };
  ports.b = ports.a + 1;
  let connect: { databaseUrl?: string; pgliteDir?: string };
  let cleanup: () => Promise<void>;
  let envA: NodeJS.ProcessEnv;
  let envB: NodeJS.ProcessEnv | undefined;
  if (kind === 'pglite') {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'abri-crash-'));
    connect = { pgliteDir: path.join(dataDir, 'pglite') };
    envA = { DATA_DIR: dataDir, DATABASE_URL: '', REDIS_URL: '', PORT: String(ports.a) };
    cleanup = async () => fs.rmSync(dataDir, { recursive: true, force: true });
  } else {
    const name = `abri_crash_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(PG_URL);
    url.pathname = `/${name}`;
    connect = { databaseUrl: url.toString() };
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'abri-crash-'));
    envA = { DATA_DIR: dataDir, DATABASE_URL: url.toString(), REDIS_URL, PORT: String(ports.a) };
    envB = { ...envA, PORT: String(ports.b) };
    cleanup = async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
      fs.rmSync(dataDir, { recursive: true, force: true });
    };
  }
  const servers: ChildProcess[] = [];
  try {
    await prepare(connect);
    let a = startServer(envA);
    servers.push(a);
    const b = envB ? startServer(envB) : undefined;
    if (b) servers.push(b);
    await waitReady(ports.a, a);
    if (b) await waitReady(ports.b, b);
    // Counsellors on B (survives) with PostgreSQL, on the only server with PGlite; visitors on A.
    const staffPort = b ? ports.b : ports.a;
    const ledger = new Ledger();
    const conversations: Conversation[] = [];
    const byId = new Map<string, Conversation>();
    if (CONVERSATIONS > COUNSELLORS * CAPACITY) throw new Error('more conversations than places');
    const counsellors: Counsellor[] = [];
    // An assignment may arrive before the pre-chat's answer: kept by conversation id, matched afterwards.
    const assignedTo = new Map<string, number>();
    const onAssigned = (counsellorIndex: number) => (conversationId: string, socket: WebSocket) => {
      assignedTo.set(conversationId, counsellorIndex);
      socket.send(JSON.stringify({ type: 'subscribe', conversationId, lastSeq: 0 }));
    };
    for (let i = 0; i < COUNSELLORS; i += 1) {
      const login = await post(
        `http://127.0.0.1:${staffPort}/api/auth/login`,
        { username: `crash-${i}`, password: PASSWORD },
        { 'x-forwarded-for': `10.9.0.${i}` },
      );
      const counsellor: Counsellor = { cookie: login.cookie!.split(';')[0]! };
      counsellors.push(counsellor);
      await connectCounsellor(staffPort, counsellor, ledger, onAssigned(i));
      await post(
        `http://127.0.0.1:${staffPort}/api/chat/presence`,
        { presence: 'available', capacity: CAPACITY },
        { cookie: counsellor.cookie, 'x-csrf-token': login.body.csrfToken },
      );
    }
    for (let i = 0; i < CONVERSATIONS; i += 1) {
      const start = await post(
        `http://127.0.0.1:${ports.a}/api/chat/conversations`,
        {
          audience: 'child',
          ageBand: '15_17',
          topic: 'other',
          acceptedConfidentiality: true,
          deviceToken: randomBytes(18).toString('base64url'),
        },
        { 'x-forwarded-for': `10.8.${i >> 8}.${i & 255}` },
      );
      const conversation: Conversation = {
        id: start.body.credentials.conversationId,
        visitorToken: start.body.credentials.visitorToken,
      };
      conversations.push(conversation);
      byId.set(conversation.id, conversation);
      await connectVisitor(ports.a, conversation, ledger);
    }
    for (let i = 0; i < 100 && assignedTo.size < conversations.length; i += 1) await sleep(100);
    for (const conversation of conversations) conversation.staffIndex = assignedTo.get(conversation.id);
    const ready = conversations.filter((c) => c.staffIndex !== undefined);
    await sleep(1000);

    // Traffic, and halfway through it, SIGKILL of the visitors' server.
    let killedAt = 0;
    await drive(ready, counsellors, ledger, SECONDS, () => {
      killedAt = ledger.frames.size;
      a.kill('SIGKILL');
    });
    await new Promise((resolve) =>
      a.exitCode !== null || a.signalCode !== null ? resolve(null) : a.once('exit', resolve),
    );

    // Recovery: PGlite restarts on the same directory; with PostgreSQL the visitors move to B.
    let restartMs: number | null = null;
    let visitorPort = ports.b;
    if (kind === 'pglite') {
      a = startServer(envA);
      servers.push(a);
      restartMs = Math.round(await waitReady(ports.a, a));
      visitorPort = ports.a;
      for (const counsellor of counsellors) await connectCounsellor(ports.a, counsellor, ledger, () => {});
      for (const conversation of ready)
        counsellors[conversation.staffIndex!]!.socket!.send(
          JSON.stringify({ type: 'subscribe', conversationId: conversation.id, lastSeq: 0 }),
        );
    }
    for (const conversation of ready) await connectVisitor(visitorPort, conversation, ledger);
    await sleep(500);
    // The clients resend everything not acknowledged, with the same client ids.
    let resent = 0;
    for (const [clientId, entry] of ledger.frames) {
      if (ledger.acked.has(clientId)) continue;
      const conversation = byId.get(entry.conversationId)!;
      const socket =
        entry.side === 'visitor' ? conversation.visitor : counsellors[conversation.staffIndex!]!.socket;
      socket?.send(entry.frame);
      resent += 1;
    }
    await drive(ready, counsellors, ledger, Math.max(2, SECONDS / 2));
    for (let i = 0; i < 100 && ledger.acked.size < ledger.frames.size; i += 1) await sleep(100);
    for (const conversation of ready) conversation.visitor?.close();
    for (const counsellor of counsellors) counsellor.socket?.close();
    for (const server of servers) await stop(server);

    const stored = await countStored(connect);
    let lost = 0;
    let duplicated = 0;
    let unacknowledged = 0;
    for (const clientId of ledger.frames.keys()) {
      const count = stored.get(clientId) ?? 0;
      if (ledger.acked.has(clientId) && count === 0) lost += 1;
      if (count > 1) duplicated += count - 1;
      if (!ledger.acked.has(clientId)) unacknowledged += 1;
    }
    return {
      database: kind,
      instances: kind === 'pglite' ? 1 : 2,
      conversations: ready.length,
      sent: ledger.frames.size,
      sentBeforeKill: killedAt,
      resentAfterKill: resent,
      acknowledged: ledger.acked.size,
      lost,
      duplicated,
      neverAcknowledged: unacknowledged,
      restartMs,
    };
  } finally {
    for (const server of servers) await stop(server, 'SIGKILL');
    await cleanup();
  }
}

const kinds: Array<'pglite' | 'postgres'> =
  values.database === 'both' ? ['pglite', 'postgres'] : [values.database as 'pglite' | 'postgres'];
const results = [];
for (const kind of kinds) results.push(await run(kind));
console.log(JSON.stringify({ conversations: CONVERSATIONS, seconds: SECONDS, rate: RATE, results }, null, 2));
