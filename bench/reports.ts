// Hotline intake benchmark: concurrent HTTP clients submit JSON reports (with normalisation and dedup) to a
// real Abri server on PostgreSQL, then the same server answers a trivial route (/healthz) as the baseline,
// in the same run. Prints one JSON object. Not a test: it asserts nothing, it measures.
//
//   npm run bench:reports -- --seconds 10 [--concurrency 32]
//
// DATABASE_URL names the PostgreSQL server (default: the local test server); a throw-away database is
// created for the run and dropped afterwards. The server runs in a child process, the load here.
// Rate limits: the server runs with TRUST_PROXY=true and every request carries its own X-Forwarded-For
// address, as if each report came from a different person; the limits themselves stay as shipped.
// `lost` counts reports acknowledged (201 with a tracking code) whose code's hash is not in the database.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { hashTrackingCode } from '../server/src/modules/hotline/tracking-code.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '32' },
  },
});
const SECONDS = Number(values.seconds);
const CONCURRENCY = Number(values.concurrency);
const BASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const root = path.resolve(import.meta.dirname, '..');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
const round = (n: number) => Math.round(n * 100) / 100;

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function send(
  port: number,
  method: string,
  urlPath: string,
  body?: string,
  headers: Record<string, string> = {},
) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: urlPath,
        agent,
        headers: body
          ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers }
          : headers,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
        );
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

// ——— a realistic mix: many new addresses, some content reported again and again in varied forms ———
const CATEGORIES = [
  'child_sexual_abuse',
  'grooming',
  'sextortion',
  'cyber_harassment',
  'non_consensual_images',
  'hate_violence',
  'terrorism',
  'other',
];
const POPULAR = Array.from({ length: 300 }, (_, i) => `site${i % 40}.example/content/${i}`);
const pick = <T>(list: readonly T[]) => list[Math.floor(Math.random() * list.length)]!;
let addressCounter = 0;

function variant(base: string): string {
  const scheme = Math.random() < 0.5 ? 'https://' : 'http://';
  const www = Math.random() < 0.3 ? 'www.' : '';
  const tracking =
    Math.random() < 0.4
      ? `?utm_source=${pick(['share', 'tw', 'mail'])}&fbclid=${randomBytes(6).toString('hex')}`
      : '';
  const slash = Math.random() < 0.2 ? '/' : '';
  return `${scheme}${www}${base}${slash}${tracking}`;
}

function reportBody(): string {
  const roll = Math.random();
  const urls: string[] = [];
  if (roll < 0.1) {
    // An account inside an app, no address.
    return JSON.stringify({
      category: pick(CATEGORIES),
      platform: 'Snapchat',
      account: `@user${randomBytes(4).toString('hex')}`,
      language: 'fr',
    });
  }
  urls.push(
    roll < 0.45
      ? variant(pick(POPULAR))
      : variant(`new${randomBytes(5).toString('hex')}.example/p/${randomBytes(3).toString('hex')}`),
  );
  if (Math.random() < 0.2) urls.push(variant(pick(POPULAR)));
  if (Math.random() < 0.05) urls.push('http://127.0.0.1/admin');
  return JSON.stringify({
    category: pick(CATEGORIES),
    urls,
    source: pick(['website', 'social_network', 'messaging']),
    description: 'Vu en faisant défiler, il y a des enfants dessus.',
    language: Math.random() < 0.8 ? 'fr' : 'en',
  });
}

function nextAddress(): string {
  addressCounter += 1;
  return `10.${(addressCounter >> 16) & 255}.${(addressCounter >> 8) & 255}.${addressCounter & 255}`;
}

interface Run {
  latencies: number[];
  errors: number;
  done: number;
  codes: string[];
}

async function load(
  seconds: number,
  work: () => Promise<{ status: number; body: string }>,
  expected: number,
  collect?: (body: string) => void,
): Promise<Run & { elapsed: number }> {
  const run: Run = { latencies: [], errors: 0, done: 0, codes: [] };
  const start = performance.now();
  const end = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        try {
          const response = await work();
          run.latencies.push(performance.now() - t0);
          if (response.status === expected) {
            run.done += 1;
            collect?.(response.body);
          } else run.errors += 1;
        } catch {
          run.errors += 1;
        }
      }
    }),
  );
  return { ...run, elapsed: (performance.now() - start) / 1000 };
}

async function waitForServer(port: number, child: ChildProcess) {
  for (let i = 0; i < 300; i += 1) {
    if (child.exitCode !== null) throw new Error('server exited');
    try {
      if ((await send(port, 'GET', '/readyz')).status === 200) return;
    } catch {
      // not yet
    }
    await sleep(200);
  }
  throw new Error('server did not start');
}

async function main() {
  const dbName = `abri_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: BASE_URL });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  const url = new URL(BASE_URL);
  url.pathname = `/${dbName}`;
  const port = 3400 + Math.floor(Math.random() * 500);
  const server = spawn(process.execPath, [path.join(root, 'bin/abri.mjs'), 'start'], {
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
  try {
    await waitForServer(port, server);
    const submit = () =>
      send(port, 'POST', '/api/hotline/reports', reportBody(), { 'x-forwarded-for': nextAddress() });
    await load(2, submit, 201); // warm-up: JIT, pool connections, prepared plans
    const acknowledged: string[] = [];
    const reports = await load(SECONDS, submit, 201, (body) =>
      acknowledged.push(JSON.parse(body).trackingCode),
    );
    const baseline = await load(SECONDS, () => send(port, 'GET', '/healthz'), 200);

    const db = new pg.Client({ connectionString: url.toString() });
    await db.connect();
    const found = await db.query<{ n: string }>(
      'select count(*) as n from reports where tracking_code_hash = any($1)',
      [acknowledged.map(hashTrackingCode)],
    );
    const lost = acknowledged.length - Number(found.rows[0]!.n);
    const counts = await db.query<{ items: string; sum: string; links: string }>(
      'select (select count(*) from hotline_items) as items, (select coalesce(sum(report_count), 0) from hotline_items) as sum, (select count(*) from report_urls) as links',
    );
    await db.end();
    // On stderr, so stdout stays one JSON object: dedup must account for every link.
    process.stderr.write(
      `items ${counts.rows[0]!.items}, sum(report_count) ${counts.rows[0]!.sum}, report_urls ${counts.rows[0]!.links}\n`,
    );

    const sortedReports = reports.latencies.sort((a, b) => a - b);
    const sortedBaseline = baseline.latencies.sort((a, b) => a - b);
    console.log(
      JSON.stringify({
        reportsPerSecond: round(reports.done / reports.elapsed),
        p50Ms: round(percentile(sortedReports, 50)),
        p99Ms: round(percentile(sortedReports, 99)),
        errors: reports.errors,
        lost,
        baseline: {
          requestsPerSecond: round(baseline.done / baseline.elapsed),
          p99Ms: round(percentile(sortedBaseline, 99)),
        },
      }),
    );
  } finally {
    agent.destroy();
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }
}

await main();
