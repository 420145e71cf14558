// Silence in a chat: the counsellor is prompted after a while, the visitor is warned before the chat is
// closed, and a counsellor whose console has gone quiet stops receiving new conversations.
import { sql } from 'kysely';
import { inTransaction } from '../../database.ts';
import { getSettings } from '../settings/index.ts';
import * as repo from './conversations.repository.ts';
import { type ChatEvent, publishChat } from './events.ts';
import { PRESENCE_STALE_MS } from './presence.ts';
import { endConversation } from './staff.service.ts';
import { type ChatDeps, messageEvent, systemMessage } from './visitor.service.ts';

export async function handleIdleConversations(
  deps: ChatDeps,
): Promise<{ prompted: number; warned: number; closed: number }> {
  const now = deps.clock.now();
  const { chat } = await getSettings(deps.db);
  const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
  const events: ChatEvent[] = [];

  const toPrompt = await deps.db
    .updateTable('conversations')
    .set({ idle_prompted_at: now })
    .where('status', '=', 'active')
    .where('idle_prompted_at', 'is', null)
    .where('counsellor_id', 'is not', null)
    .where(sql<Date>`coalesce(last_message_at, assigned_at)`, '<', minutesAgo(chat.idlePromptMinutes))
    .returning(['id', 'counsellor_id'])
    .execute();
  for (const row of toPrompt) {
    events.push({
      kind: 'alert',
      userId: row.counsellor_id!,
      conversationId: row.id,
      code: 'idle_prompt',
      message: `${chat.idlePromptMinutes}`,
    });
  }

  const toWarn = await deps.db
    .selectFrom('conversations')
    .select('id')
    .where('status', '=', 'active')
    .where('visitor_warned_at', 'is', null)
    .where('last_visitor_activity_at', '<', minutesAgo(chat.visitorIdleWarningMinutes))
    .execute();
  for (const { id } of toWarn) {
    await inTransaction(deps.db, async (tx) => {
      await repo.lockConversation(tx, id);
      const warning = await systemMessage(
        tx,
        id,
        'visitor_idle_warning',
        `Are you still there? Without news from you, this conversation will close in ${chat.closeAfterWarningMinutes} minutes.`,
        now,
      );
      await repo.updateConversation(tx, id, { visitor_warned_at: now });
      events.push(messageEvent(warning));
    });
  }

  const toClose = await deps.db
    .selectFrom('conversations')
    .select('id')
    .where('status', '=', 'active')
    .where('visitor_warned_at', '<', minutesAgo(chat.closeAfterWarningMinutes))
    .where('last_visitor_activity_at', '<', sql<Date>`visitor_warned_at`)
    .execute();
  for (const { id } of toClose) await endConversation(deps, null, id, 'disconnected');

  // Consoles silent for long: no new chats for them (they keep the conversations they hold).
  await deps.db
    .updateTable('counsellor_presence')
    .set({ presence: 'offline', updated_at: now })
    .where('presence', '!=', 'offline')
    .where((eb) =>
      eb.or([eb('seen_at', 'is', null), eb('seen_at', '<', new Date(now.getTime() - 5 * PRESENCE_STALE_MS))]),
    )
    .execute();

  await publishChat(deps.bus, events);
  return { prompted: toPrompt.length, warned: toWarn.length, closed: toClose.length };
}
