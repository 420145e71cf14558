// Where an `abri` database command runs:
// - PostgreSQL (DATABASE_URL): in the CLI's own process, connected directly (two processes are fine there);
// - the embedded database, with a server running on DATA_DIR: in that server, asked over the admin socket;
// - the embedded database, no server: in the CLI's own process, which locks DATA_DIR for the time it runs.
// A server that is starting holds the lock before its socket listens: the CLI waits for it a little.
import { existsSync, renameSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Config } from '../config.ts';
import type { AppContext } from '../context.ts';
import type { Database } from '../database.ts';
import { systemClock } from '../infra/clock.ts';
import { restoreEmbeddedDatabase } from '../infra/db/backup.ts';
import { connectDatabase, type DatabaseHandle } from '../infra/db/connect.ts';
import { DataDirLockedError } from '../infra/db/data-dir-lock.ts';
import { migrateToLatest } from '../infra/db/migrate.ts';
import { isAppError } from '../infra/errors.ts';
import { checkSecretFingerprint, SecretKeyError, Secrets } from '../infra/secrets.ts';
import { migrations } from '../migrations/index.ts';
import { stateFileOf, withAuditTrail } from '../modules/audit/index.ts';
import { loadDefaultSettings } from '../modules/settings/index.ts';
import { seedSettings } from '../modules/settings/settings.service.ts';
import { type AdminRequest, adminSocketPath, listenAdminSocket, requestOverSocket } from './admin-socket.ts';
import {
  type AdminCommand,
  type CommandContext,
  type CommandResult,
  commandByName,
  UsageError,
} from './commands.ts';

type Out = (line: string) => void;

/** How long a command waits for a server that holds the directory but does not answer yet (starting). */
const WAIT_FOR_SERVER_MS = 60_000;

export function embeddedDir(config: Config): string | undefined {
  return config.databaseUrl || config.dataDir === ':memory:' ? undefined : `${config.dataDir}/pglite`;
}

/** Runs the command where it belongs (see above), prints its output, and gives its exit code. */
export async function runAdminCommand(
  config: Config,
  command: AdminCommand<unknown>,
  args: string[],
  out: Out,
  err: Out,
): Promise<number> {
  const parsed = command.parse(args);
  command.before?.(parsed);
  let result = await execute(config, command, args, parsed, err);
  if (command.deliver) result = await command.deliver(parsed, result);
  for (const line of result.lines) out(line);
  for (const line of result.errors ?? []) err(line);
  return result.exitCode;
}

