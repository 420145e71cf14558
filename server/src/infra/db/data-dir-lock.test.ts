// The data directory's lock with real processes: a child holds it, is killed with SIGKILL, exits on its own;
// a pid reused by another process is told apart by its start time.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROOT } from '../../../test/abri-process.ts';
import { connectDatabase } from './connect.ts';
import { DataDirLock, DataDirLockedError, type LockHolder, processStartTime } from './data-dir-lock.ts';

const HOLDER = path.join(ROOT, 'server/test/hold-data-dir-lock.ts');

let scratch: string;
let dir: string;
const children: ChildProcess[] = [];

beforeEach(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'abri-lock-'));
  dir = path.join(scratch, 'pglite');
});
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  fs.rmSync(scratch, { recursive: true, force: true });
});

/** A child process holding the lock on `dir` (or exiting right after taking it). */
async function holder(mode: 'wait' | 'exit' = 'wait'): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', HOLDER, dir, mode], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    // Holding: once it says so. Exiting: once it has exited (its exit handler ran).
    if (mode === 'wait')
      child.stdout!.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('held')) resolve();
      });
    child.once('exit', (code) =>
      mode === 'exit' && code === 0 ? resolve() : reject(new Error(`exit ${code}`)),
    );
  });
  return child;
}

function lockedBy(): LockHolder {
  try {
    DataDirLock.acquire(dir).release();
  } catch (error) {
    if (error instanceof DataDirLockedError) return error.holder;
    throw error;
  }
  throw new Error('the lock was free');
}

describe('the embedded database lock', () => {
  it('refuses a second process, naming the holder (pid, since when, command) and what to do', async () => {
    const child = await holder();
    const held = lockedBy();
    expect(held.pid).toBe(child.pid);
    expect(held.command).toContain('hold-data-dir-lock.ts');
    expect(Date.parse(held.since)).toBeGreaterThan(Date.now() - 60_000);
    expect(() => DataDirLock.acquire(dir)).toThrow(
      new RegExp(
        `already open in process ${child.pid} \\(since .*hold-data-dir-lock\\.ts.*\\)[\\s\\S]*stop it first`,
      ),
    );
    if (process.platform === 'linux') expect(held.startTime).toBe(processStartTime(child.pid!));
  });

  it('is stale once its holder was killed with SIGKILL: the next opener takes it', async () => {
    const child = await holder();
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    expect(fs.existsSync(`${dir}.lock`)).toBe(true);
    const lock = DataDirLock.acquire(dir);
    expect(JSON.parse(fs.readFileSync(`${dir}.lock`, 'utf8')).pid).toBe(process.pid);
    lock.release();
    expect(fs.existsSync(`${dir}.lock`)).toBe(false);
  });

  it('is released when its holder exits without closing anything', async () => {
    await holder('exit');
    expect(fs.existsSync(`${dir}.lock`)).toBe(false);
  });

  it.runIf(process.platform === 'linux')(
    'tells a reused pid from its holder by the start time (live pid, another start time: stale)',
    async () => {
      const other = await holder();
      const reused: LockHolder = {
        pid: other.pid!,
        startTime: String(Number(processStartTime(other.pid!)) - 1000),
        since: new Date(Date.now() - 3_600_000).toISOString(),
        command: 'abri start (before a reboot)',
        hostname: os.hostname(),
      };
      // Not ours: the live process's lock is elsewhere; this file claims its pid with another start time.
      const elsewhere = path.join(scratch, 'other');
      fs.writeFileSync(`${elsewhere}.lock`, JSON.stringify(reused));
      DataDirLock.acquire(elsewhere).release();
      // The same pid with its true start time is held.
      fs.writeFileSync(
        `${elsewhere}.lock`,
        JSON.stringify({ ...reused, startTime: processStartTime(other.pid!) }),
      );
      expect(() => DataDirLock.acquire(elsewhere)).toThrow(DataDirLockedError);
    },
  );

  it('is never taken over from another machine or container (nothing can be checked there): it says how to clear it', () => {
    const remote: LockHolder = {
      pid: 1,
      startTime: '1',
      since: new Date().toISOString(),
      command: 'node bin/abri.mjs start',
      hostname: `not-${os.hostname()}`,
    };
    fs.writeFileSync(`${dir}.lock`, JSON.stringify(remote));
    expect(() => DataDirLock.acquire(dir)).toThrow(`if nothing there uses this directory any more`);
    expect(() => DataDirLock.acquire(dir)).toThrow(`remove ${dir}.lock`);
  });

  it('is taken by connectDatabase for PGlite on disk and given back by close()', async () => {
    const handle = await connectDatabase({ pgliteDir: dir });
    try {
      expect(lockedBy().pid).toBe(process.pid);
      await expect(connectDatabase({ pgliteDir: dir })).rejects.toThrow(DataDirLockedError);
    } finally {
      await handle.close();
    }
    expect(fs.existsSync(`${dir}.lock`)).toBe(false);
    const again = await connectDatabase({ pgliteDir: dir });
    await again.close();
  });
});
