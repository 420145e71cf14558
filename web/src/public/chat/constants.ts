// The chat's fixed lists, copied from @abri/contracts rather than imported: its module also builds the
// zod schemas, which would pull zod into the public bundle. The checks below fail to compile if a list
// here and its contract drift apart.
import type { TPreChatRequest, TVisitorConversation } from '@abri/contracts';

export const MESSAGE_MAX_LENGTH = 4000;
/** The counter appears when this few characters are left. */
export const COUNTER_FROM = 400;
export const NICKNAME_MAX_LENGTH = 40;

export type Audience = TPreChatRequest['audience'];
export type AgeBand = TPreChatRequest['ageBand'];
export type ChatTopic = TPreChatRequest['topic'];
export type ConversationStatus = TVisitorConversation['status'];

export const AUDIENCES = ['child', 'parent', 'professional', 'other'] as const satisfies readonly Audience[];
export const AGE_BANDS = [
  'under_11',
  '11_14',
  '15_17',
  '18_plus',
  'undisclosed',
] as const satisfies readonly AgeBand[];
export const CHAT_TOPICS = [
  'unsolicited_contact',
  'grooming',
  'sextortion',
  'cyber_harassment',
  'non_consensual_images',
  'privacy',
  'harmful_content',
  'scams_hacked_account',
  'excessive_use',
  'other',
] as const satisfies readonly ChatTopic[];

// Every value of the contract is listed (the `satisfies` above checks the other direction).
type Covers<Listed, All> = [All] extends [Listed] ? true : never;
const complete: [
  Covers<(typeof AUDIENCES)[number], Audience>,
  Covers<(typeof AGE_BANDS)[number], AgeBand>,
  Covers<(typeof CHAT_TOPICS)[number], ChatTopic>,
] = [true, true, true];
void complete;

export const SURVEY_QUESTIONS = [
  { name: 'helped', answers: ['yes', 'a_little', 'no'] },
  { name: 'feelBetter', answers: ['yes', 'a_little', 'no'] },
  { name: 'contactAgain', answers: ['yes', 'maybe', 'no'] },
] as const;

/** WebSocket close codes after which reconnecting cannot help. */
export const CLOSE_TOKEN_INVALID = 4401;
export const CLOSE_BLOCKED = 4403;
