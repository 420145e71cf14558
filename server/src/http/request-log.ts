// Request logs that fit the level: one line per request only at `debug` (with the log-safe URL, see
// app.ts); at the default level, warnings, errors and a summary every minute when there was traffic —
// requests by status class, latency percentiles, open WebSockets — with no URL, address or identifier.
import {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  LogController,
} from 'fastify';

/** At most this many latencies are kept per period (a uniform sample beyond), so memory stays bounded. */
const MAX_SAMPLES = 10_000;

export interface RequestSummary {
  requests: number;
  /** By class: "2xx", "3xx", "4xx", "5xx". */
  status: Record<string, number>;
  /** Refused and failed requests by exact status ("404", "429", "500"...). */
  errorStatus: Record<string, number>;
  latencyMs: { p50: number; p95: number; max: number };
  websockets: number;
}

/** Counts of one period: what the summary line says. */
export class RequestStats {
  #count = 0;
  #status = new Map<string, number>();
  #errorStatus = new Map<string, number>();
  #samples: number[] = [];
  #max = 0;

  record(statusCode: number, elapsedMs: number): void {
    this.#count += 1;
    const statusClass = `${Math.floor(statusCode / 100)}xx`;
    this.#status.set(statusClass, (this.#status.get(statusClass) ?? 0) + 1);
    if (statusCode >= 400)
      this.#errorStatus.set(String(statusCode), (this.#errorStatus.get(String(statusCode)) ?? 0) + 1);
    this.#max = Math.max(this.#max, elapsedMs);
    if (this.#samples.length < MAX_SAMPLES) this.#samples.push(elapsedMs);
    else {
      // Reservoir sampling: every request of the period has the same chance to be in the sample.
      const slot = Math.floor(Math.random() * this.#count);
      if (slot < MAX_SAMPLES) this.#samples[slot] = elapsedMs;
    }
  }

  /** The period's summary, and a new period; nothing when there was no request. */
  take(websockets: number): RequestSummary | undefined {
    if (this.#count === 0) return undefined;
    const sorted = this.#samples.sort((a, b) => a - b);
    const at = (q: number) => round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!);
    const summary: RequestSummary = {
      requests: this.#count,
      status: byKey(this.#status),
      errorStatus: byKey(this.#errorStatus),
      latencyMs: { p50: at(0.5), p95: at(0.95), max: round(this.#max) },
      websockets,
    };
    this.#count = 0;
    this.#status = new Map();
    this.#errorStatus = new Map();
    this.#samples = [];
    this.#max = 0;
    return summary;
  }
}

function byKey(counts: Map<string, number>): Record<string, number> {
  return Object.fromEntries([...counts].sort(([a], [b]) => a.localeCompare(b)));
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

/** Fastify's request lines, moved to `debug`, and each finished request counted for the summary. */
export class RequestLogController extends LogController {
  constructor(readonly stats: RequestStats) {
    super();
  }

  override incomingRequest(request: FastifyRequest): void {
    request.log.trace({ req: request }, 'incoming request');
  }

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    this.stats.record(reply.statusCode, reply.elapsedTime);
    if (error)
      reply.log.error(
        { req: request, res: reply, err: error, responseTime: reply.elapsedTime },
        'request errored',
      );
    else reply.log.debug({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }

  override defaultErrorLog(error: Error, request: FastifyRequest, reply: FastifyReply): void {
    if (reply.statusCode >= 500) reply.log.error({ req: request, res: reply, err: error }, error?.message);
    else reply.log.debug({ res: reply, code: (error as { code?: string })?.code }, 'request refused');
  }

  override streamError(error: Error, _request: FastifyRequest, reply: FastifyReply): void {
    if ((error as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE')
      reply.log.debug({ res: reply }, 'stream closed prematurely');
    else reply.log.warn({ err: error }, 'response terminated with an error with headers already sent');
  }

  override routeNotFound(request: FastifyRequest): void {
    request.log.debug({ req: request }, 'route not found');
  }

  override serviceUnavailable(logger: FastifyBaseLogger): void {
    logger.debug({ res: { statusCode: 503 } }, 'request refused: the server is closing');
  }
}

/**
 * Writes the summary every `intervalMs` when there was traffic, and a last one when the server closes.
 * `websockets` says how many sockets are open (the WebSocket server's client count).
 */
export function startRequestSummary(
  app: FastifyInstance,
  logger: FastifyBaseLogger,
  stats: RequestStats,
  intervalMs: number,
): void {
  const websockets = () => (app.websocketServer?.clients?.size as number | undefined) ?? 0;
  let since = Date.now();
  const flush = () => {
    const summary = stats.take(websockets());
    const seconds = Math.round((Date.now() - since) / 1000);
    since = Date.now();
    if (summary) logger.info({ summary, seconds }, 'requests');
  };
  const timer = setInterval(flush, intervalMs);
  timer.unref();
  app.addHook('onClose', async () => {
    clearInterval(timer);
    flush();
  });
}
