// Hotline owns what the public reports (tables reports, report_urls, report_files) and the deduplicated
// content items analysts triage (hotline_items): the public intake API, the pages without JavaScript, URL
// normalisation, and the hosting look-up (DNS plus an IP-range table) used when qualifying an item.
import type { AppModule } from '../../context.ts';
import { registerFormParsers } from './form.ts';
import { hotlinePageRoutes } from './pages.ts';
import { hotlineApiRoutes } from './routes.ts';

export { priorityOf, reportStatus, submitReport } from './reports.service.ts';
export { normalizeReportedUrl } from './url-normalize.ts';

export const hotlineModule: AppModule = {
  name: 'hotline',
  async routes(app, context) {
    // Form bodies are parsed in this module's scope only: nowhere else accepts multipart or urlencoded.
    await registerFormParsers(app);
    hotlineApiRoutes(app, context);
    hotlinePageRoutes(app, context);
  },
};
