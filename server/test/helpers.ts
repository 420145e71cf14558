// What integration tests build on: a real app over a real database (in-memory PGlite, or the PostgreSQL
// server named by DATABASE_URL), factories that create exactly what a test needs with unique names (tests
// never truncate tables, so they can share a PostgreSQL database), and a staff client that logs in
// through the API like the web client does.
import { randomBytes } from 'node:crypto';
import type { TRole, TSessionInfo } from '@abri/contracts';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { type BuildOptions, buildApp } from '../src/app.ts';
import { type Config, loadConfig } from '../src/config.ts';
import type { Database } from '../src/database.ts';
import { hashPassword } from '../src/infra/crypto.ts';
import { connectDatabase } from '../src/infra/db/connect.ts';
import { createUser, currentTotp } from '../src/modules/identity/index.ts';
import { generateTotpSecret } from '../src/modules/identity/totp.ts';

/** The instance secret every test app uses (32 bytes, hex): never a production key. */
export const TEST_SECRET_KEY = 'a5'.repeat(32);

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    DATABASE_URL: process.env.DATABASE_URL,
    REDIS_URL: process.env.REDIS_URL,
    DATA_DIR: ':memory:',
    // One key for every test app: suites share the PostgreSQL test database, and with it the audit chain.
    SECRET_KEY: TEST_SECRET_KEY,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    JOBS_ENABLED: 'false',
    NODE_ENV: 'test',
    ...overrides,
  });
}

export async function buildTestApp(
  options: BuildOptions & { env?: Record<string, string> } = {},
): Promise<FastifyInstance> {
  const app = await buildApp(testConfig(options.env), options);
  await app.ready();
  return app;
}

/**
 * Runs `work` with a database of its own: a fresh in-memory PGlite, or a throw-away database on the
 * PostgreSQL server when DATABASE_URL is set. For tests that alter shared state (the audit chain) or
 * need a world of their own (chat routing picks among every available counsellor).
 */
export async function withPrivateDatabase(
  work: (env: Record<string, string>) => Promise<void>,
): Promise<void> {
  const base = process.env.DATABASE_URL;
  if (!base) return work({ DATABASE_URL: '' });
  const name = `abri_test_${randomBytes(4).toString('hex')}`;
  const admin = await connectDatabase<Database>({ databaseUrl: base, poolSize: 1 });
  await sql`create database ${sql.id(name)}`.execute(admin.db);
  try {
    const url = new URL(base);
    url.pathname = `/${name}`;
    await work({ DATABASE_URL: url.toString() });
  } finally {
    await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin.db);
    await admin.close();
  }
}

/**
 * An app over a database of its own (see withPrivateDatabase), for suites that change what is global
 * (settings, routing among available staff, the mail queue). `close()` stops the app, then drops its
 * database. `options` receives the database's environment to build the app's options from.
 */
export async function buildPrivateTestApp(
  options: (env: Record<string, string>) => BuildOptions & { env?: Record<string, string> },
): Promise<{ app: FastifyInstance; close: () => Promise<void> }> {
  let built!: (app: FastifyInstance) => void;
  let failed!: (error: unknown) => void;
  let finish!: () => void;
  const ready = new Promise<FastifyInstance>((resolve, reject) => {
    built = resolve;
    failed = reject;
  });
  const done = withPrivateDatabase(async (env) => {
    const app = await buildTestApp(options(env));
    try {
      built(app);
      await new Promise<void>((resolve) => {
        finish = resolve;
      });
    } finally {
      await app.close();
    }
  }).catch(failed);
  const app = await ready;
  return {
    app,
    close: async () => {
      finish();
      await done;
    },
  };
}

export function unique(prefix: string): string {
  return `${prefix}-${randomBytes(5).toString('hex')}`;
}

export const STRONG_PASSWORD = 'correct horse battery staple 42';

export interface StaffFactoryOptions {
  roles?: TRole[];
  /** Enrol in two-step verification: done unless `false` (every role requires it by default), e.g. to
   *  see an account that predates the rule enrol at its next login. */
  totp?: boolean;
  /** The name children see instead of the account's (null: a neutral label). */
  alias?: string | null;
  password?: string;
  mustChangePassword?: boolean;
}

