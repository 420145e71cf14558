// The audit trail's keys and anchors, created once per process with the instance's secret (AppContext.audit).
//
// Modules append entries with recordAudit(db, entry) and pass whatever handle or transaction they hold; the
// key travels with the database handle rather than through every call: buildApp hands modules a handle bound
// to this trail (`trail.bind(db)`, a pass-through Kysely plugin that transactions inherit), and recordAudit
// finds the trail on the handle it is given. Two apps in one process (tests) each bind their own handle,
// with their own keys; a handle that was never bound refuses to write instead of writing unkeyed links.
//
// Anchors: the head is appended to AUDIT_ANCHOR_FILE (and sent to AUDIT_ANCHOR_SYSLOG) when the trail
// starts, every minute when it moved, and when it closes.
import type {
  Kysely,
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';
import type { Logger } from 'pino';
import type { Config } from '../../config.ts';
import type { Database, Db } from '../../database.ts';
import { type Clock, systemClock } from '../../infra/clock.ts';
import { checkSecretFingerprint, Secrets } from '../../infra/secrets.ts';
import {
  type AnchorRecord,
  appendAnchorLine,
  formatAnchor,
  type HeadAnchor,
  instanceName,
  readVerifiedState,
  SyslogSender,
  stateFileOf,
  type VerifiedPoint,
  writeVerifiedState,
} from './anchors.ts';
import { GENESIS } from './chain.ts';

export const ANCHOR_INTERVAL_MS = 60_000;

export interface AuditTrailOptions {
  secrets: Secrets;
  clock: Clock;
  /** The append-only anchor file (undefined: none, e.g. an in-memory test instance). */
  anchorFile?: string | undefined;
  /** `udp://host[:port]`: also send every anchor to this syslog receiver. */
  syslog?: string | undefined;
  logger?: Logger | undefined;
  /** Names this process in its anchor lines (default host/pid). */
  instance?: string;
  /** How often the head is anchored when it moved (default a minute; tests shorten it). */
  intervalMs?: number;
}

/** Carries the trail on a Kysely handle; it changes no query. */
class AuditBinding implements KyselyPlugin {
  constructor(readonly trail: AuditTrail) {}
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

export class AuditTrail {
  readonly chainKey: Buffer;
  readonly anchorKey: Buffer;
  readonly anchorFile: string | undefined;
  readonly instance: string;
  readonly #clock: Clock;
  readonly #logger: Logger | undefined;
  readonly #syslog: SyslogSender | undefined;
  readonly #intervalMs: number;
  #timer: NodeJS.Timeout | undefined;
  #lastAnchored: { seq: number; hash: string } | undefined;
  // Writes one after the other, so lines keep their order and a close waits for the one in flight.
  #queue: Promise<void> = Promise.resolve();

  constructor(options: AuditTrailOptions) {
    this.chainKey = options.secrets.key('audit-chain');
    this.anchorKey = options.secrets.key('audit-anchor');
    this.anchorFile = options.anchorFile;
    this.instance = options.instance ?? instanceName();
    this.#clock = options.clock;
    this.#logger = options.logger;
    this.#syslog = options.syslog ? new SyslogSender(options.syslog) : undefined;
    this.#intervalMs = options.intervalMs ?? ANCHOR_INTERVAL_MS;
  }

  /** The same handle, carrying this trail: what recordAudit and verifyAuditChain use. */
  bind<T extends Db>(db: T): T {
    return db.withPlugin(new AuditBinding(this)) as T;
  }

  /** Whether anchors go anywhere at all. */
  get anchored(): boolean {
    return this.anchorFile !== undefined || this.#syslog !== undefined;
  }

  /** Anchors the head now, then every minute when it moved. */
  async start(db: Db): Promise<void> {
    if (!this.anchored) return;
    await this.anchor(db, 'start');
    this.#timer = setInterval(() => void this.anchor(db, 'interval'), this.#intervalMs);
    this.#timer.unref();
  }

  /** Stops the timer and anchors the head a last time (call before the database closes). */
  async close(db: Db): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    if (this.anchored) await this.anchor(db, 'close');
    await this.#queue;
    this.#syslog?.close();
  }

  /**
   * Appends the current head. 'interval' writes only when the head moved since this process last anchored
   * it; 'start' and 'close' always write. Failures are logged, never thrown: an unwritable anchor must not
   * stop the helpline, and `abri audit verify` reports the gap.
   */
  anchor(db: Db, reason: HeadAnchor['reason']): Promise<void> {
    const run = this.#queue.then(async () => {
      try {
        const head = await readHead(db);
        if (
          reason === 'interval' &&
          this.#lastAnchored?.seq === head.seq &&
          this.#lastAnchored.hash === head.hash
        )
          return;
        await this.#write({
          type: 'head',
          seq: head.seq,
          hash: head.hash,
          entryAt: head.at?.toISOString() ?? null,
          at: this.#clock.now().toISOString(),
          instance: this.instance,
          reason,
        });
        this.#lastAnchored = { seq: head.seq, hash: head.hash };
      } catch (error) {
        this.#logger?.error(
          { err: error, anchorFile: this.anchorFile },
          'audit anchor: could not write the head',
        );
      }
    });
    this.#queue = run;
    return run;
  }

  /**
   * Remembers the last point a verification found intact and how far it read each anchor file, in the
   * state file beside this instance's anchor file (nothing without one).
   */
  async recordVerified(seq: number, hash: string, files: Record<string, number>): Promise<boolean> {
    if (!this.anchorFile) return false;
    await writeVerifiedState(this.anchorKey, stateFileOf(this.anchorFile), {
      type: 'verified',
      seq,
      hash,
      at: this.#clock.now().toISOString(),
      instance: this.instance,
      files,
    });
    return true;
  }

  /** The remembered point (see recordVerified): null when there is none, a string when it does not hold. */
  readVerified(): VerifiedPoint | null | string {
    return this.anchorFile ? readVerifiedState(this.anchorKey, stateFileOf(this.anchorFile)) : null;
  }

  async #write(record: AnchorRecord): Promise<void> {
    const line = formatAnchor(this.anchorKey, record);
    const errors: unknown[] = [];
    if (this.anchorFile) await appendAnchorLine(this.anchorFile, line).catch((error) => errors.push(error));
    if (this.#syslog) await this.#syslog.send(line, this.#clock.now()).catch((error) => errors.push(error));
    if (errors.length) throw errors[0];
  }
}

