// The `abri` commands that work on the database. Each is a function of (context, parsed arguments) giving
// output lines and an exit code, so that the same function runs in the CLI's own process (no server, or
// PostgreSQL) or inside the running server when it holds the embedded database (asked over the admin socket,
// see admin-socket.ts and run-command.ts). A new command is one entry in COMMANDS.
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ROLES, type TRole, ZUserCreateRequest } from '@abri/contracts';
import type { Kysely } from 'kysely';
import type { Config } from '../config.ts';
import type { Database } from '../database.ts';
import type { Clock } from '../infra/clock.ts';
import { dumpEmbeddedDatabase } from '../infra/db/backup.ts';
import type { DatabaseHandle } from '../infra/db/connect.ts';
import { migrateToLatest } from '../infra/db/migrate.ts';
import type { Secrets } from '../infra/secrets.ts';
import { migrations } from '../migrations/index.ts';
import { verifyAuditChain } from '../modules/audit/index.ts';
import { createUser, setOneTimePassword } from '../modules/identity/index.ts';
import type { BankMatch, FileHashes } from './pdq.ts';
import { UnknownBank } from './pdq.ts';

export interface CommandContext {
  db: Kysely<Database>;
  database: DatabaseHandle<Database>;
  clock: Clock;
  config: Config;
  /** The instance's secret (loaded on first use by the CLI; the server's own in the server). */
  secrets(): Secrets;
  /** Where the command runs: in the CLI's process, or in the running server for a socket request. */
  where: 'local' | 'server';
}

export interface CommandResult {
  exitCode: number;
  /** Standard output. */
  lines: string[];
  /** Standard error. */
  errors?: string[];
  /** A payload for the CLI's side (a backup's SQL, pdq matches as JSON). */
  data?: string;
}

/** Bad arguments: exit 2 with the message and a pointer to `abri help`. */
export class UsageError extends Error {}

export interface AdminCommand<P = unknown> {
  /** As typed: `admin create-user`, `audit verify`, `backup`. */
  name: string;
  /** Reads the arguments (throws UsageError); run by the CLI before anything opens, and again by the server. */
  parse(args: string[]): P;
  run(context: CommandContext, parsed: P): Promise<CommandResult>;
  /** In the CLI's process, before the command runs here or in the server (e.g. refuse an existing file). */
  before?(parsed: P): void;
  /** In the CLI's process, after the command ran here or in the server (e.g. write the backup file). */
  deliver?(parsed: P, result: CommandResult): Promise<CommandResult>;
  /** Never through a running server (restore needs the directory to itself): see run-command.ts. */
  localOnly?: boolean;
}

function define<P>(command: AdminCommand<P>): AdminCommand<P> {
  return command;
}

const cliActor = { id: null, name: 'cli' };

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

