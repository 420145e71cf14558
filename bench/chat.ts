// Chat benchmark: simulated visitor/counsellor pairs over real WebSockets against a real Abri server on
// PostgreSQL, then the same load through a bare WebSocket relay with no persistence (the baseline), in the
// same run. Prints one JSON object. Not a test: it asserts nothing, it measures.
//
//   npm run bench:chat -- --conversations 1000 --seconds 30 [--rate 2500]
//
// DATABASE_URL names the PostgreSQL server (default: the local test server); a throw-away database is
// created on it for the run and dropped afterwards. The server runs in a child process, the load here.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type WebSocket from 'ws';
import { WebSocketServer } from 'ws';
import { postJson as json, openSocket as open, sleep, waitReady } from './support.ts';

const { values } = parseArgs({
  options: {
    conversations: { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '30' },
    rate: { type: 'string', default: '2500' },
    counsellors: { type: 'string' },
  },
});
const CONVERSATIONS = Number(values.conversations);
const SECONDS = Number(values.seconds);
const RATE = Number(values.rate); // messages per second, all conversations together
const CAPACITY = 10;
const COUNSELLORS = Number(values.counsellors ?? Math.ceil(CONVERSATIONS / CAPACITY));
const BASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const root = path.resolve(import.meta.dirname, '..');

interface Pair {
  conversationId: string;
  visitor: WebSocket;
  counsellor: WebSocket;
}

interface Stats {
  latencies: number[];
  sent: Map<string, number>;
  received: Map<string, number>;
  acked: Set<string>;
  errors: number;
}

