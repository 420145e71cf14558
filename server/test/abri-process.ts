// Abri as operators run it: `node bin/abri.mjs ...` in a child process, on a data directory of the test's
// own (the embedded database; DATABASE_URL and REDIS_URL are removed from the child's environment).
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin/abri.mjs');

export function childEnv(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...extra };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  delete env.SECRET_KEY;
  delete env.SECRET_KEY_FILE;
  return env;
}

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `abri ARGS` to its end. */
export function abri(
  dataDir: string,
  args: string[],
  extra: Record<string, string> = {},
): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: ROOT, env: childEnv(dataDir, extra), maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? ((error as { code?: number }).code ?? 1) : 0;
        resolve({ code: typeof code === 'number' ? code : 1, stdout, stderr });
      },
    );
  });
}

/** `abri start` in the background, until it says where it runs. */
export class AbriServer {
  output = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(
    readonly child: ChildProcess,
    readonly url: string,
  ) {
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  static async start(dataDir: string, extra: Record<string, string> = {}): Promise<AbriServer> {
    const port = await freePort();
    const child = spawn(process.execPath, [BIN, 'start'], {
      cwd: ROOT,
      env: childEnv(dataDir, { PORT: String(port), HOST: '127.0.0.1', ...extra }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (output.includes('Abri is running at')) {
          clearInterval(timer);
          resolve();
        }
      }, 50);
      child.once('exit', (code) => {
        clearInterval(timer);
        reject(new Error(`abri start exited (${code}):\n${output}`));
      });
    });
    const server = new AbriServer(child, `http://127.0.0.1:${port}`);
    child.stdout!.off('data', collect);
    child.stderr!.off('data', collect);
    server.output = output;
    child.stdout!.on('data', (chunk: Buffer) => {
      server.output += chunk.toString();
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      server.output += chunk.toString();
    });
    return server;
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** SIGTERM, as systemd or Ctrl-C would, and its exit. */
  async stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    this.child.kill('SIGTERM');
    return this.exited;
  }

  /** A crash: no shutdown code runs. */
  async kill9(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exited;
  }
}
