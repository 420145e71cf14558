// Cases owns contact records (one per chat, call or message, CHI-style) and the cases that group them,
// with their timeline, follow-up reminders and retention (tables contacts, cases, case_events,
// record_counters). Visibility rules live in case.policy.ts and filter every query.
import type { AppModule } from '../../context.ts';
import { purgeRecords, remindFollowUps } from './jobs.ts';
import { casesRoutes } from './routes.ts';

export {
  isSupervisor,
  type RecordActor,
  type VisibilityOptions,
  visibleCase,
  visibleContact,
} from './case.policy.ts';
export { contactSection, dateTime, labelOf } from './case-export.ts';
export { addCaseEvent, loadCase } from './cases.service.ts';
export { type ContactView, loadContact } from './contacts.service.ts';
export { nextReference } from './references.ts';
export { recordActor, visibility } from './routes.ts';

export const casesModule: AppModule = {
  name: 'cases',
  routes: casesRoutes,
  jobs(runner, context) {
    runner.register('cases.follow_ups', async () => void (await remindFollowUps(context)), 60_000);
    runner.register('cases.purge', async () => void (await purgeRecords(context)), 3_600_000);
  },
};
