// The `abri` command line: start the server, run migrations, administer accounts, verify the audit trail.
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { ROLES, type TRole } from '@abri/contracts';
import { buildApp } from './app.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';
import type { Database } from './database.ts';
import { systemClock } from './infra/clock.ts';
import { connectDatabase } from './infra/db/connect.ts';
import { migrateToLatest } from './infra/db/migrate.ts';
import { isAppError } from './infra/errors.ts';
import { SecretKeyError } from './infra/secrets.ts';
import { migrations } from './migrations/index.ts';
import { verifyAuditChain, withAuditTrail } from './modules/audit/index.ts';
import { createUser, ensureFirstAdmin, setOneTimePassword } from './modules/identity/index.ts';
import { loadDefaultSettings } from './modules/settings/index.ts';
import { seedSettings } from './modules/settings/settings.service.ts';

const HELP = `Abri — helpline and hotline platform

Usage: abri <command> [options]

Commands:
  start                         Start the server (PORT, default 3000; DATABASE_URL or embedded PGlite in DATA_DIR)
  migrate                       Apply database migrations and exit
  admin create-user             Create a staff account and print its one-time password
      --username NAME --display-name "Full Name" --roles counsellor,supervisor [--email ADDRESS]
  admin reset-password          Give an account a new one-time password (to change at next login)
      --username NAME
  audit verify                  Check the audit trail's keyed chain against its anchors, from the last verified
                                point: exit 0 intact, 1 altered, 3 intact but not anchored (see the warnings)
      [--full] [--anchor FILE]...  --full walks every entry; --anchor checks these anchor files (one per
                                instance) instead of AUDIT_ANCHOR_FILE
  pdq FILE...                   Print the PDQ hash of each image: hash,quality,FILE (as Meta's pdq-photo-hasher)
  pdq --dihedral FILE...        Print the 8 dihedral hashes of each image, then quality and FILE
  pdq match --bank NAME [--distance N] FILE...
                                Check images against a hash bank (\`abri pdq --help\` for the output)
  red-flags                     Read JSON lines {"text": "..."} on stdin, write one line of red flags for each
                                ({"flags":[{"flag","start","end","rule"}]}, or {"error"} for a malformed line)
  help                          Show this help

Environment: see docs/configuration.md (PORT, HOST, DATA_DIR, DATABASE_URL, REDIS_URL, PUBLIC_URL, LOG_LEVEL...).
`;

type Out = (line: string) => void;

async function withDatabase<T>(
  config: Config,
  work: (db: import('kysely').Kysely<Database>) => Promise<T>,
): Promise<T> {
  const handle = await connectDatabase<Database>({
    databaseUrl: config.databaseUrl,
    pgliteDir: config.databaseUrl ? undefined : `${config.dataDir}/pglite`,
    poolSize: 2,
  });
  try {
    await migrateToLatest(handle.db, migrations);
    await seedSettings(handle.db, loadDefaultSettings(config.contentDir));
    return await withAuditTrail(handle.db, config, work);
  } finally {
    await handle.close();
  }
}

async function start(config: Config, out: Out): Promise<number> {
  const app = await buildApp(config);
  const firstAdmin = await ensureFirstAdmin(app.context.db, systemClock);
  const address = await app.listen({ host: config.host, port: config.port });
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const url = config.publicUrl ?? `http://${shownHost}:${new URL(address).port}`;
  out('');
  out(`  Abri is running at ${url}`);
  out(`  Staff console: ${url}/console   API reference: ${url}/api/docs`);
  out(
    `  Database: ${app.context.databaseKind === 'pglite' ? `embedded PostgreSQL in ${config.dataDir}` : 'PostgreSQL server'}`,
  );
  if (firstAdmin) {
    out('');
    out('  First start: an administrator account was created.');
    out(`    username:           ${firstAdmin.username}`);
    out(`    one-time password:  ${firstAdmin.oneTimePassword}`);
    out(
      '  It is shown only now. Log in at /console: you will choose a new password, then set up two-step verification.',
    );
  }
  const origin = app.context.secrets.origin;
  if (typeof origin === 'object' && origin.created) {
    out('');
    out(`  A secret key was created in ${origin.file}. Keep a copy of it apart from the database backups:`);
    out('  without it the audit trail cannot be verified. Several instances need the same key (SECRET_KEY).');
  }
  out('');
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => process.exit(1), 10_000);
    timer.unref();
    try {
      await app.close();
      process.exit(0);
    } catch (error) {
      app.log.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  return new Promise<number>(() => {});
}

function parseRoles(value: string | undefined): TRole[] {
  const roles = (value ?? '')
    .split(',')
    .map((role) => role.trim())
    .filter(Boolean);
  const unknown = roles.filter((role) => !(ROLES as readonly string[]).includes(role));
  if (roles.length === 0 || unknown.length) {
    throw new UsageError(
      `--roles takes a comma-separated list of: ${ROLES.join(', ')}${unknown.length ? ` (unknown: ${unknown.join(', ')})` : ''}`,
    );
  }
  return roles as TRole[];
}

class UsageError extends Error {}

