// The one place where the environment is read. A bad value stops start-up with a message that names the
// variable; everything else receives a typed, frozen Config.
import path from 'node:path';
import { z } from 'zod';
import { decodeKey } from './infra/secrets.ts';

function isSecretKey(value: string): boolean {
  try {
    decodeKey(value, 'SECRET_KEY');
    return true;
  } catch {
    return false;
  }
}

const booleanish = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .optional(),
  PUBLIC_URL: z.url().optional(),
  /** The instance's secret (hex or base64, at least 32 bytes); see infra/secrets.ts. */
  SECRET_KEY: z
    .string()
    .refine(isSecretKey, 'must hold at least 32 random bytes in hex or base64 (openssl rand -base64 32)')
    .optional(),
  /** A file holding the secret instead (a systemd credential, a mounted secret). */
  SECRET_KEY_FILE: z.string().optional(),
  TRUST_PROXY: booleanish.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(50 * 1024 * 1024)
    .default(256 * 1024),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 7)
    .default(12),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_LOCK_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  /** A visitor's chat socket that has not said hello after this long is closed (4408). */
  CHAT_HELLO_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(10_000),
  /** Chat sockets not yet identified by a hello, per address hash and instance; the next is closed (4429). */
  CHAT_MAX_UNIDENTIFIED_SOCKETS: z.coerce.number().int().min(1).max(10_000).default(20),
  WEB_DIST_DIR: z.string().optional(),
  CONTENT_DIR: z.string().optional(),
  JOBS_ENABLED: booleanish.default(true),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^/?#]+/, 'must be smtp://host:port or smtps://host:port (user:password@ optional)')
    .refine((value) => URL.canParse(value), 'is not a valid URL (percent-encode special characters)')
    .optional(),
  MAIL_FROM: z
    .string()
    .regex(
      /^(?:[^<>\r\n]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/,
      'must be an address, optionally with a name: Abri <no-reply@example.org>',
    )
    .default('Abri <no-reply@localhost>'),
  /** Like curl --resolve, for the hotline's look-ups and removal checks: "host=ip[,ip];host2=ip". The
   *  addresses named here may be private (a staging site, the browser tests' local server). */
  HOTLINE_FETCH_RESOLVE: z
    .string()
    .regex(
      /^\s*[^=;\s]+=[0-9a-fA-F:.,]+(?:\s*[;\s]\s*[^=;\s]+=[0-9a-fA-F:.,]+)*\s*;?\s*$/,
      'must be host=address entries separated by ";" (e.g. takedown.test=127.0.0.1)',
    )
    .optional(),
});

export type Env = z.input<typeof envSchema>;

export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  publicUrl: string | undefined;
  /** Where the instance's secret comes from (infra/secrets.ts): SECRET_KEY, SECRET_KEY_FILE, or DATA_DIR. */
  secretKey: string | undefined;
  secretKeyFile: string | undefined;
  /** True when Abri is reached over HTTPS: cookies get Secure, responses get HSTS. */
  tls: boolean;
  trustProxy: boolean;
  logLevel: string;
  bodyLimitBytes: number;
  session: { idleMinutes: number; absoluteHours: number };
  login: { maxFailures: number; lockMinutes: number };
  /** Visitors' chat sockets before their hello (helpline/visitor-socket.ts). */
  chatSockets: { helloTimeoutMs: number; maxUnidentifiedPerAddress: number };
  webDistDir: string;
  contentDir: string;
  jobsEnabled: boolean;
  /** Where outgoing mail is relayed; without it mail is held in the outbox, shown in the console. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** HOTLINE_FETCH_RESOLVE as given: host names pinned to addresses for hotline look-ups and checks. */
  hotlineFetchResolve: string | undefined;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const repoRoot = path.resolve(import.meta.dirname, '../..');

export function loadConfig(environment: Record<string, string | undefined> = process.env): Config {
  // Empty strings count as unset, as in most deployment tools.
  const cleaned = Object.fromEntries(
    Object.entries(environment).filter(([key, value]) => key in envSchema.shape && value !== ''),
  );
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = issue.path.join('.');
      const raw = environment[name];
      // The message reaches the logs: a URL's password is not echoed, even in a mistyped one.
      const value =
        name === 'SECRET_KEY'
          ? '[redacted]'
          : name.endsWith('_URL')
            ? raw?.replace(/:[^:@/]+@/, ':[redacted]@')
            : raw;
      return `  ${name}=${JSON.stringify(value)}: ${issue.message}`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return Object.freeze({
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    dataDir: e.DATA_DIR === ':memory:' ? ':memory:' : path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    publicUrl: e.PUBLIC_URL,
    secretKey: e.SECRET_KEY,
    secretKeyFile: e.SECRET_KEY_FILE,
    tls: e.PUBLIC_URL?.startsWith('https://') ?? false,
    trustProxy: e.TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    session: { idleMinutes: e.SESSION_IDLE_MINUTES, absoluteHours: e.SESSION_ABSOLUTE_HOURS },
    login: { maxFailures: e.LOGIN_MAX_FAILURES, lockMinutes: e.LOGIN_LOCK_MINUTES },
    chatSockets: {
      helloTimeoutMs: e.CHAT_HELLO_TIMEOUT_MS,
      maxUnidentifiedPerAddress: e.CHAT_MAX_UNIDENTIFIED_SOCKETS,
    },
    webDistDir: e.WEB_DIST_DIR ? path.resolve(e.WEB_DIST_DIR) : path.join(repoRoot, 'web/dist'),
    contentDir: e.CONTENT_DIR ? path.resolve(e.CONTENT_DIR) : path.join(repoRoot, 'content'),
    jobsEnabled: e.JOBS_ENABLED,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    hotlineFetchResolve: e.HOTLINE_FETCH_RESOLVE,
  });
}
