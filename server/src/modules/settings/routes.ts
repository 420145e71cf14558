import { ZPublicSettings, ZSettings, ZSettingsPatch } from '@abri/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { inTransaction } from '../../database.ts';
import { authOf } from '../../http/guard.ts';
import { policies } from '../../http/policy.ts';
import { actorOf } from '../identity/index.ts';
import { getSettings, presentPublicSettings, updateSettings } from './settings.service.ts';

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
    { schema: { tags: ['administration'], summary: 'All settings', response: { 200: ZSettings } }, config },
    async () => getSettings(context.db),
  );

  app.put(
    '/api/admin/settings',
    {
      schema: {
        tags: ['administration'],
        summary: 'Change settings (any subset of keys)',
        body: ZSettingsPatch,
        response: { 200: ZSettings },
      },
      config,
    },
    async (request) =>
      inTransaction(context.db, (tx) =>
        updateSettings(tx, actorOf(authOf(request).user), request.body, context.clock.now()),
      ),
  );
}
