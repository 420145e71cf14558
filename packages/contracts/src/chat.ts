// The helpline chat: the pre-chat form, conversations and messages as the visitor and staff see them, and
// the WebSocket frames of both sides. Frames are JSON objects with a `type`; every frame a client sends is
// validated against these schemas (anything else is answered with an `error` frame, never a crash).
import { z } from 'zod';

/** A message's sequence number as a client sends it back: stored as a PostgreSQL integer, so never above
 *  2^31 - 1 (a larger one would fail its statement instead of being refused as a bad frame). */
export const ZClientSeq = z.number().int().min(0).max(2_147_483_647);

export const MESSAGE_MAX_LENGTH = 4000;

export const AUDIENCES = ['child', 'parent', 'professional', 'other'] as const;
export const ZAudience = z.enum(AUDIENCES);
export type TAudience = z.infer<typeof ZAudience>;
export const AGE_BANDS = ['under_11', '11_14', '15_17', '18_plus', 'undisclosed'] as const;
export const ZAgeBand = z.enum(AGE_BANDS);

/** The topics a visitor can choose before a chat (a subset of the contact-record taxonomy). */
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
] as const;
export const ZChatTopic = z.enum(CHAT_TOPICS);

export const END_REASONS = ['resolved', 'visitor_left', 'disconnected', 'abusive', 'test'] as const;
export const ZEndReason = z.enum(END_REASONS);
export type TEndReason = z.infer<typeof ZEndReason>;

export const PRESENCE = ['available', 'busy', 'away', 'offline'] as const;
export const ZPresence = z.enum(PRESENCE);
export type TPresence = z.infer<typeof ZPresence>;

export const CONVERSATION_STATUSES = ['queued', 'active', 'left_message', 'ended'] as const;
export const ZConversationStatus = z.enum(CONVERSATION_STATUSES);

const ZNickname = z
  .string()
  .trim()
  .max(40, 'at most 40 characters')
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point.
  .regex(/^[^<>\u0000-\u001f]*$/, 'no angle brackets or control characters');

export const ZPreChatRequest = z.strictObject({
  audience: ZAudience,
  ageBand: ZAgeBand,
  topic: ZChatTopic,
  nickname: ZNickname.optional(),
  /** The visitor has read the confidentiality statement. */
  acceptedConfidentiality: z.literal(true, {
    message: 'please read and accept the confidentiality statement',
  }),
  /** A random token the browser keeps for this tab (sessionStorage), used to block abusive devices. */
  deviceToken: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'invalid device token'),
  /** Outside opening hours: the written message left for the counsellors. */
  message: z.string().trim().min(1).max(MESSAGE_MAX_LENGTH).optional(),
});
export type TPreChatRequest = z.infer<typeof ZPreChatRequest>;

/** What the visitor's browser keeps (sessionStorage) to talk and reconnect. */
export const ZVisitorCredentials = z.object({
  conversationId: z.uuid(),
  /** Secret for this tab's WebSocket; never shown. */
  visitorToken: z.string(),
  /** Shown to the visitor: words and digits (>= 60 bits), to come back later from anywhere. */
  resumeCode: z.string(),
});
export type TVisitorCredentials = z.infer<typeof ZVisitorCredentials>;

export const ZResumeRequest = z.strictObject({
  resumeCode: z.string().trim().min(8).max(80),
  deviceToken: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'invalid device token'),
});

export const ZSurveyRequest = z.strictObject({
  visitorToken: z.string().min(16).max(128),
  helped: z.enum(['yes', 'a_little', 'no']).optional(),
  feelBetter: z.enum(['yes', 'a_little', 'no']).optional(),
  contactAgain: z.enum(['yes', 'maybe', 'no']).optional(),
});
export type TSurveyRequest = z.infer<typeof ZSurveyRequest>;

export const ZChatAuthor = z.enum(['visitor', 'counsellor', 'system']);
/**
 * text: a chat message; note: internal, staff only; whisper: supervisor to counsellor, staff only;
 * card: advice sent to the visitor as a formatted card (a title and a few points, see ZChatCard).
 */
export const ZMessageKind = z.enum(['text', 'note', 'whisper', 'event', 'card']);

export const CARD_TITLE_MAX_LENGTH = 120;
export const CARD_POINT_MAX_LENGTH = 400;
export const CARD_MAX_POINTS = 10;

const cardLine = (max: number) => z.string().trim().min(1, 'empty').max(max, `at most ${max} characters`);

