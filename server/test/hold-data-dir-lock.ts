// A process that takes a data directory's lock, says so, and waits (killed by the test).
import { DataDirLock } from '../src/infra/db/data-dir-lock.ts';

DataDirLock.acquire(process.argv[2]!);
process.stdout.write('held\n');
if (process.argv[3] === 'exit') process.exit(0);
setInterval(() => {}, 60_000);
