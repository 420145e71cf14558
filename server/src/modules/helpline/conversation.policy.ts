// Who may do what with a conversation. The same rules decide what the staff socket delivers.
import { abilitiesFor, type TRole } from '@abri/contracts';
import type { ConversationRow } from './tables.ts';

export interface ChatActor {
  id: string;
  /** The account's display name, for staff and the audit trail. */
  name: string;
  /** What the visitor sees of this person (null: a neutral label). */
  alias: string | null;
  roles: TRole[];
}

export function isSupervisor(actor: ChatActor): boolean {
  return abilitiesFor(actor.roles).includes('helpline.supervise');
}

/** The counsellor in charge, or any supervisor (who may observe without the visitor knowing). */
export function canViewConversation(
  actor: ChatActor,
  conversation: Pick<ConversationRow, 'counsellor_id' | 'status'>,
): boolean {
  return (
    conversation.counsellor_id === actor.id ||
    isSupervisor(actor) ||
    conversation.status === 'queued' ||
    conversation.status === 'left_message'
  );
}

export function canWriteToVisitor(
  actor: ChatActor,
  conversation: Pick<ConversationRow, 'counsellor_id'>,
): boolean {
  return conversation.counsellor_id === actor.id;
}

export function canAddNote(actor: ChatActor, conversation: Pick<ConversationRow, 'counsellor_id'>): boolean {
  return conversation.counsellor_id === actor.id || isSupervisor(actor);
}

export function canManageConversation(
  actor: ChatActor,
  conversation: Pick<ConversationRow, 'counsellor_id'>,
): boolean {
  return conversation.counsellor_id === actor.id || isSupervisor(actor);
}
