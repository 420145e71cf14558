import { ZAdminSettings, ZPublicSettings, ZSettingsPatch } from '@abri/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { inTransaction } from '../../database.ts';
import { authOf } from '../../http/guard.ts';
import { policies } from '../../http/policy.ts';
import { actorOf } from '../identity/index.ts';
import {
  getSettings,
  logSettingsWarnings,
  presentPublicSettings,
  readSettings,
  updateSettings,
} from './settings.service.ts';

export function settingsRoutes(fastify: FastifyInstance, context: AppContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/public/settings',
    {
      schema: {
        tags: ['public'],
        summary: 'What visitors need: name, numbers, hours and whether we are open',
        response: { 200: ZPublicSettings },
      },
      config: { policy: policies.public() },
    },
    async () => presentPublicSettings(await getSettings(context.db), context.clock.now()),
  );

  const config = { policy: policies.can('settings.manage') };
  app.get(
    '/api/admin/settings',
    {
      schema: {
        tags: ['administration'],
        summary: 'All settings, and the stored values replaced by their defaults (warnings)',
        response: { 200: ZAdminSettings },
      },
      config,
    },
    async (request) => {
      const { settings, warnings } = await readSettings(context.db);
      logSettingsWarnings(request.log, warnings);
      return { ...settings, warnings };
    },
  );

  app.put(
    '/api/admin/settings',
    {
      schema: {
        tags: ['administration'],
        summary: 'Change settings (any subset of keys)',
        body: ZSettingsPatch,
        response: { 200: ZAdminSettings },
      },
      config,
    },
    async (request) => {
      await inTransaction(context.db, (tx) =>
        updateSettings(tx, actorOf(authOf(request).user), request.body, context.clock.now()),
      );
      // What is in force now: a key saved again no longer has a warning; another one may still have.
      const { settings, warnings } = await readSettings(context.db);
      return { ...settings, warnings };
    },
  );
}
