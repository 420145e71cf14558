// Settings owns what administrators change at run time without a redeploy: helpline name, phone numbers,
// opening hours, quick-exit address, confidentiality statement, security options (table settings).
import type { AppModule } from '../../context.ts';
import { settingsRoutes } from './routes.ts';
import { loadDefaultSettings, logSettingsWarnings, readSettings, seedSettings } from './settings.service.ts';

export { localToInstant, openingStatus } from './opening-hours.ts';
export { cachedSettings, getSettings, loadDefaultSettings } from './settings.service.ts';

export const settingsModule: AppModule = {
  name: 'settings',
  routes: settingsRoutes,
  async onStart(context) {
    await seedSettings(context.db, loadDefaultSettings(context.config.contentDir));
    // A value out of range never stops Abri: its default is used, and said here and in the console.
    logSettingsWarnings(context.logger, (await readSettings(context.db)).warnings);
  },
};
