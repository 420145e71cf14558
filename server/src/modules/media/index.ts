// Media owns what Abri knows about uploaded images without looking at them: decoding for hashing
// (decode.ts: the PDQ reference's I/O, bad files refused), hash banks (banks.service.ts, bank-file.ts:
// named lists of PDQ / MD5 / SHA-1 / SHA-256 hashes, imported, exported, counted), each instance's PDQ index
// over them (bank-index.ts, reloaded when the banks change), and the check of every upload (matching.ts:
// hashed in a background job, matched, known abuse material never displayed). Modules that store uploads
// call trackUpload in their transaction, register a source for the bytes and react to known material.
import type { AppModule } from '../../context.ts';
import { enqueueJob } from '../../infra/jobs.ts';
import { BankIndex } from './bank-index.ts';
import { MEDIA_HASH_JOB, MEDIA_SWEEP_JOB, MediaService } from './matching.ts';
import { bankRoutes } from './routes.ts';

export { addEntries, bankByName } from './banks.service.ts';
export { decodeForPdq, hashImage, ImageRefused } from './decode.ts';
export {
  type KnownMaterial,
  type MediaService,
  type MediaSubject,
  reportFileChecks,
  trackUpload,
} from './matching.ts';

export const BANKS_CHANNEL = 'media.banks';
/** Runs after a bank change; the recurring sweep catches anything a lost job missed. */
const MEDIA_REMATCH_JOB = 'media.rematch';
/** How often an instance checks the banks' version, in case a bus message was lost. */
const INDEX_POLL_MS = 30_000;
const SWEEP_EVERY_MS = 5 * 60_000;
const SWEEP_PAGE = 100;

export interface MediaModule extends AppModule {
  /** The service, once the module's routes were registered (other modules' routes come after). */
  service(): MediaService;
}

export function createMediaModule(): MediaModule {
  let service: MediaService | undefined;
  let poll: NodeJS.Timeout | undefined;
  let unsubscribe: (() => Promise<void>) | undefined;
  const get = () => {
    if (!service) throw new Error('the media module is not set up yet');
    return service;
  };
  return {
    name: 'media',
    service: get,
    routes(app, context) {
      const index = new BankIndex(context.db);
      service = new MediaService(context.db, index, {
        async banksChanged() {
          await context.bus.publish(BANKS_CHANNEL, {});
          await enqueueJob(
            context.db,
            MEDIA_REMATCH_JOB,
            {},
            { dedupeKey: MEDIA_REMATCH_JOB, runAt: context.clock.now() },
          );
        },
      });
      bankRoutes(app, context, get);
    },
    jobs(runner, context) {
      runner.register(MEDIA_HASH_JOB, async (payload) => {
        await get().process(String(payload.mediaId), context.clock.now());
      });
      // Until nothing is stale: a change made while it runs moves the version, and is caught by the loop.
      const sweep = async () => {
        while ((await get().processStale(SWEEP_PAGE, context.clock.now())) > 0) {}
      };
      runner.register(MEDIA_REMATCH_JOB, sweep);
      runner.register(MEDIA_SWEEP_JOB, sweep, SWEEP_EVERY_MS);
    },
    async onStart(context) {
      const index = get().index;
      unsubscribe = await context.bus.subscribe(BANKS_CHANNEL, () => void index.refresh());
      poll = setInterval(() => void index.refresh(), INDEX_POLL_MS);
      poll.unref();
      // Loaded in the background: matching awaits it, the rest of the start does not.
      void index
        .refresh()
        .then(() => context.logger.info({ index: index.status() }, 'hash bank index loaded'));
    },
    async onClose() {
      if (poll) clearInterval(poll);
      await unsubscribe?.();
    },
  };
}