const createUserCommand = define({
  name: 'admin create-user',
  parse(args) {
    const { values } = parseArgs({
      args,
      options: {
        username: { type: 'string' },
        'display-name': { type: 'string' },
        alias: { type: 'string' },
        roles: { type: 'string' },
        email: { type: 'string' },
      },
    });
    if (!values.username) throw new UsageError('--username is required');
    const roles = parseRoles(values.roles);
    const input = ZUserCreateRequest.safeParse({
      username: values.username,
      displayName: values['display-name'] ?? values.username,
      alias: values.alias ?? null,
      email: values.email ?? null,
      roles,
    });
    if (!input.success)
      throw new UsageError(input.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    return input.data;
  },
  async run({ db, clock }, input) {
    const result = await createUser(db, clock, cliActor, input, 'cli');
    return {
      exitCode: 0,
      lines: [
        `Created ${result.user.username} (${result.user.roles.join(', ')}).`,
        `One-time password: ${result.oneTimePassword}`,
        'It must be changed at first login.',
      ],
    };
  },
});

const resetPasswordCommand = define({
  name: 'admin reset-password',
  parse(args) {
    const { values } = parseArgs({ args, options: { username: { type: 'string' } } });
    if (!values.username) throw new UsageError('--username is required');
    return values.username;
  },
  async run({ db, clock }, username) {
    const result = await setOneTimePassword(db, clock, cliActor, username);
    return {
      exitCode: 0,
      lines: [
        `New one-time password for ${result.user.username}: ${result.oneTimePassword}`,
        'It must be changed at next login; the account was unlocked and its sessions ended.',
      ],
    };
  },
});

const auditVerifyCommand = define({
  name: 'audit verify',
  parse: (args) =>
    parseArgs({
      args,
      options: { full: { type: 'boolean' }, anchor: { type: 'string', multiple: true } },
    }).values,
  async run({ db }, options) {
    const result = await verifyAuditChain(db, { full: options.full ?? false, anchorFiles: options.anchor });
    const lines = [
      ...result.problems.map((problem) => `BROKEN: ${problem}.`),
      ...result.warnings.map((warning) => `WARNING: ${warning}.`),
    ];
    if (result.firstBroken) {
      lines.push(
        `BROKEN: ${result.firstBroken.reason} (first broken entry: #${result.firstBroken.seq}; ${result.checked} entries checked before it).`,
      );
      return { exitCode: 1, lines };
    }
    if (!result.ok) return { exitCode: 1, lines };
    const walked =
      result.mode === 'incremental'
        ? `${result.checked} new audit entries after #${result.from - 1} (verified before; --full walks all ${result.lastSeq})`
        : `${result.checked} audit entries`;
    if (result.warnings.length) {
      lines.push(
        `UNANCHORED: ${walked}, chain intact, but not every anchor could be checked (see the warnings).`,
      );
      return { exitCode: 3, lines };
    }
    const latest = result.anchors.latest;
    lines.push(
      `OK: ${walked}, chain intact${latest ? `; anchored up to #${latest.seq} (${latest.at})` : ''}.`,
    );
    return { exitCode: 0, lines };
  },
});

const migrateCommand = define({
  name: 'migrate',
  parse: (args) => void parseArgs({ args, options: {} }),
  async run({ db, where }) {
    // Run locally, the database was migrated when it was opened (see run-command.ts); in a server, at start.
    const { applied } = await migrateToLatest(db, migrations);
    return {
      exitCode: 0,
      lines: [
        applied.length ? `Applied: ${applied.join(', ')}.` : 'Migrations up to date.',
        ...(where === 'server' ? ['(Run by the Abri server holding this data directory.)'] : []),
      ],
    };
  },
});

function fileArgument(args: string[], command: string): string {
  const { positionals } = parseArgs({ args, options: {}, allowPositionals: true });
  if (positionals.length !== 1) throw new UsageError(`usage: abri ${command} FILE`);
  return path.resolve(positionals[0]!);
}

const backupCommand = define({
  name: 'backup',
  parse: (args) => fileArgument(args, 'backup'),
  before(file) {
    if (existsSync(file)) throw fileExists(file);
  },
  async run({ database, config }) {
    if (database.kind !== 'pglite' || !database.pgliteDir) return notEmbedded(config, 'backup');
    const started = performance.now();
    const sql = await dumpEmbeddedDatabase(database);
    return {
      exitCode: 0,
      lines: [`(dumped in ${Math.round(performance.now() - started)} ms)`],
      data: sql,
    };
  },
  async deliver(file, result) {
    if (result.exitCode !== 0 || result.data === undefined) return result;
    // 0600: a backup holds everything the helpline stored.
    await writeFile(file, result.data, { mode: 0o600, flag: 'wx' }).catch((error) => {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST')
        throw new UsageError(
          `${file} exists already: choose another name (a backup never overwrites a file).`,
        );
      throw error;
    });
    return {
      exitCode: 0,
      lines: [
        `Backup written to ${file} (${formatBytes(Buffer.byteLength(result.data))}) ${result.lines.join(' ')}.`,
        'It is a plain SQL dump: restore it with `abri restore FILE`, or into a PostgreSQL server with psql.',
        'It does not hold the secret key (DATA_DIR/secret.key): keep a copy of that key apart from backups.',
      ],
    };
  },
});

const restoreCommand = define({
  name: 'restore',
  localOnly: true,
  parse: (args) => fileArgument(args, 'restore'),
  async run() {
    // Handled by run-command.ts before any database is opened (it needs the directory to itself).
    throw new Error('restore runs outside the command context');
  },
});

/** Not in the help: what `abri pdq match` asks of the database (pdq.ts parses and prints). */
const pdqMatchCommand = define({
  name: 'pdq match-hashes',
  parse(args) {
    const [bank, hashes, maxDistance] = args;
    if (!bank || !hashes) throw new UsageError('usage: abri pdq match --bank NAME FILE...');
    return {
      bank,
      hashes: JSON.parse(hashes) as FileHashes[],
      maxDistance: maxDistance ? Number(maxDistance) : undefined,
    };
  },
  async run({ db }, { bank, hashes, maxDistance }) {
    const { matchInBank } = await import('./pdq-match.ts');
    try {
      const matches: { file: string; matches: BankMatch[] }[] = await matchInBank(
        db,
        bank,
        hashes,
        maxDistance,
      );
      return { exitCode: 0, lines: [], data: JSON.stringify({ matches }) };
    } catch (error) {
      if (error instanceof UnknownBank)
        return { exitCode: 1, lines: [], data: JSON.stringify({ unknownBank: error.bank }) };
      throw error;
    }
  },
});

function fileExists(file: string): UsageError {
  return new UsageError(`${file} exists already: choose another name (a backup never overwrites a file).`);
}

function notEmbedded(config: Config, command: string): CommandResult {
  return {
    exitCode: 2,
    lines: [],
    errors: [
      config.databaseUrl
        ? `abri ${command} is for the embedded database; with DATABASE_URL use PostgreSQL's pg_dump and pg_restore (see docs/backup.md).`
        : `abri ${command} needs an embedded database on disk (DATA_DIR), not in memory.`,
    ],
  };
}

function formatBytes(bytes: number): string {
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export const COMMANDS: readonly AdminCommand<never>[] = [
  createUserCommand,
  resetPasswordCommand,
  auditVerifyCommand,
  migrateCommand,
  backupCommand,
  restoreCommand,
  pdqMatchCommand,
] as AdminCommand<never>[];

/** The command named by the first words of argv, and the rest of argv. */
export function findCommand(argv: string[]): { command: AdminCommand<unknown>; args: string[] } | undefined {
  for (const command of COMMANDS) {
    const words = command.name.split(' ');
    if (words.every((word, i) => argv[i] === word))
      return { command: command as AdminCommand<unknown>, args: argv.slice(words.length) };
  }
  return undefined;
}

export function commandByName(name: string): AdminCommand<unknown> | undefined {
  return COMMANDS.find((command) => command.name === name) as AdminCommand<unknown> | undefined;
}