export async function readHead(db: Db): Promise<{ seq: number; hash: string; at: Date | null }> {
  const head = await db
    .selectFrom('audit_head')
    .leftJoin('audit_events', 'audit_events.seq', 'audit_head.seq')
    .select(['audit_head.seq', 'audit_head.hash', 'audit_events.at'])
    .where('audit_head.id', '=', 1)
    .executeTakeFirst();
  return head ? { seq: head.seq, hash: head.hash, at: head.at } : { seq: 0, hash: GENESIS, at: null };
}

/** The trail a handle was bound to (see AuditTrail.bind). */
export function trailOf(db: Db): AuditTrail {
  const binding = db
    .getExecutor()
    .plugins.find((plugin): plugin is AuditBinding => plugin instanceof AuditBinding);
  if (!binding)
    throw new Error(
      'This database handle carries no audit key: write audit entries through context.db, or a handle bound with AuditTrail.bind (modules/audit/trail.ts).',
    );
  return binding.trail;
}

/**
 * For command-line tools that open the database themselves: checks the instance's secret against the
 * database, runs `work` with a handle bound to the trail, and anchors the head when done (a CLI that wrote
 * entries anchors them as a server does when it stops).
 */
export async function withAuditTrail<T>(
  db: Kysely<Database>,
  config: Config,
  work: (db: Kysely<Database>) => Promise<T>,
): Promise<T> {
  const secrets = Secrets.load(config);
  await checkSecretFingerprint(db, secrets, systemClock.now());
  const trail = new AuditTrail({
    secrets,
    clock: systemClock,
    anchorFile: config.auditAnchorFile,
    syslog: config.auditAnchorSyslog,
  });
  try {
    return await work(trail.bind(db));
  } finally {
    await trail.close(db);
  }
}
