// Starts Abri as `npm start` would (the same command line), on a fresh embedded database, and records the
// one-time administrator password it prints, for the first-login test.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const STATE_FILE = path.join(os.tmpdir(), 'abri-e2e-state.json');

export default async function globalSetup(): Promise<void> {
  const port = process.env.E2E_PORT ?? '3210';
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'abri-e2e-'));
  const root = path.resolve(import.meta.dirname, '../..');
  // Browser tests need the first-run administrator, so they always get a database of their own.
  const { DATABASE_URL: _shared, ...inherited } = process.env;
  const env = { ...inherited, PORT: port, HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  const server = spawn(process.execPath, [path.join(root, 'bin/abri.mjs'), 'start'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  const password = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Abri did not start in time:\n${output}`)), 60_000);
    server.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/one-time password:\s+(\S+)/);
      if (match && output.includes('Abri is running at')) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    server.on('exit', (code) => reject(new Error(`Abri exited with ${code}:\n${output}`)));
  });
  server.stdout.resume();
  fs.writeFileSync(STATE_FILE, JSON.stringify({ pid: server.pid, dataDir, adminPassword: password, port }));
}