/** Red flags for each JSON line of the input; a malformed line gets an error line and the rest goes on. */
async function redFlags(input: NodeJS.ReadableStream, out: Out): Promise<number> {
  const { detectRedFlags } = await import('@abri/redflags');
  for await (const line of createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })) {
    if (!line.trim()) continue;
    let text: unknown;
    try {
      text = (JSON.parse(line) as { text?: unknown } | null)?.text;
    } catch (error) {
      out(JSON.stringify({ error: `invalid JSON: ${(error as Error).message}` }));
      continue;
    }
    if (typeof text !== 'string') {
      out(JSON.stringify({ error: 'expected an object with a string "text"' }));
      continue;
    }
    out(JSON.stringify({ flags: detectRedFlags(text) }));
  }
  return 0;
}

export async function main(
  argv: string[],
  out: Out = console.log,
  err: Out = console.error,
): Promise<number> {
  const [command, sub, ...rest] = argv;
  try {
    if (!command || command === 'help' || command === '--help' || command === '-h') {
      out(HELP);
      return 0;
    }
    if (command === 'red-flags') return await redFlags(process.stdin, out);
    if (command === 'pdq') {
      // Hashing needs no configuration; only `pdq match` loads it, to read the bank.
      const { pdqCommand } = await import('./cli/pdq.ts');
      return await pdqCommand(argv.slice(1), out, err, {
        match: async (bank, hashes, maxDistance) => {
          const { matchInBank } = await import('./cli/pdq-match.ts');
          return withDatabase(loadConfig(), (db) => matchInBank(db, bank, hashes, maxDistance));
        },
      });
    }
    const config = loadConfig();
    if (command === 'start') return await start(config, out);
    if (command === 'migrate') {
      const applied = await withDatabase(config, async () => undefined);
      out(`Migrations up to date.${applied ?? ''}`);
      return 0;
    }
    const cliActor = { id: null, name: 'cli' };
    if (command === 'admin' && sub === 'create-user') {
      const { values } = parseArgs({
        args: rest,
        options: {
          username: { type: 'string' },
          'display-name': { type: 'string' },
          roles: { type: 'string' },
          email: { type: 'string' },
        },
      });
      if (!values.username) throw new UsageError('--username is required');
      const roles = parseRoles(values.roles);
      const { ZUserCreateRequest } = await import('@abri/contracts');
      const input = ZUserCreateRequest.safeParse({
        username: values.username,
        displayName: values['display-name'] ?? values.username,
        email: values.email ?? null,
        roles,
      });
      if (!input.success)
        throw new UsageError(input.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
      const result = await withDatabase(config, (db) =>
        createUser(db, systemClock, cliActor, input.data, 'cli'),
      );
      out(`Created ${result.user.username} (${result.user.roles.join(', ')}).`);
      out(`One-time password: ${result.oneTimePassword}`);
      out('It must be changed at first login.');
      return 0;
    }
    if (command === 'admin' && sub === 'reset-password') {
      const { values } = parseArgs({ args: rest, options: { username: { type: 'string' } } });
      if (!values.username) throw new UsageError('--username is required');
      const result = await withDatabase(config, (db) =>
        setOneTimePassword(db, systemClock, cliActor, values.username!),
      );
      out(`New one-time password for ${result.user.username}: ${result.oneTimePassword}`);
      out('It must be changed at next login; the account was unlocked and its sessions ended.');
      return 0;
    }
    if (command === 'audit' && sub === 'verify') {
      const { values } = parseArgs({
        args: rest,
        options: { full: { type: 'boolean' }, anchor: { type: 'string', multiple: true } },
      });
      const result = await withDatabase(config, (db) =>
        verifyAuditChain(db, { full: values.full ?? false, anchorFiles: values.anchor }),
      );
      for (const problem of result.problems) out(`BROKEN: ${problem}.`);
      for (const warning of result.warnings) out(`WARNING: ${warning}.`);
      if (result.firstBroken) {
        out(
          `BROKEN: ${result.firstBroken.reason} (first broken entry: #${result.firstBroken.seq}; ${result.checked} entries checked before it).`,
        );
        return 1;
      }
      if (!result.ok) return 1;
      const walked =
        result.mode === 'incremental'
          ? `${result.checked} new audit entries after #${result.from - 1} (verified before; --full walks all ${result.lastSeq})`
          : `${result.checked} audit entries`;
      const latest = result.anchors.latest;
      if (result.warnings.length) {
        out(`UNANCHORED: ${walked}, chain intact, but not every anchor could be checked (see the warnings).`);
        return 3;
      }
      out(`OK: ${walked}, chain intact${latest ? `; anchored up to #${latest.seq} (${latest.at})` : ''}.`);
      return 0;
    }
    err(`Unknown command: ${argv.join(' ')}\n`);
    err(HELP);
    return 2;
  } catch (error) {
    if (error instanceof ConfigError || error instanceof SecretKeyError) {
      err(error.message);
      return 2;
    }
    if (
      error instanceof UsageError ||
      (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
    ) {
      err(`${(error as Error).message}\nRun \`abri help\` for usage.`);
      return 2;
    }
    if (isAppError(error)) {
      err(error.userMessage);
      return 1;
    }
    throw error;
  }
}
