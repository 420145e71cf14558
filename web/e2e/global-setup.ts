// Starts Abri as `npm start` would (the same command line), on a fresh embedded database, and records the
// one-time administrator password it prints, for the first-login test.
//
// The chat tests need staff accounts too. They are made with the `abri admin create-user` command line on
// the same DATA_DIR, as operators do (while Abri runs, the command asks the running server to do it):
// - two counsellors, before the first start;
// - an administrator who is also a supervisor ("chatadmin", to change the opening hours and to tidy up
//   conversations between tests), only after the first start: an existing administrator would stop Abri
//   from creating (and printing) the first-run one that staff-onboarding.spec.ts logs in with.
// Then, through the API, every chat account chooses its own password and enrols in two-step verification
// (every role needs it); the secrets and chatadmin's session are kept in the state file for the tests, and
// the chat is opened round the clock so that no test depends on the time of day. Camille has an alias (the
// name children see, here her first name while staff see her full name); Dominique has none, and children
// see "Une personne de l'équipe".
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { authenticator } from 'otplib';
import { TestSmtpServer } from '../../server/test/smtp.ts';
import { forgetTotpSteps, noteTotpStep } from './second-factor.ts';

export const STATE_FILE = path.join(os.tmpdir(), 'abri-e2e-state.json');

export type StaffAccount = {
  username: string;
  displayName: string;
  /** The name children see in the chat (none: a neutral label). */
  alias?: string;
  roles: string;
  oneTimePassword: string;
  /** The password chosen at the first login (done here). */
  password: string;
};

/** A logged-in API session: the cookie to send and the CSRF token for mutations. */
export type ApiSession = { cookie: string; csrfToken: string };

export type E2eState = {
  pid: number;
  dataDir: string;
  port: string;
  /** The first-run administrator ("admin"), untouched: staff-onboarding.spec.ts logs in with it. */
  adminPassword: string;
  staff: Record<'couns1' | 'couns2', StaffAccount & { totpSecret: string }>;
  chatAdmin: StaffAccount & { totpSecret: string; session: ApiSession };
  /** Sessions of the counsellors, for tidying up (presence) between tests; tests log in themselves. */
  staffSessions: Record<'couns1' | 'couns2', ApiSession>;
  /** Where the in-process SMTP server Abri sends to writes each message it receives (one .eml each). */
  mailDir: string;
};

const COUNSELLORS = {
  couns1: {
    username: 'couns1',
    displayName: 'Camille Laurent',
    alias: 'Camille',
    roles: 'counsellor',
    password: 'la marée monte sur la dune',
  },
  couns2: {
    username: 'couns2',
    displayName: 'Dominique',
    roles: 'counsellor',
    password: 'un héron gris attend au bord',
  },
} as const;
const CHAT_ADMIN = {
  username: 'chatadmin',
  displayName: 'Alix',
  roles: 'admin,supervisor',
  password: 'les horaires du phare changent',
};

/** Open every day, all day: chat tests must not depend on the wall clock. */
export const ALWAYS_OPEN = {
  timeZone: 'Europe/Paris',
  weekly: Object.fromEntries(
    ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [
      day,
      [{ open: '00:00', close: '24:00' }],
    ]),
  ),
  holidays: [] as string[],
};

export default async function globalSetup(): Promise<() => Promise<void>> {
  const port = process.env.E2E_PORT ?? '3210';
  forgetTotpSteps();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'abri-e2e-'));
  const root = path.resolve(import.meta.dirname, '../..');
  // A real SMTP server for the e-mails Abri sends (escalations): each message lands in a file of mailDir.
  const mailDir = path.join(dataDir, 'mail');
  fs.mkdirSync(mailDir);
  const smtp = await new TestSmtpServer().start();
  smtp.onReceived = (mail) =>
    fs.writeFileSync(
      path.join(mailDir, `${String(smtp.received.length).padStart(4, '0')}.eml`),
      mail.raw,
      'latin1',
    );
  // Browser tests need the first-run administrator, so they always get a database of their own.
  const { DATABASE_URL: _shared, ...inherited } = process.env;
  const env = {
    ...inherited,
    PORT: port,
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    SMTP_URL: smtp.url,
    // The hotline test's local site, whose content disappears: a name the removal checker may reach.
    HOTLINE_FETCH_RESOLVE: 'takedown.test=127.0.0.1',
  };
  const cli = (args: string[]) => runCli(root, env, args);

  const oneTime: Record<string, string> = {};
  for (const account of Object.values(COUNSELLORS))
    oneTime[account.username] = await cli(createUserArgs(account));

  const server = startServer(root, env);
  try {
    const output = await waitForStart(server, /one-time password:\s+(\S+)/);
    const adminPassword = output.match(/one-time password:\s+(\S+)/)![1]!;
    oneTime[CHAT_ADMIN.username] = await cli(createUserArgs(CHAT_ADMIN));
    await prepareChatAccounts(server, { port, dataDir, mailDir, adminPassword, oneTime });
  } catch (error) {
    await stopServer(server);
    await smtp.close();
    throw error;
  }
  // Playwright calls this before global-teardown.ts: Abri is stopped, and has finished stopping, before its
  // data directory is removed (removing it under a running PGlite makes its shutdown fail).
  return async () => {
    await stopServer(server);
    await smtp.close();
  };
}