/** An advice card as it travels in the chat: what the visitor sees, nothing of where it came from. */
export const ZChatCard = z.strictObject({
  title: cardLine(CARD_TITLE_MAX_LENGTH),
  points: z
    .array(cardLine(CARD_POINT_MAX_LENGTH))
    .min(1, 'at least one point')
    .max(CARD_MAX_POINTS, `at most ${CARD_MAX_POINTS} points`),
});
export type TChatCard = z.infer<typeof ZChatCard>;

/** A sign of danger found in a visitor's message (see packages/redflags): staff see it, never the visitor. */
export const ZRedFlagMark = z.object({
  flag: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  rule: z.string(),
});
export type TRedFlagMark = z.infer<typeof ZRedFlagMark>;

export const ZChatMessage = z.object({
  seq: z.number().int(),
  author: ZChatAuthor,
  kind: ZMessageKind,
  /** For counsellor messages: the counsellor's display name. */
  authorName: z.string().nullable(),
  /** For a card: its plain-text rendering (the title, then one "• point" a line); `card` has the structure. */
  body: z.string(),
  /** Only for kind `card`. */
  card: z.object({ title: z.string(), points: z.array(z.string()) }).optional(),
  /** For system events: a stable code the client translates (counsellor_joined, queue_idle_warning...). */
  event: z.string().nullable(),
  clientId: z.string().nullable(),
  at: z.iso.datetime(),
  /** Staff views only: red flags found in a visitor's message, with their character spans. */
  redFlags: z.array(ZRedFlagMark).optional(),
});
export type TChatMessage = z.infer<typeof ZChatMessage>;

export const ZVisitorConversation = z.object({
  id: z.uuid(),
  status: ZConversationStatus,
  counsellorName: z.string().nullable(),
  queuePosition: z.number().int().nullable(),
  estimatedWaitMinutes: z.number().int().nullable(),
  /** Highest seq of the visitor's messages the counsellor has received / read. */
  deliveredSeq: z.number().int(),
  readSeq: z.number().int(),
  endReason: ZEndReason.nullable(),
});
export type TVisitorConversation = z.infer<typeof ZVisitorConversation>;

const ZClientId = z.string().regex(/^[A-Za-z0-9_-]{6,64}$/, 'invalid client id');
const ZText = z
  .string()
  .trim()
  .min(1, 'empty message')
  .max(MESSAGE_MAX_LENGTH, `at most ${MESSAGE_MAX_LENGTH} characters`);

// --- visitor WebSocket (/api/chat/visitor/socket) ---
export const ZVisitorClientFrame = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('hello'),
    visitorToken: z.string().min(16).max(128),
    lastSeq: ZClientSeq,
  }),
  z.strictObject({ type: z.literal('send'), clientId: ZClientId, text: ZText }),
  z.strictObject({ type: z.literal('typing'), typing: z.boolean() }),
  z.strictObject({ type: z.literal('read'), seq: ZClientSeq }),
  z.strictObject({ type: z.literal('leave') }),
  z.strictObject({ type: z.literal('ping') }),
]);
export type TVisitorClientFrame = z.infer<typeof ZVisitorClientFrame>;

export type TVisitorServerFrame =
  | { type: 'welcome'; conversation: TVisitorConversation; messages: TChatMessage[] }
  | { type: 'ack'; clientId: string; seq: number; at: string }
  | { type: 'message'; message: TChatMessage }
  | { type: 'conversation'; conversation: TVisitorConversation }
  | { type: 'typing'; typing: boolean }
  | { type: 'pong' }
  | { type: 'error'; code: string; message: string; clientId?: string; retryAfter?: number };

// --- staff WebSocket (/api/chat/staff/socket): live updates; actions go through HTTP ---
export const ZStaffClientFrame = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('subscribe'),
    conversationId: z.uuid(),
    lastSeq: ZClientSeq,
  }),
  z.strictObject({ type: z.literal('unsubscribe'), conversationId: z.uuid() }),
  // Two kinds of `send`: text (a message, a note, a whisper) and an advice card to the visitor.
  z.discriminatedUnion('kind', [
    z.strictObject({
      type: z.literal('send'),
      conversationId: z.uuid(),
      clientId: ZClientId,
      kind: z.enum(['text', 'note', 'whisper']),
      text: ZText,
    }),
    z.strictObject({
      type: z.literal('send'),
      conversationId: z.uuid(),
      clientId: ZClientId,
      kind: z.literal('card'),
      card: ZChatCard,
    }),
  ]),
  z.strictObject({ type: z.literal('typing'), conversationId: z.uuid(), typing: z.boolean() }),
  z.strictObject({ type: z.literal('read'), conversationId: z.uuid(), seq: ZClientSeq }),
  z.strictObject({ type: z.literal('ping') }),
]);
export type TStaffClientFrame = z.infer<typeof ZStaffClientFrame>;

