import fs from 'node:fs';
import { STATE_FILE } from './global-setup.ts';

export default async function globalTeardown(): Promise<void> {
  if (!fs.existsSync(STATE_FILE)) return;
  const state = JSON.parse(fs.readFileSync(STATE_FILE, 'utf8'));
  try {
    process.kill(state.pid, 'SIGTERM');
  } catch {
    // already stopped
  }
  fs.rmSync(state.dataDir, { recursive: true, force: true });
  fs.rmSync(STATE_FILE, { force: true });
}
