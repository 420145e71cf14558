// Helpline owns the live chat: conversations and messages, the queue and routing, counsellors' presence,
// canned responses, post-chat surveys and visitor blocks (tables conversations, messages,
// counsellor_presence, canned_responses, chat_surveys, visitor_blocks), and its two WebSockets.
import fs from 'node:fs';
import path from 'node:path';
import { ZCannedResponseInput } from '@abri/contracts';
import { z } from 'zod';
import type { AppContext, AppModule } from '../../context.ts';
import { seedCanned } from './canned.service.ts';
import { ChatHub } from './hub.ts';
import { handleIdleConversations } from './idle.ts';
import { purgeExpiredChats } from './retention.ts';
import { helplineRoutes } from './routes.ts';
import { routeWaiting } from './staff.service.ts';
import { staffSocketRoute } from './staff-socket.ts';
import { visitorSocketRoute } from './visitor-socket.ts';

export { generateResumeCode, RESUME_CODE_BITS } from './codes.ts';
export { findConversation } from './conversations.repository.ts';
export type { ConversationRow } from './tables.ts';

/** One hub per app instance: it holds this instance's sockets. */
export function createHelplineModule(): AppModule {
  let hub: ChatHub | undefined;
  const hubFor = (context: AppContext) => {
    hub ??= new ChatHub(context);
    return hub;
  };
  return {
    name: 'helpline',
    routes(app, context) {
      const chatHub = hubFor(context);
      helplineRoutes(app, context, chatHub);
      visitorSocketRoute(app, context, chatHub);
      staffSocketRoute(app, context, chatHub);
    },
    async onStart(context) {
      await hubFor(context).start();
      const file = path.join(context.config.contentDir, 'canned-responses.json');
      if (fs.existsSync(file)) {
        await seedCanned(
          context.db,
          z.array(ZCannedResponseInput).parse(JSON.parse(fs.readFileSync(file, 'utf8'))),
        );
      }
    },
    async onClose() {
      await hub?.stop();
    },
    jobs(runner, context) {
      runner.register('helpline.route', async () => void (await routeWaiting(context)), 5_000);
      runner.register('helpline.idle', async () => void (await handleIdleConversations(context)), 30_000);
      runner.register('helpline.purge', async () => void (await purgeExpiredChats(context)), 3_600_000);
    },
  };
}
