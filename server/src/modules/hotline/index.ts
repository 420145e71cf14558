// Hotline owns what the public reports and what analysts do with it. Intake (this folder): the public API
// and JavaScript-free pages, URL normalisation, reports, deduplicated items (hotline_items) and screenshots.
// analysis/: the triage queue, assessment, hosting look-up, actions (PHAROS referral, transfer to a foreign
// hotline, DSA notice, closing, feedback), removal tracking jobs and analyst welfare. documents/: the
// notice, the PHAROS package and the NCMEC-shaped export, rendered from one dossier.
import path from 'node:path';
import type { AppModule } from '../../context.ts';
import type { MediaModule } from '../media/index.ts';
import { actionSentHandler } from './analysis/actions.service.ts';
import { prioritiseKnownMaterial, screenshotBytes } from './analysis/known-material.ts';
import { IpRangeTables, seedForeignHotlines, seedIpRanges, seedOffences } from './analysis/reference-data.ts';
import { registerRemovalJobs } from './analysis/removal.jobs.ts';
import { purgeReports, REPORTS_PURGE_JOB } from './analysis/retention.ts';
import { analysisRoutes } from './analysis/routes.ts';
import { loadNoticeTemplates, type NoticeTemplates } from './documents/notice.ts';
import { registerFormParsers } from './form.ts';
import { type LookupDns, systemLookupDns } from './hosting.ts';
import { hotlinePageRoutes } from './pages.ts';
import { parseResolveOverrides, type RemovalCheckPolicy } from './removal-check.ts';
import { hotlineApiRoutes } from './routes.ts';

export { priorityOf, reportStatus, submitReport } from './reports.service.ts';
export { normalizeReportedUrl } from './url-normalize.ts';

export interface HotlineOptions {
  /** DNS for hosting look-ups and removal checks (tests inject one; default: the system resolver). */
  lookupDns?: LookupDns;
  /** Screenshots are hashed and matched by the media module; known material is never shown. */
  media: MediaModule;
}

/** Names pinned by HOTLINE_FETCH_RESOLVE answer from the pin; every other name goes to DNS. */
function pinnedDns(pins: ReadonlyMap<string, string[]>, dns: LookupDns): LookupDns {
  return async (host) => pins.get(host.toLowerCase()) ?? dns(host);
}

export function createHotlineModule(options: HotlineOptions): AppModule {
  const tables = new IpRangeTables();
  let templates: NoticeTemplates | undefined;
  let policy: RemovalCheckPolicy | undefined;
  const setup = (contentDir: string, resolve: string | undefined) => {
    const pins = parseResolveOverrides(resolve);
    const dns = options.lookupDns ?? systemLookupDns;
    policy = { lookupDns: dns, resolve: pins };
    templates = loadNoticeTemplates(path.join(contentDir, 'hotline', 'notice-templates.json'));
    return pinnedDns(pins, dns);
  };
  return {
    name: 'hotline',
    async routes(app, context) {
      const lookupDns = setup(context.config.contentDir, context.config.hotlineFetchResolve);
      // Form bodies are parsed in this module's scope only: nowhere else accepts multipart or urlencoded.
      await registerFormParsers(app);
      hotlineApiRoutes(app, context);
      hotlinePageRoutes(app, context);
      const media = options.media.service();
      media.registerSource('report_file', screenshotBytes);
      media.onKnownMaterial(prioritiseKnownMaterial);
      analysisRoutes(app, context, {
        hosting: { tables, lookupDns },
        templates: () => templates!,
        media: options.media.service,
      });
      context.mail.onSent('hotline_action', (db, id) => actionSentHandler(db, id, context.clock.now()));
    },
    jobs(runner, context) {
      registerRemovalJobs(context, () => policy!);
      runner.register(REPORTS_PURGE_JOB, async () => void (await purgeReports(context)), 6 * 3_600_000);
    },
    async onStart(context) {
      const { contentDir } = context.config;
      await seedOffences(context.db, contentDir);
      await seedForeignHotlines(context.db, contentDir);
      await seedIpRanges(context.db, contentDir);
    },
  };
}
