// PGlite is PostgreSQL in one process: two processes opening the same data directory each believe they own
// it, and the files end up beyond repair (seen: a CLI command beside a running server, then no restart
// worked). This lock makes the data directory belong to one process at a time.
//
// The lock is a file beside the data directory (`<dir>.lock`), created atomically (`wx`: O_CREAT|O_EXCL),
// holding who took it: pid, the process's start time, when, and its command line. It is removed when the
// holder closes the database or exits. After a crash (kill -9, power cut) the file stays; the next opener
// finds it stale because that pid no longer runs, or runs but is another process (pid reuse): on Linux the
// start time in /proc/<pid>/stat (field 22) no longer matches. Elsewhere only the pid's liveness is checked.
import fs from 'node:fs';
import os from 'node:os';

export interface LockHolder {
  pid: number;
  /** The process's start time as the kernel gives it (Linux: clock ticks since boot); null elsewhere. */
  startTime: string | null;
  /** When the lock was taken (ISO 8601). */
  since: string;
  command: string;
  hostname: string;
}

export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError';
  constructor(
    readonly dir: string,
    readonly holder: LockHolder,
  ) {
    const elsewhere = holder.hostname !== os.hostname();
    super(
      `The embedded database in ${dir} is already open in process ${holder.pid}` +
        `${elsewhere ? ` on ${holder.hostname}` : ''} (since ${holder.since}: ${holder.command}).\n` +
        (elsewhere
          ? `It was taken on another machine or container, where this one cannot check it: if nothing there uses this directory any more (a container replaced after a crash), remove ${dir}.lock.`
          : 'PGlite admits one process at a time. If that process is Abri, the abri commands go through it; ' +
            'otherwise stop it first (it may still be starting or stopping: try again in a moment).'),
    );
  }
}

/** The kernel's start time of a process (Linux), or null where it cannot be read. */
export function processStartTime(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 2 (the command name) is in parentheses and may hold spaces or parentheses: count after the last.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[22 - 3] ?? null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it is someone else's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the process that wrote this lock is still the one running under its pid. */
export function holderIsRunning(holder: LockHolder): boolean {
  // On another machine (a shared volume) nothing can be checked: treat it as held.
  if (holder.hostname !== os.hostname()) return true;
  if (!isAlive(holder.pid)) return false;
  if (holder.startTime === null) return true;
  const now = processStartTime(holder.pid);
  return now === null || now === holder.startTime;
}

function readHolder(file: string): LockHolder | undefined {
  try {
    const holder = JSON.parse(fs.readFileSync(file, 'utf8')) as LockHolder;
    return typeof holder.pid === 'number' ? holder : undefined;
  } catch {
    return undefined;
  }
}

/** A lock file that cannot be read is being written right now, unless it is older than this. */
const UNREADABLE_GRACE_MS = 5_000;

export class DataDirLock {
  #released = false;
  readonly #onExit = () => this.release();

  private constructor(
    readonly dir: string,
    readonly file: string,
    readonly holder: LockHolder,
  ) {
    process.on('exit', this.#onExit);
  }

  /** Takes the lock on `dir` for this process, or throws DataDirLockedError naming the holder. */
  static acquire(dir: string): DataDirLock {
    const file = `${dir.replace(/\/+$/, '')}.lock`;
    const holder: LockHolder = {
      pid: process.pid,
      startTime: processStartTime(process.pid),
      since: new Date().toISOString(),
      command: [process.argv0, ...process.argv.slice(1)].join(' ').slice(0, 500),
      hostname: os.hostname(),
    };
    const text = `${JSON.stringify(holder)}\n`;
    for (let attempt = 0; attempt < 3; attempt++) {
      let fd: number;
      try {
        fd = fs.openSync(file, 'wx', 0o600);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const current = readHolder(file);
        if (!current) {
          const age = Date.now() - (fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0);
          if (age < UNREADABLE_GRACE_MS)
            throw new DataDirLockedError(dir, {
              pid: 0,
              startTime: null,
              since: 'a moment ago',
              command: 'a process that is taking the lock',
              hostname: os.hostname(),
            });
        } else if (holderIsRunning(current)) {
          throw new DataDirLockedError(dir, current);
        }
        removeStale(file, current);
        continue;
      }
      try {
        fs.writeSync(fd, text);
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      return new DataDirLock(dir, file, holder);
    }
    throw new Error(`Could not take the lock ${file}: it keeps changing.`);
  }

  /** Removes the lock if it is still this process's (idempotent; safe in an exit handler). */
  release(): void {
    if (this.#released) return;
    this.#released = true;
    process.off('exit', this.#onExit);
    const current = readHolder(this.file);
    if (current && current.pid === this.holder.pid && current.since === this.holder.since) {
      try {
        fs.unlinkSync(this.file);
      } catch {
        // Already gone: nothing to release.
      }
    }
  }
}

/**
 * Moves a stale lock aside, then checks that what was moved is the stale lock that was read: two processes
 * finding the same stale lock must not let the slower one remove the faster one's fresh lock. If a fresh
 * lock was moved by mistake it is put back (link fails if yet another one appeared: then both are kept).
 */
function removeStale(file: string, stale: LockHolder | undefined): void {
  const aside = `${file}.stale-${process.pid}-${Date.now()}`;
  try {
    fs.renameSync(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const moved = readHolder(aside);
  const same = stale ? moved?.pid === stale.pid && moved.since === stale.since : !moved;
  if (!same) {
    try {
      fs.linkSync(aside, file);
    } catch {
      // Another lock was taken meanwhile; ours will fail on EEXIST and report it.
    }
  }
  fs.rmSync(aside, { force: true });
}