/** The result without printing it (pdq match reads its data). */
export async function execute(
  config: Config,
  command: AdminCommand<unknown>,
  args: string[],
  parsed: unknown,
  notice: Out = () => {},
): Promise<CommandResult> {
  const dir = embeddedDir(config);
  if (command.name === 'restore') return restore(config, dir, parsed as string);
  if (!dir) return runLocally(config, command, parsed);
  const socketPath = adminSocketPath(config.dataDir);
  const request: AdminRequest = { command: command.name, args };
  const deadline = Date.now() + WAIT_FOR_SERVER_MS;
  let told = false;
  for (;;) {
    const answer = await askServer(socketPath, request);
    if (answer) return answer;
    try {
      return await runLocally(config, command, parsed);
    } catch (error) {
      if (!(error instanceof DataDirLockedError) || Date.now() > deadline) throw error;
      if (!told)
        notice(`Waiting for process ${error.holder.pid} (${error.holder.command}) to answer or stop...`);
      told = true;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

async function askServer(socketPath: string, request: AdminRequest): Promise<CommandResult | undefined> {
  try {
    return await requestOverSocket(socketPath, request);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EACCES')
      throw new UsageError(
        `Permission denied on ${socketPath}: run abri as the account that runs the Abri server.`,
      );
    throw error;
  }
}

async function runLocally(
  config: Config,
  command: AdminCommand<unknown>,
  parsed: unknown,
): Promise<CommandResult> {
  const database = await connectDatabase<Database>({
    databaseUrl: config.databaseUrl,
    pgliteDir: embeddedDir(config),
    poolSize: 2,
  });
  try {
    await migrateToLatest(database.db, migrations);
    await seedSettings(database.db, loadDefaultSettings(config.contentDir));
    let secrets: Secrets | undefined;
    const context: CommandContext = {
      db: database.db,
      database,
      clock: systemClock,
      config,
      secrets: () => {
        secrets ??= Secrets.load(config);
        return secrets;
      },
      where: 'local',
    };
    // Audit entries written by a command are keyed, and the head is anchored when it ends.
    return await withAuditTrail(database.db, config, (db) => command.run({ ...context, db }, parsed));
  } finally {
    await database.close();
  }
}

/**
 * In a server on the embedded database: listens on DATA_DIR/abri.sock for the abri commands. Without it the
 * server still runs (the commands then need it stopped), so a socket that cannot be made is only a warning.
 */
export async function serveAdminCommands(
  config: Config,
  database: DatabaseHandle<Database>,
  app: Pick<AppContext, 'db' | 'clock' | 'secrets'>,
  log: { error(data: object, message: string): void; warn(data: object, message: string): void },
): Promise<{ close(): Promise<void> } | undefined> {
  if (!database.pgliteDir) return undefined;
  const socketPath = adminSocketPath(config.dataDir);
  const handler = serverCommandHandler(
    { db: app.db, database, clock: app.clock, config, secrets: () => app.secrets },
    log,
  );
  try {
    return await listenAdminSocket(socketPath, handler);
  } catch (error) {
    log.warn(
      { err: error, socketPath },
      'no admin socket: abri commands on this data directory need Abri stopped (a shorter DATA_DIR path may help)',
    );
    return undefined;
  }
}

/** The server's side of the admin socket: the same commands, on the server's own database and secret. */
export function serverCommandHandler(
  context: Omit<CommandContext, 'where'>,
  log: { error(data: object, message: string): void },
): (request: AdminRequest) => Promise<CommandResult> {
  return async ({ command: name, args }) => {
    const command = commandByName(name);
    if (!command || command.localOnly)
      return { exitCode: 2, lines: [], errors: [`The server does not run "${name}".`] };
    try {
      return await command.run({ ...context, where: 'server' }, command.parse(args));
    } catch (error) {
      if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'))
        return { exitCode: 2, lines: [], errors: [(error as Error).message] };
      if (isAppError(error)) return { exitCode: 1, lines: [], errors: [error.userMessage] };
      log.error({ err: error, command: name }, 'admin command failed');
      return { exitCode: 1, lines: [], errors: [`${name} failed: ${(error as Error).message}`] };
    }
  };
}

async function restore(config: Config, dir: string | undefined, file: string): Promise<CommandResult> {
  if (!dir)
    return {
      exitCode: 2,
      lines: [],
      errors: [
        config.databaseUrl
          ? 'abri restore is for the embedded database; with DATABASE_URL restore with psql or pg_restore (see docs/backup.md).'
          : 'abri restore needs an embedded database on disk (DATA_DIR), not in memory.',
      ],
    };
  let sql: string;
  try {
    sql = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot read ${file} (${(error as NodeJS.ErrnoException).code}).`);
  }
  if (!sql.includes('PostgreSQL database dump'))
    throw new UsageError(`${file} is not a backup made by abri backup or pg_dump (plain SQL).`);
  const started = performance.now();
  const keyHere =
    config.secretKey || config.secretKeyFile || existsSync(path.join(config.dataDir, 'secret.key'));
  let outcome: Awaited<ReturnType<typeof restoreEmbeddedDatabase<string[]>>>;
  try {
    outcome = await restoreEmbeddedDatabase(dir, sql, (db) =>
      afterRestore(db as unknown as Kysely<Database>, config, Boolean(keyHere)),
    );
  } catch (error) {
    if (error instanceof DataDirLockedError)
      throw new DataDirLockedError(error.dir, {
        ...error.holder,
        command: `${error.holder.command}; stop Abri before restoring`,
      });
    throw error;
  }
  const anchorsAside = outcome.checked.length ? [] : setAnchorsAside(config);
  return {
    exitCode: outcome.checked.length ? 1 : 0,
    lines: [
      `Restored ${file} into ${dir} (${outcome.tables} tables, ${Math.round(performance.now() - started)} ms).`,
      ...(outcome.previousDir
        ? [
            `The previous database was kept in ${outcome.previousDir}: remove it once the restored one is checked.`,
          ]
        : []),
      ...anchorsAside,
    ],
    errors: outcome.checked,
  };
}

/**
 * The audit anchors written since the backup saw entries the restore took away: against the restored
 * database they would read as a truncation. They are set aside with the time of the restore (kept, not
 * deleted: they still verify the database kept aside), and the restored instance starts a new series.
 */
function setAnchorsAside(config: Config): string[] {
  const file = config.auditAnchorFile;
  if (!file || !existsSync(file)) return [];
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const aside = `${file}.before-restore-${stamp}`;
  renameSync(file, aside);
  if (existsSync(stateFileOf(file))) renameSync(stateFileOf(file), stateFileOf(aside));
  return [
    `The audit anchors written before the restore were moved to ${aside} (they vouch for the database kept aside); a new series starts with the restored one.`,
  ];
}

/**
 * Brings the restored database to this version's schema, as a start would, and checks that the secret key
 * here is the backed-up instance's (the backup does not hold it); never creates a key. Gives what is wrong.
 */
async function afterRestore(db: Kysely<Database>, config: Config, keyHere: boolean): Promise<string[]> {
  await migrateToLatest(db, migrations);
  if (!keyHere)
    return [
      `No secret key in ${config.dataDir} (nor SECRET_KEY, SECRET_KEY_FILE): put the backed-up instance's secret.key there before starting Abri.`,
    ];
  try {
    await checkSecretFingerprint(db, Secrets.load(config), systemClock.now());
    return [];
  } catch (error) {
    if (error instanceof SecretKeyError) return [error.message];
    throw error;
  }
}

/** The data a command returned, for callers that read it rather than print it (pdq match). */
export async function commandData(config: Config, name: string, args: string[]): Promise<CommandResult> {
  const command = commandByName(name);
  if (!command) throw new Error(`no command ${name}`);
  return execute(config, command, args, command.parse(args));
}
