// Matching benchmark: build a PdqIndex over synthetic, realistic hash sets (30 % in clusters of 10
// near-duplicates within 20 bits of their centre, the rest random) and time searches at radius d (31 by
// default) for queries half near stored hashes (≤ 16 bits flipped) and half random: latency on one thread,
// throughput with worker threads sharing the index (toShared / fromShared, nothing copied), and the linear
// scan on a subset of the queries as the baseline, in the same run. Every index answer checked against the
// scan is compared, and the workers' match counts against the single thread's. Not a test.
//
//   npm run bench:match -w packages/pdq -- [--sizes 1000000,10000000] [--queries 2000] [--distance 31]
//                                          [--workers 2] [--seed 1]
//   (or npx tsx packages/pdq/scripts/bench-match.ts …). Prints one JSON object.
//
// This file is also the workers' entry point (started as a worker thread with tsx's loader): a worker
// opens the shared index and answers batches of queries.
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import {
  bruteForceSearch,
  generateHashes,
  generateQueries,
  HASH_BYTES,
  PdqIndex,
  PdqIndexBuilder,
  type PdqMatch,
  type SharedPdqIndex,
} from '../src/index.ts';

export interface BenchMatchOptions {
  sizes: number[];
  queries: number;
  maxDistance: number;
  workers: number;
  seed: number;
  /** Queries also run by the linear scan (default: 200 up to 1M hashes, 50 above). */
  bruteForceQueries?: number;
  /** Synthetic data (defaults: 0.3, 10, 20 and 0.5, 16). */
  clusterFraction?: number;
  clusterSize?: number;
  maxClusterDistance?: number;
  nearFraction?: number;
  maxFlip?: number;
}

/** What a worker is started with (workerData). */
export interface SearchWorkerData {
  kind: 'pdq-bench-match-worker';
  index: SharedPdqIndex;
}

/** A batch sent to a worker: queries back to back (32 bytes each); `rounds` times through them. */
export interface SearchRequest {
  queries: Uint8Array;
  maxDistance: number;
  rounds: number;
  /** Send back every result (tests) rather than counts and times (benchmark). */
  results: boolean;
}

export interface SearchReply {
  searched: number;
  matches: number;
  ms: number;
  results?: PdqMatch[][];
}

const WORKER_KIND = 'pdq-bench-match-worker';

function split(bytes: Uint8Array): Uint8Array[] {
  return Array.from({ length: bytes.length / HASH_BYTES }, (_, i) =>
    bytes.subarray(i * HASH_BYTES, (i + 1) * HASH_BYTES),
  );
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** The machine's CPU time (busy and total, all cores, ms) and this process's (all its threads). */
function cpuSnapshot() {
  let busy = 0;
  let total = 0;
  for (const { times } of os.cpus()) {
    const all = times.user + times.nice + times.sys + times.irq + times.idle;
    total += all;
    busy += all - times.idle;
  }
  const own = process.cpuUsage();
  return { busy, total, ours: (own.user + own.system) / 1000 };
}

/**
 * The share of the machine's CPU capacity that other processes used between two snapshots. On two cores,
 * 0.5 means something else kept a whole core busy: those timings are disturbed, not comparable.
 */
function otherCpuShare(
  before: ReturnType<typeof cpuSnapshot>,
  after: ReturnType<typeof cpuSnapshot>,
): number {
  const total = after.total - before.total;
  if (total <= 0) return 0;
  const others = after.busy - before.busy - (after.ours - before.ours);
  return round3(Math.min(1, Math.max(0, others / total)));
}

/** The worker side: answer each request with the shared index. */
function serveSearches(data: SearchWorkerData): void {
  const index = PdqIndex.fromShared(data.index);
  parentPort!.on('message', (request: SearchRequest) => {
    const queries = split(request.queries);
    const results: PdqMatch[][] = [];
    let matches = 0;
    const start = performance.now();
    for (let round = 0; round < request.rounds; round++) {
      for (const query of queries) {
        const found = index.search(query, request.maxDistance);
        matches += found.length;
        if (request.results && round === 0) results.push(found);
      }
    }
    const reply: SearchReply = {
      searched: queries.length * request.rounds,
      matches,
      ms: performance.now() - start,
    };
    if (request.results) reply.results = results;
    parentPort!.postMessage(reply);
  });
}

/**
 * A worker's entry: a data: URL module that registers tsx's loader and then imports this file. (On Node 20,
 * `execArgv: ['--import', 'tsx']` does not make a worker's own .ts entry loadable, this does, and works
 * whether or not the parent runs under tsx, e.g. under vitest.) tsx is resolved from this package, so it
 * works from any working directory.
 */
function workerEntry(): URL {
  const tsxPackage = createRequire(import.meta.url).resolve('tsx/package.json');
  const api = pathToFileURL(path.join(path.dirname(tsxPackage), 'dist/esm/api/index.mjs')).href;
  const code = `import { register } from ${JSON.stringify(api)};\nregister();\nawait import(${JSON.stringify(import.meta.url)});\n`;
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}

/** A worker thread (this file, under tsx) serving searches over the shared index. */
export class SearchWorker {
  readonly #worker: Worker;
  readonly #ready: Promise<void>;

  constructor(index: SharedPdqIndex) {
    const data: SearchWorkerData = { kind: WORKER_KIND, index };
    this.#worker = new Worker(workerEntry(), { workerData: data });
    this.#ready = new Promise((resolve, reject) => {
      this.#worker.once('online', () => resolve());
      this.#worker.once('error', reject);
    });
    // A failure to start is reported by search(); not an unhandled rejection if nothing is searched.
    this.#ready.catch(() => {});
  }

  /** Runs one request; resolves with the reply. */
  async search(request: SearchRequest): Promise<SearchReply> {
    await this.#ready;
    return new Promise((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      this.#worker.once('error', onError);
      this.#worker.once('message', (reply: SearchReply) => {
        this.#worker.off('error', onError);
        resolve(reply);
      });
      this.#worker.postMessage(request);
    });
  }

  async close(): Promise<void> {
    await this.#worker.terminate();
  }
}

