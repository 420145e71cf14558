// Escalations owns the partners (police, child protection, platforms, health services) and the
// escalations sent to them, with their approval, sending (e-mail with a PDF, or recorded as phoned),
// acknowledgement and closing (tables partners, escalations, escalation_events).
import fs from 'node:fs';
import path from 'node:path';
import { ZPartnersFile } from '@abri/contracts';
import type { AppModule } from '../../context.ts';
import { markDelivered } from './escalations.service.ts';
import { seedPartners } from './partners.service.ts';
import { escalationsRoutes } from './routes.ts';

export const escalationsModule: AppModule = {
  name: 'escalations',
  routes(app, context) {
    escalationsRoutes(app, context);
    context.mail.onSent('escalation', (db, id, outboxId) =>
      markDelivered(db, id, outboxId, context.clock.now()),
    );
  },
  async onStart(context) {
    const file = path.join(context.config.contentDir, 'partners.json');
    if (fs.existsSync(file))
      await seedPartners(context.db, ZPartnersFile.parse(JSON.parse(fs.readFileSync(file, 'utf8'))).partners);
  },
};