function newStats(): Stats {
  return { latencies: [], sent: new Map(), received: new Map(), acked: new Set(), errors: 0 };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Sends messages from both sides of every pair at the overall rate and measures send-to-receive time. */
async function drive(
  pairs: Pair[],
  stats: Stats,
  frames: {
    visitorSend: (id: string, text: string) => unknown;
    staffSend: (conversationId: string, id: string, text: string) => unknown;
  },
) {
  const intervalMs = 20;
  const perTick = (RATE * intervalMs) / 1000;
  let carry = 0;
  let turn = 0;
  const end = Date.now() + SECONDS * 1000;
  while (Date.now() < end) {
    const tickStart = Date.now();
    carry += perTick;
    while (carry >= 1) {
      carry -= 1;
      const pair = pairs[turn % pairs.length]!;
      const fromVisitor = Math.floor(turn / pairs.length) % 2 === 0;
      turn += 1;
      const id = `b${turn.toString(36)}${randomBytes(4).toString('hex')}`;
      stats.sent.set(id, performance.now());
      if (fromVisitor) pair.visitor.send(JSON.stringify(frames.visitorSend(id, `message ${id}`)));
      else pair.counsellor.send(JSON.stringify(frames.staffSend(pair.conversationId, id, `reply ${id}`)));
    }
    await sleep(Math.max(0, intervalMs - (Date.now() - tickStart)));
  }
  // Let the last messages arrive.
  const drainUntil = Date.now() + 5000;
  while (Date.now() < drainUntil && stats.received.size < stats.sent.size) await sleep(50);
}

function onReceive(stats: Stats, clientId: string | null | undefined) {
  if (!clientId || !stats.sent.has(clientId)) return;
  const count = (stats.received.get(clientId) ?? 0) + 1;
  stats.received.set(clientId, count);
  if (count === 1) stats.latencies.push(performance.now() - stats.sent.get(clientId)!);
}

function summarise(stats: Stats) {
  const sorted = [...stats.latencies].sort((a, b) => a - b);
  let lost = 0;
  for (const id of stats.acked) if (!stats.received.has(id)) lost += 1;
  let duplicated = 0;
  for (const count of stats.received.values()) if (count > 1) duplicated += count - 1;
  return {
    messagesPerSecond: Math.round(sorted.length / SECONDS),
    p50Ms: Number(percentile(sorted, 50).toFixed(1)),
    p95Ms: Number(percentile(sorted, 95).toFixed(1)),
    p99Ms: Number(percentile(sorted, 99).toFixed(1)),
    sent: stats.sent.size,
    lost,
    duplicated,
    errors: stats.errors,
  };
}

async function benchAbri(): Promise<ReturnType<typeof summarise>> {
  const dbName = `abri_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: BASE_URL });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  const url = new URL(BASE_URL);
  url.pathname = `/${dbName}`;
  const port = 3400 + Math.floor(Math.random() * 500);
  const profile = process.env.BENCH_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
    : [];
  const server = spawn(process.execPath, [...profile, path.join(root, 'bin/abri.mjs'), 'start'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: url.toString(),
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'error',
      REDIS_URL: '',
      TRUST_PROXY: 'true',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const stats = newStats();
  try {
    await waitReady(base, server);
    // Open around the clock for the run, and enough room for the load.
    const db = new pg.Client({ connectionString: url.toString() });
    await db.connect();
    const always = Object.fromEntries(
      ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ open: '00:00', close: '24:00' }]]),
    );
    await db.query(
      `update settings set value = jsonb_set(value, '{weekly}', $1::jsonb) where key = 'openingHours'`,
      [JSON.stringify(always)],
    );
    await db.query(
      `update settings set value = jsonb_set(value, '{holidays}', '[]') where key = 'openingHours'`,
    );
    await db.query(
      `update settings set value = jsonb_set(value, '{visitorMessagesPerMinute}', '120') where key = 'chat'`,
    );
    // The bench's counsellors log in with a password only (two-step verification relaxed for them).
    await db.query(
      `update settings set value = jsonb_set(value, '{totpRelaxedRoles}', '["counsellor"]') where key = 'security'`,
    );

    // Counsellors: created with the CLI's service, then logged in through the API.
    const { createUser } = await import('../server/src/modules/identity/index.ts');
    const { connectDatabase } = await import('../server/src/infra/db/connect.ts');
    const { hashPassword } = await import('../server/src/infra/crypto.ts');
    const { systemClock } = await import('../server/src/infra/clock.ts');
    const handle = await connectDatabase<import('../server/src/database.ts').Database>({
      databaseUrl: url.toString(),
      poolSize: 2,
    });
    // Audit entries are keyed with the instance's secret: the same one the server loaded (its DATA_DIR).
    const { AuditTrail } = await import('../server/src/modules/audit/index.ts');
    const { Secrets } = await import('../server/src/infra/secrets.ts');
    const { loadConfig } = await import('../server/src/config.ts');
    const serverConfig = loadConfig({
      ...process.env,
      DATA_DIR: process.env.DATA_DIR ?? path.join(root, 'data'),
    });
    const audited = new AuditTrail({ secrets: Secrets.load(serverConfig), clock: systemClock }).bind(
      handle.db,
    );
    const password = 'bench password long enough';
    const passwordHash = await hashPassword(password);
    const counsellorSockets: Array<{ socket: WebSocket; cookie: string; csrf: string }> = [];
    for (let i = 0; i < COUNSELLORS; i += 1) {
      const { user } = await createUser(
        audited,
        systemClock,
        { id: null, name: 'bench' },
        { username: `bench-${i}`, displayName: `Bench ${i}`, roles: ['counsellor'] },
        'cli',
      );
      await handle.db
        .updateTable('users')
        .set({ password_hash: passwordHash, must_change_password: false })
        .where('id', '=', user.id)
        .execute();
      const login = await json(
        `${base}/api/auth/login`,
        { username: `bench-${i}`, password },
        { 'x-forwarded-for': `10.0.${i >> 8}.${i & 255}` },
      );
      const cookie = login.cookie!.split(';')[0]!;
      const socket = await open(`ws://127.0.0.1:${port}/api/chat/staff/socket`, { cookie });
      await json(
        `${base}/api/chat/presence`,
        { presence: 'available', capacity: CAPACITY },
        { cookie, 'x-csrf-token': login.body.csrfToken },
      );
      counsellorSockets.push({ socket, cookie, csrf: login.body.csrfToken });
    }
    await handle.close();

    // Visitors: pre-chat over HTTP, then the socket; routing assigns each to a counsellor.
    const byConversation = new Map<string, Pair>();
    const assigned = new Map<string, WebSocket>();
    for (const { socket } of counsellorSockets) {
      socket.on('message', (data) => {
        const frame = JSON.parse(data.toString());
        if (frame.type === 'alert' && frame.code === 'assigned') {
          assigned.set(frame.conversationId, socket);
          socket.send(
            JSON.stringify({ type: 'subscribe', conversationId: frame.conversationId, lastSeq: 0 }),
          );
        } else if (frame.type === 'message' && frame.message.author === 'visitor')
          onReceive(stats, frame.message.clientId);
        else if (frame.type === 'ack') stats.acked.add(frame.clientId);
        else if (frame.type === 'error') stats.errors += 1;
      });
    }
    const pairs: Pair[] = [];
    for (let i = 0; i < CONVERSATIONS; i += 1) {
      const start = await json(
        `${base}/api/chat/conversations`,
        {
          audience: 'child',
          ageBand: '15_17',
          topic: 'other',
          acceptedConfidentiality: true,
          deviceToken: randomBytes(18).toString('base64url'),
        },
        { 'x-forwarded-for': `10.1.${i >> 8}.${i & 255}` },
      );
      const visitor = await open(`ws://127.0.0.1:${port}/api/chat/visitor/socket`);
      visitor.send(
        JSON.stringify({ type: 'hello', visitorToken: start.body.credentials.visitorToken, lastSeq: 0 }),
      );
      visitor.on('message', (data) => {
        const frame = JSON.parse(data.toString());
        if (frame.type === 'message' && frame.message.author === 'counsellor') {
          const id = frame.message.body.slice('reply '.length);
          onReceive(stats, id);
        } else if (frame.type === 'ack') stats.acked.add(frame.clientId);
        else if (frame.type === 'error') stats.errors += 1;
      });
      pairs.push({
        conversationId: start.body.credentials.conversationId,
        visitor,
        counsellor: undefined as unknown as WebSocket,
      });
      byConversation.set(start.body.credentials.conversationId, pairs.at(-1)!);
    }
    for (let i = 0; i < 200 && assigned.size < CONVERSATIONS; i += 1) await sleep(100);
    for (const pair of pairs) pair.counsellor = assigned.get(pair.conversationId)!;
    const ready = pairs.filter((pair) => pair.counsellor);
    // Let the server finish the start-up work (routing, queue updates) before measuring.
    await sleep(3000);
    await drive(ready, stats, {
      visitorSend: (clientId, text) => ({ type: 'send', clientId, text }),
      staffSend: (conversationId, clientId, text) => ({
        type: 'send',
        conversationId,
        clientId,
        kind: 'text',
        text,
      }),
    });
    for (const pair of pairs) pair.visitor.close();
    for (const { socket } of counsellorSockets) socket.close();
    await db.end();
    return { ...summarise(stats), conversationsReady: ready.length } as ReturnType<typeof summarise>;
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }
}

