// The `abri` command line: start the server, and the commands on its database (cli/commands.ts), which run
// in the running server when it holds the embedded database (cli/run-command.ts).
import { createInterface } from 'node:readline';
import { buildApp } from './app.ts';
import { findCommand, UsageError } from './cli/commands.ts';
import { commandData, embeddedDir, runAdminCommand, serveAdminCommands } from './cli/run-command.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';
import type { Database } from './database.ts';
import { systemClock } from './infra/clock.ts';
import { connectDatabase } from './infra/db/connect.ts';
import { DataDirLockedError } from './infra/db/data-dir-lock.ts';
import { isAppError } from './infra/errors.ts';
import { SecretKeyError } from './infra/secrets.ts';
import { ensureFirstAdmin } from './modules/identity/index.ts';

const HELP = `Abri — helpline and hotline platform

Usage: abri <command> [options]

Commands:
  start                         Start the server (PORT, default 3000; DATABASE_URL or embedded PGlite in DATA_DIR)
  migrate                       Apply database migrations and exit
  admin create-user             Create a staff account and print its one-time password
      --username NAME --display-name "Full Name" --roles counsellor,supervisor [--email ADDRESS]
      [--alias NAME]            (the name children see in the chat; without it, a neutral label)
  admin reset-password          Give an account a new one-time password (to change at next login)
      --username NAME
  audit verify                  Check the audit trail's keyed chain against its anchors, from the last verified
                                point: exit 0 intact, 1 altered, 3 intact but not anchored (see the warnings)
      [--full] [--anchor FILE]...  --full walks every entry; --anchor checks these anchor files (one per
                                instance) instead of AUDIT_ANCHOR_FILE
  backup FILE                   Write the embedded database to FILE as a plain SQL dump, online (PostgreSQL
                                server: use pg_dump, see docs/backup.md). The secret key is not in it.
  restore FILE                  Replace the embedded database with a backup; only while Abri is stopped
                                (the previous database is kept aside)
  pdq FILE...                   Print the PDQ hash of each image: hash,quality,FILE (as Meta's pdq-photo-hasher)
  pdq --dihedral FILE...        Print the 8 dihedral hashes of each image, then quality and FILE
  pdq match --bank NAME [--distance N] FILE...
                                Check images against a hash bank (\`abri pdq --help\` for the output)
  red-flags                     Read JSON lines {"text": "..."} on stdin, write one line of red flags for each
                                ({"flags":[{"flag","start","end","rule"}]}, or {"error"} for a malformed line)
  help                          Show this help

The database commands (migrate, admin, audit, backup, pdq match) work whether Abri runs or not: with the
embedded database, a running server does the work (asked over DATA_DIR/abri.sock, only its account can).

Environment: see docs/configuration.md (PORT, HOST, DATA_DIR, DATABASE_URL, REDIS_URL, PUBLIC_URL, LOG_LEVEL...).
`;

type Out = (line: string) => void;

async function start(config: Config, out: Out): Promise<number> {
  // The database is opened here rather than in buildApp, so that the admin socket can reach its handle
  // (backups); for the embedded one, this takes DATA_DIR's lock, held until the process ends.
  const database = await connectDatabase<Database>({
    databaseUrl: config.databaseUrl,
    pgliteDir: embeddedDir(config),
  });
  let app: Awaited<ReturnType<typeof buildApp>>;
  try {
    app = await buildApp(config, { database });
  } catch (error) {
    await database.close();
    throw error;
  }
  const firstAdmin = await ensureFirstAdmin(app.context.db, systemClock);
  const address = await app.listen({ host: config.host, port: config.port });
  // Embedded database: the abri commands reach this process over DATA_DIR/abri.sock (cli/run-command.ts).
  const adminSocket = await serveAdminCommands(config, database, app.context, app.log);
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
      await adminSocket?.close();
      await app.close();
      await database.close();
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
  const [command] = argv;
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
          const { UnknownBank } = await import('./cli/pdq.ts');
          const args = [
            bank,
            JSON.stringify(hashes),
            ...(maxDistance === undefined ? [] : [String(maxDistance)]),
          ];
          const result = await commandData(loadConfig(), 'pdq match-hashes', args);
          const data = JSON.parse(result.data ?? '{}');
          if (data.unknownBank) throw new UnknownBank(data.unknownBank);
          if (result.exitCode !== 0) throw new Error(result.errors?.join('\n') ?? 'pdq match failed');
          return data.matches;
        },
      });
    }
    const config = loadConfig();
    if (command === 'start') return await start(config, out);
    const found = findCommand(argv);
    if (found) return await runAdminCommand(config, found.command, found.args, out, err);
    err(`Unknown command: ${argv.join(' ')}\n`);
    err(HELP);
    return 2;
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      err(error.message);
      return 1;
    }
    if (error instanceof ConfigError || error instanceof SecretKeyError) {
      err(error.message);
      return 2;
    }
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
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