export const ZStaffConversation = z.object({
  id: z.uuid(),
  status: ZConversationStatus,
  audience: ZAudience,
  ageBand: ZAgeBand,
  topic: ZChatTopic,
  nickname: z.string().nullable(),
  counsellorId: z.uuid().nullable(),
  counsellorName: z.string().nullable(),
  createdAt: z.iso.datetime(),
  queuedAt: z.iso.datetime().nullable(),
  assignedAt: z.iso.datetime().nullable(),
  endedAt: z.iso.datetime().nullable(),
  endReason: ZEndReason.nullable(),
  lastMessageAt: z.iso.datetime().nullable(),
  /** Visitor messages after the counsellor's last read mark. */
  unread: z.number().int(),
  visitorConnected: z.boolean(),
  /** The counsellor who had this conversation before it was resumed or transferred. */
  preferredCounsellorId: z.uuid().nullable(),
  transferNote: z.string().nullable(),
});
export type TStaffConversation = z.infer<typeof ZStaffConversation>;

export const ZCounsellorLoad = z.object({
  userId: z.uuid(),
  displayName: z.string(),
  presence: ZPresence,
  capacity: z.number().int(),
  activeConversations: z.number().int(),
  conversationIds: z.array(z.uuid()),
});

export const ZBoard = z.object({
  queueLength: z.number().int(),
  longestWaitSeconds: z.number().int().nullable(),
  leftMessages: z.number().int(),
  counsellors: z.array(ZCounsellorLoad),
  assignmentMode: z.enum(['auto', 'manual']),
});
export type TBoard = z.infer<typeof ZBoard>;

export type TStaffServerFrame =
  | { type: 'message'; conversationId: string; message: TChatMessage }
  | { type: 'ack'; conversationId: string; clientId: string; seq: number; at: string }
  | { type: 'conversation'; conversation: TStaffConversation }
  | { type: 'history'; conversationId: string; messages: TChatMessage[] }
  | { type: 'typing'; conversationId: string; typing: boolean }
  | { type: 'board'; board: TBoard }
  | {
      type: 'alert';
      conversationId: string;
      code: 'idle_prompt' | 'assigned' | 'transferred' | 'taken_over' | 'red_flag';
      message: string;
    }
  | { type: 'pong' }
  | { type: 'error'; code: string; message: string; conversationId?: string; clientId?: string };

export const ZPresenceRequest = z.strictObject({
  presence: ZPresence,
  capacity: z.number().int().min(1).max(10).optional(),
});

export const ZTransferRequest = z.strictObject({
  /** Another counsellor, or null to put the conversation back in the queue. */
  toCounsellorId: z.uuid().nullable(),
  note: z.string().trim().max(1000).optional(),
});

export const ZEndRequest = z.strictObject({ reason: ZEndReason });

export const ZBlockRequest = z.strictObject({
  hours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30),
  reason: z.string().trim().max(500).optional(),
});

export const ZCannedResponse = z.object({
  id: z.uuid(),
  language: z.enum(['fr', 'en']),
  shortcut: z.string(),
  title: z.string(),
  body: z.string(),
});
export type TCannedResponse = z.infer<typeof ZCannedResponse>;

export const ZCannedResponseInput = z.strictObject({
  language: z.enum(['fr', 'en']),
  shortcut: z
    .string()
    .trim()
    .regex(/^[a-z0-9-]{2,32}$/, 'lowercase letters, digits and dashes, 2 to 32'),
  title: z.string().trim().min(1).max(100),
  body: z.string().trim().min(1).max(MESSAGE_MAX_LENGTH),
});

export const ZChatSettings = z.strictObject({
  assignmentMode: z.enum(['auto', 'manual']),
  /** Counsellor prompted after this many minutes without a message from either side. */
  idlePromptMinutes: z.number().int().min(1).max(120),
  /** Visitor warned after this many minutes of silence, and the chat closed after closeAfterWarningMinutes more. */
  visitorIdleWarningMinutes: z.number().int().min(1).max(240),
  closeAfterWarningMinutes: z.number().int().min(1).max(120),
  /** Messages a visitor may send per minute before a friendly "slow down" notice. */
  visitorMessagesPerMinute: z.number().int().min(5).max(120),
  defaultCapacity: z.number().int().min(1).max(10),
  /** Ended conversations and their messages are deleted this many days after they ended. */
  retentionDays: z.number().int().min(1).max(3650),
});
export type TChatSettings = z.infer<typeof ZChatSettings>;
