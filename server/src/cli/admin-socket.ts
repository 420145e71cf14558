// The admin socket: how `abri` commands reach a running server that holds the embedded database (PGlite
// admits one process, so the CLI cannot open it beside the server). A Unix socket in DATA_DIR, mode 0600:
// only the account that runs Abri (and root) can connect, as only they can read DATA_DIR/secret.key.
// One request per connection: a JSON line {command, args}, answered by a JSON line (CommandResult).
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { CommandResult } from './commands.ts';

export const ADMIN_SOCKET_NAME = 'abri.sock';

export function adminSocketPath(dataDir: string): string {
  return path.join(path.resolve(dataDir), ADMIN_SOCKET_NAME);
}

export interface AdminRequest {
  command: string;
  args: string[];
}

/** Largest request accepted (arguments only; the answers may be large: a backup). */
const MAX_REQUEST_BYTES = 1024 * 1024;

/**
 * Listens on `socketPath` for commands, run by `handle`. The caller holds the data directory's lock, so a
 * socket file already there was left by a process that died: it is replaced.
 */
export async function listenAdminSocket(
  socketPath: string,
  handle: (request: AdminRequest) => Promise<CommandResult>,
): Promise<{ close(): Promise<void> }> {
  fs.rmSync(socketPath, { force: true });
  const server = net.createServer((socket) => {
    let buffer = '';
    socket.setEncoding('utf8');
    socket.on('error', () => socket.destroy());
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      if (buffer.length > MAX_REQUEST_BYTES) {
        socket.destroy();
        return;
      }
      const end = buffer.indexOf('\n');
      if (end < 0) return;
      socket.removeAllListeners('data');
      let request: AdminRequest;
      try {
        request = JSON.parse(buffer.slice(0, end)) as AdminRequest;
        if (typeof request.command !== 'string' || !Array.isArray(request.args)) throw new Error('bad shape');
      } catch {
        socket.end(`${JSON.stringify({ exitCode: 2, lines: [], errors: ['Malformed request.'] })}\n`);
        return;
      }
      void handle(request).then(
        (result) => socket.end(`${JSON.stringify(result)}\n`),
        () => socket.end(`${JSON.stringify({ exitCode: 1, lines: [], errors: ['Internal error.'] })}\n`),
      );
    });
  });
  // The socket is created with mode 0600 (umask), not chmod-ed after: no moment when others may connect.
  const umask = process.umask(0o177);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(socketPath, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } finally {
    process.umask(umask);
  }
  fs.chmodSync(socketPath, 0o600);
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        fs.rmSync(socketPath, { force: true });
      }),
  };
}

/**
 * Sends a command to the server listening on `socketPath`; undefined when none listens (no socket file, or
 * one left by a process that died).
 */
export function requestOverSocket(
  socketPath: string,
  request: AdminRequest,
): Promise<CommandResult | undefined> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(socketPath);
    let answer = '';
    let connected = false;
    socket.setEncoding('utf8');
    socket.on('connect', () => {
      connected = true;
      socket.write(`${JSON.stringify(request)}\n`);
    });
    socket.on('data', (chunk: string) => {
      answer += chunk;
    });
    socket.on('end', () => {
      try {
        resolve(JSON.parse(answer) as CommandResult);
      } catch {
        reject(new Error('The Abri server closed the admin socket without an answer (is it stopping?).'));
      }
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (!connected && (error.code === 'ENOENT' || error.code === 'ECONNREFUSED')) resolve(undefined);
      else reject(error);
    });
  });
}