async function benchSize(size: number, options: Required<BenchMatchOptions>) {
  const d = options.maxDistance;
  let started = performance.now();
  const hashes = generateHashes({
    count: size,
    clusterFraction: options.clusterFraction,
    clusterSize: options.clusterSize,
    maxClusterDistance: options.maxClusterDistance,
    seed: options.seed,
  });
  const queryBytes = generateQueries(hashes, {
    count: options.queries,
    nearFraction: options.nearFraction,
    maxFlip: options.maxFlip,
    seed: options.seed + 1,
  });
  const generationMs = performance.now() - started;

  // Built the way the server builds it: one add() per hash, then build().
  started = performance.now();
  const builder = new PdqIndexBuilder();
  for (let i = 0; i < size; i++) builder.add(hashes.subarray(i * HASH_BYTES, (i + 1) * HASH_BYTES));
  const index = builder.build();
  const buildMs = performance.now() - started;
  const queries = split(queryBytes);

  // One thread: a warm-up pass, then every query timed alone.
  for (const query of queries.slice(0, Math.min(200, queries.length))) index.search(query, d);
  const times: number[] = [];
  const counts: number[] = [];
  let matches = 0;
  const cpuBefore = cpuSnapshot();
  started = performance.now();
  for (const query of queries) {
    const t = performance.now();
    const found = index.search(query, d);
    times.push(performance.now() - t);
    counts.push(found.length);
    matches += found.length;
  }
  const singleMs = performance.now() - started;
  const singleOtherCpu = otherCpuShare(cpuBefore, cpuSnapshot());
  times.sort((a, b) => a - b);

  // Worker threads over the shared index: each takes an equal share of the queries, twice through it.
  let workers: Record<string, unknown> | null = null;
  if (options.workers > 0) {
    const pool = Array.from({ length: options.workers }, () => new SearchWorker(index.toShared()));
    try {
      const shares = Array.from({ length: options.workers }, (_, w) => {
        const from = Math.floor((w * queries.length) / options.workers);
        const to = Math.floor(((w + 1) * queries.length) / options.workers);
        return queryBytes.slice(from * HASH_BYTES, to * HASH_BYTES);
      });
      // Warm-up (compilation) in each worker, untimed.
      await Promise.all(
        pool.map((worker, w) =>
          worker.search({
            queries: shares[w]!.subarray(0, 100 * HASH_BYTES),
            maxDistance: d,
            rounds: 1,
            results: false,
          }),
        ),
      );
      const rounds = 2;
      const before = cpuSnapshot();
      started = performance.now();
      const replies = await Promise.all(
        pool.map((worker, w) =>
          worker.search({ queries: shares[w]!, maxDistance: d, rounds, results: false }),
        ),
      );
      const wallMs = performance.now() - started;
      const otherCpu = otherCpuShare(before, cpuSnapshot());
      const searched = replies.reduce((sum, r) => sum + r.searched, 0);
      const workerMatches = replies.reduce((sum, r) => sum + r.matches, 0);
      workers = {
        threads: options.workers,
        searched,
        wallMs: Math.round(wallMs),
        queriesPerSecond: Math.round((searched * 1000) / wallMs),
        meanMsPerQueryPerThread: round3(replies.reduce((sum, r) => sum + r.ms, 0) / searched),
        sameMatchesAsSingleThread: workerMatches === matches * rounds,
        otherProcessesCpuShare: otherCpu,
      };
    } finally {
      await Promise.all(pool.map((worker) => worker.close()));
    }
  }

  // The baseline on a subset, also checking the index's answers exactly.
  const bruteCount = Math.min(queries.length, options.bruteForceQueries);
  const bruteTimes: number[] = [];
  let agrees = true;
  for (let i = 0; i < bruteCount; i++) {
    const t = performance.now();
    const expected = bruteForceSearch(index, queries[i]!, d);
    bruteTimes.push(performance.now() - t);
    const got = index.search(queries[i]!, d);
    if (
      got.length !== expected.length ||
      got.some((m, k) => m.position !== expected[k]!.position || m.distance !== expected[k]!.distance)
    ) {
      agrees = false;
    }
  }
  const bruteTotal = bruteTimes.reduce((a, b) => a + b, 0);
  bruteTimes.sort((a, b) => a - b);
  const plan = index.plan(d);

  return {
    size,
    generationMs: Math.round(generationMs),
    buildMs: Math.round(buildMs),
    memoryBytes: index.memoryBytes,
    memoryMB: Math.round(index.memoryBytes / 1e6),
    substrings: index.substringCount,
    plan: {
      strategy: plan.strategy,
      lookups: plan.lookups,
      expectedCandidates: Math.round(plan.expectedCandidates),
    },
    singleThread: {
      queries: queries.length,
      p50Ms: round3(percentile(times, 0.5)),
      p99Ms: round3(percentile(times, 0.99)),
      maxMs: round3(times[times.length - 1] ?? Number.NaN),
      meanMs: round3(singleMs / queries.length),
      queriesPerSecond: Math.round((queries.length * 1000) / singleMs),
      otherProcessesCpuShare: singleOtherCpu,
    },
    workers,
    meanMatchesPerQuery: round3(matches / queries.length),
    queriesWithMatches: counts.filter((c) => c > 0).length,
    bruteForce: {
      queries: bruteCount,
      p50Ms: round3(percentile(bruteTimes, 0.5)),
      queriesPerSecond: Math.round((bruteCount * 1000) / bruteTotal),
      indexAgrees: agrees,
    },
    rssMB: Math.round(process.memoryUsage().rss / 1e6),
  };
}