/** The baseline: a relay that pairs sockets by conversation and forwards frames, storing nothing. */
async function benchRelay(): Promise<ReturnType<typeof summarise>> {
  const http = createServer();
  const wss = new WebSocketServer({ server: http, perMessageDeflate: false });
  const rooms = new Map<string, { visitor?: WebSocket; counsellor?: WebSocket }>();
  wss.on('connection', (socket, request) => {
    const [, role, conversationId] = (request.url ?? '').split('/');
    const room = rooms.get(conversationId!) ?? {};
    rooms.set(conversationId!, room);
    room[role as 'visitor' | 'counsellor'] = socket;
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString());
      socket.send(JSON.stringify({ type: 'ack', clientId: frame.clientId }));
      const other = role === 'visitor' ? room.counsellor : room.visitor;
      other?.send(
        JSON.stringify({ type: 'message', message: { clientId: frame.clientId, body: frame.text } }),
      );
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const port = (http.address() as { port: number }).port;
  const stats = newStats();
  const pairs: Pair[] = [];
  for (let i = 0; i < CONVERSATIONS; i += 1) {
    const conversationId = `c${i}`;
    const visitor = await open(`ws://127.0.0.1:${port}/visitor/${conversationId}`);
    const counsellor = await open(`ws://127.0.0.1:${port}/counsellor/${conversationId}`);
    for (const socket of [visitor, counsellor]) {
      socket.on('message', (data) => {
        const frame = JSON.parse(data.toString());
        if (frame.type === 'ack') stats.acked.add(frame.clientId);
        else onReceive(stats, frame.message.clientId);
      });
    }
    pairs.push({ conversationId, visitor, counsellor });
  }
  await drive(pairs, stats, {
    visitorSend: (clientId, text) => ({ clientId, text }),
    staffSend: (_conversationId, clientId, text) => ({ clientId, text }),
  });
  for (const pair of pairs) {
    pair.visitor.close();
    pair.counsellor.close();
  }
  wss.close();
  http.close();
  return summarise(stats);
}

const abri = await benchAbri();
const relay = await benchRelay();
console.log(
  JSON.stringify({
    conversations: CONVERSATIONS,
    seconds: SECONDS,
    offeredRate: RATE,
    ...abri,
    baseline: {
      messagesPerSecond: relay.messagesPerSecond,
      p50Ms: relay.p50Ms,
      p99Ms: relay.p99Ms,
      lost: relay.lost,
      duplicated: relay.duplicated,
    },
  }),
);
process.exit(0);
