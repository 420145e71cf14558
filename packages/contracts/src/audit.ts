import { z } from 'zod';

export const ZAuditEvent = z.object({
  seq: z.number().int(),
  at: z.iso.datetime(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  subjectType: z.string().nullable(),
  subjectId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type TAuditEvent = z.infer<typeof ZAuditEvent>;

export const ZAuditQuery = z.strictObject({
  action: z.string().max(64).optional(),
  actor: z.string().max(64).optional(),
  subjectId: z.string().max(128).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  /** Cursor: only entries with a smaller sequence number. */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const ZAuditPage = z.object({
  events: z.array(ZAuditEvent),
  nextBefore: z.number().int().nullable(),
});

export const ZAuditVerifyQuery = z.strictObject({
  /** 'true': walk every entry instead of starting from the last verified point. */
  full: z.enum(['true', 'false']).optional(),
});

export const ZAuditVerifyResult = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBroken: z.object({ seq: z.number().int(), reason: z.string() }).nullable(),
  /** 'incremental': only entries after the last verified point were walked (that point re-checked). */
  mode: z.enum(['full', 'incremental']),
  from: z.number().int(),
  lastSeq: z.number().int(),
  /** What does not hold besides the chain (a forged anchor line). */
  problems: z.array(z.string()),
  /** What keeps the check from being complete (no anchor file, an unreadable one). */
  warnings: z.array(z.string()),
  anchors: z.object({
    files: z.array(z.object({ file: z.string(), lines: z.number().int(), error: z.string().nullable() })),
    heads: z.number().int(),
    latest: z.object({ seq: z.number().int(), at: z.string(), instance: z.string() }).nullable(),
  }),
});
export type TAuditVerifyResult = z.infer<typeof ZAuditVerifyResult>;
