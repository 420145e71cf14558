// Conversations are personal data: once ended, they are kept for the retention period set by the
// administrators (chat.retentionDays), then deleted with their messages. Expired blocks go too.
import { getSettings } from '../settings/index.ts';
import type { ChatDeps } from './visitor.service.ts';

export async function purgeExpiredChats(
  deps: Pick<ChatDeps, 'db' | 'clock'>,
): Promise<{ conversations: number; blocks: number }> {
  const now = deps.clock.now();
  const { chat } = await getSettings(deps.db);
  const cutoff = new Date(now.getTime() - chat.retentionDays * 86_400_000);
  const conversations = await deps.db
    .deleteFrom('conversations')
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'ended'), eb('ended_at', '<', cutoff)]),
        // Never answered and long abandoned (a left message nobody could pick, a queue left long ago).
        eb.and([eb('status', 'in', ['queued', 'left_message']), eb('created_at', '<', cutoff)]),
      ]),
    )
    .executeTakeFirst();
  const blocks = await deps.db.deleteFrom('visitor_blocks').where('until', '<', now).executeTakeFirst();
  return { conversations: Number(conversations.numDeletedRows), blocks: Number(blocks.numDeletedRows) };
}