export interface Staff {
  id: string;
  username: string;
  password: string;
  totpSecret: string | null;
  /** The last time step whose code this account used: the server refuses a code twice. */
  totpLastStep?: number;
}

/** A staff account ready to log in, created directly in the database. */
export async function createStaff(app: FastifyInstance, options: StaffFactoryOptions = {}): Promise<Staff> {
  const { db, clock } = app.context;
  const roles = options.roles ?? ['counsellor'];
  const username = unique(roles[0] ?? 'user');
  const password = options.password ?? STRONG_PASSWORD;
  const { user } = await createUser(
    db,
    clock,
    { id: null, name: 'test' },
    { username, displayName: `Test ${username}`, alias: options.alias ?? null, roles },
    'cli',
  );
  const totpSecret = (options.totp ?? true) ? generateTotpSecret() : null;
  await db
    .updateTable('users')
    .set({
      password_hash: await hashPassword(password),
      must_change_password: options.mustChangePassword ?? false,
      totp_secret: totpSecret,
      totp_enabled_at: totpSecret ? clock.now() : null,
    })
    .where('id', '=', user.id)
    .execute();
  return { id: user.id, username, password, totpSecret };
}

/** A logged-in browser, seen from the server: keeps the session cookie and the CSRF token. */
export class StaffClient {
  cookie: string | undefined;
  session: TSessionInfo | undefined;

  /** Each simulated browser has its own address, so per-address limits do not leak between tests. */
  readonly remoteAddress = `198.18.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;

  constructor(readonly app: FastifyInstance) {}

  async request(options: InjectOptions & { url: string }): Promise<LightMyRequestResponse> {
    const mutating = options.method && !['GET', 'HEAD'].includes(String(options.method).toUpperCase());
    const response = await this.app.inject({
      remoteAddress: this.remoteAddress,
      ...options,
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(mutating && this.session ? { 'x-csrf-token': this.session.csrfToken } : {}),
        ...options.headers,
      },
    });
    const setCookie = response.cookies.find((c) => c.name === 'abri_session');
    if (setCookie) this.cookie = setCookie.value ? `abri_session=${setCookie.value}` : undefined;
    if (response.statusCode === 200 && String(response.headers['content-type']).includes('json')) {
      const body = response.json();
      if (body && typeof body === 'object' && 'stage' in body && 'csrfToken' in body) this.session = body;
      if (body && typeof body === 'object' && 'session' in body && body.session?.csrfToken)
        this.session = body.session;
    }
    return response;
  }

  post(url: string, payload: unknown = {}) {
    return this.request({ method: 'POST', url, payload: payload as InjectOptions['payload'] });
  }

  get(url: string) {
    return this.request({ method: 'GET', url });
  }

  put(url: string, payload: unknown = {}) {
    return this.request({ method: 'PUT', url, payload: payload as InjectOptions['payload'] });
  }

  /** Password, then the second factor if the account has one. */
  async login(staff: Staff): Promise<TSessionInfo> {
    const first = await this.post('/api/auth/login', { username: staff.username, password: staff.password });
    if (first.statusCode !== 200) throw new Error(`login failed: ${first.statusCode} ${first.body}`);
    if (this.session?.stage === 'totp_verify' && staff.totpSecret) {
      const second = await this.post('/api/auth/totp/verify', {
        code: nextTotp(staff, this.app.context.clock.now()),
      });
      if (second.statusCode !== 200)
        throw new Error(`second factor failed: ${second.statusCode} ${second.body}`);
    }
    return this.session!;
  }
}

/**
 * A code the server has not seen yet for this account: the current step's, else the next one's (accepted
 * one step early), like a person who waits for their app to show a new code.
 */
export function nextTotp(staff: Staff, now: Date): string {
  const current = Math.floor(now.getTime() / 30_000);
  const step = Math.max(current, (staff.totpLastStep ?? -1) + 1);
  if (step > current + 1)
    throw new Error(`${staff.username} used this step's codes already: move the clock on between logins`);
  staff.totpLastStep = step;
  return currentTotp(staff.totpSecret!, new Date(step * 30_000));
}

export async function loggedIn(app: FastifyInstance, options: StaffFactoryOptions = {}) {
  const staff = await createStaff(app, options);
  const client = new StaffClient(app);
  await client.login(staff);
  return { staff, client };
}