/** Every chat account chooses its password; chatadmin's session is kept; the chat opens round the clock. */
async function prepareChatAccounts(
  server: ChildProcess,
  {
    port,
    dataDir,
    mailDir,
    adminPassword,
    oneTime,
  }: {
    port: string;
    dataDir: string;
    mailDir: string;
    adminPassword: string;
    oneTime: Record<string, string>;
  },
): Promise<void> {
  const base = `http://127.0.0.1:${port}`;
  const staffSessions = {} as E2eState['staffSessions'];
  const staff = {} as E2eState['staff'];
  for (const [key, account] of Object.entries(COUNSELLORS) as Array<
    [keyof typeof COUNSELLORS, (typeof COUNSELLORS)[keyof typeof COUNSELLORS]]
  >) {
    const session = await firstLogin(base, account.username, oneTime[account.username]!, account.password);
    if (!session.totpSecret)
      throw new Error(`${account.username} was not asked to enrol in two-step verification`);
    staffSessions[key] = session.session;
    staff[key] = { ...account, oneTimePassword: oneTime[account.username]!, totpSecret: session.totpSecret };
  }
  const admin = await firstLogin(
    base,
    CHAT_ADMIN.username,
    oneTime[CHAT_ADMIN.username]!,
    CHAT_ADMIN.password,
  );
  if (!admin.totpSecret) throw new Error('chatadmin was not asked to enrol in two-step verification');
  await apiCall(base, admin.session, 'PUT', '/api/admin/settings', { openingHours: ALWAYS_OPEN });

  const state: E2eState = {
    pid: server.pid!,
    dataDir,
    adminPassword,
    port,
    staff,
    chatAdmin: {
      ...CHAT_ADMIN,
      oneTimePassword: oneTime[CHAT_ADMIN.username]!,
      totpSecret: admin.totpSecret,
      session: admin.session,
    },
    staffSessions,
    mailDir,
  };
  fs.writeFileSync(STATE_FILE, JSON.stringify(state));
}

function createUserArgs(account: {
  username: string;
  displayName: string;
  alias?: string;
  roles: string;
}): string[] {
  return [
    'admin',
    'create-user',
    '--username',
    account.username,
    '--display-name',
    account.displayName,
    ...(account.alias ? ['--alias', account.alias] : []),
    '--roles',
    account.roles,
  ];
}

/** Runs `abri <args>` and returns the one-time password it prints. */
function runCli(root: string, env: NodeJS.ProcessEnv, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'bin/abri.mjs'), ...args], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      const match = output.match(/One-time password:\s+(\S+)/);
      if (code === 0 && match) resolve(match[1]!);
      else reject(new Error(`abri ${args.join(' ')} exited with ${code}:\n${output}`));
    });
  });
}

export function startServer(root: string, env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [path.join(root, 'bin/abri.mjs'), 'start'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

/** Resolves with what Abri printed once it runs (and, if given, once `also` appeared too). */
export function waitForStart(server: ChildProcess, also: RegExp | null, timeoutMs = 60_000): Promise<string> {
  let output = '';
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Abri did not start in time:\n${output}`)), timeoutMs);
    const onExit = (code: number | null) => reject(new Error(`Abri exited with ${code}:\n${output}`));
    server.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Abri is running at') && (!also || also.test(output))) {
        clearTimeout(timer);
        server.off('exit', onExit);
        // Keep reading, or Abri would block once the pipe is full.
        server.stdout!.removeAllListeners('data');
        server.stdout!.resume();
        resolve(output);
      }
    });
    server.on('exit', onExit);
  });
}

export function stopServer(server: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (server.exitCode !== null || server.signalCode !== null) return resolve();
    const killer = setTimeout(() => server.kill('SIGKILL'), 15_000);
    server.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    server.kill('SIGTERM');
  });
}

/** First login of an account with its one-time password: a new password, and two-step enrolment if asked. */
export async function firstLogin(
  base: string,
  username: string,
  oneTimePassword: string,
  password: string,
): Promise<{ session: ApiSession; totpSecret: string | null }> {
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: oneTimePassword }),
  });
  if (!login.ok) throw new Error(`login of ${username}: ${login.status} ${await login.text()}`);
  const cookie = login.headers
    .getSetCookie()
    .map((line) => line.split(';')[0]!)
    .join('; ');
  let info = (await login.json()) as { stage: string; csrfToken: string };
  const session = { cookie, csrfToken: info.csrfToken };
  if (info.stage === 'password_change') {
    info = (await apiCall(base, session, 'POST', '/api/auth/password', {
      newPassword: password,
    })) as typeof info;
  }
  let totpSecret: string | null = null;
  if (info.stage === 'totp_enrol') {
    const setup = (await apiCall(base, session, 'POST', '/api/auth/totp/setup', {})) as { secret: string };
    totpSecret = setup.secret;
    const at = Date.now();
    const enabled = (await apiCall(base, session, 'POST', '/api/auth/totp/enable', {
      code: authenticator.clone({ epoch: at }).generate(setup.secret),
    })) as { session: typeof info };
    // Its code is spent: the next login of this account needs a later one (second-factor.ts).
    noteTotpStep(username, at);
    info = enabled.session;
  }
  if (info.stage !== 'active') throw new Error(`${username} is at stage ${info.stage} after the first login`);
  return { session: { cookie, csrfToken: info.csrfToken }, totpSecret };
}

export async function apiCall(
  base: string,
  session: ApiSession,
  method: string,
  url: string,
  body?: unknown,
): Promise<unknown> {
  const response = await fetch(`${base}${url}`, {
    method,
    headers: {
      cookie: session.cookie,
      'x-csrf-token': session.csrfToken,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? null : response.json();
}