/** Runs the benchmark for each size in turn; resolves with one JSON-able object. */
export async function benchMatch(options: BenchMatchOptions): Promise<object> {
  const full: Required<BenchMatchOptions> = {
    clusterFraction: 0.3,
    clusterSize: 10,
    maxClusterDistance: 20,
    nearFraction: 0.5,
    maxFlip: 16,
    bruteForceQueries: Math.max(...options.sizes) > 1_000_000 ? 50 : 200,
    ...options,
  };
  const results = [];
  for (const size of full.sizes) results.push(await benchSize(size, full));
  return {
    node: process.version,
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    maxDistance: full.maxDistance,
    data: {
      clusterFraction: full.clusterFraction,
      clusterSize: full.clusterSize,
      maxClusterDistance: full.maxClusterDistance,
      queries: full.queries,
      nearFraction: full.nearFraction,
      maxFlip: full.maxFlip,
      seed: full.seed,
    },
    results,
  };
}

function argument(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(args: string[]): Promise<void> {
  const sizes = (argument(args, 'sizes') ?? '1000000,10000000').split(',').map(Number);
  const options: BenchMatchOptions = {
    sizes,
    queries: Number(argument(args, 'queries') ?? 2000),
    maxDistance: Number(argument(args, 'distance') ?? 31),
    workers: Number(argument(args, 'workers') ?? 2),
    seed: Number(argument(args, 'seed') ?? 1),
  };
  const brute = argument(args, 'brute-queries');
  if (brute !== undefined) options.bruteForceQueries = Number(brute);
  if (sizes.some((n) => !Number.isSafeInteger(n) || n < 1)) throw new Error('--sizes: positive integers');
  console.log(JSON.stringify(await benchMatch(options), null, 2));
}

if (!isMainThread && (workerData as SearchWorkerData | undefined)?.kind === WORKER_KIND) {
  serveSearches(workerData as SearchWorkerData);
} else if (
  isMainThread &&
  process.argv[1] &&
  path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)
) {
  await main(process.argv.slice(2));
}
