// The e-mail outbox as administrators see it: what Abri sent or holds (without SMTP_URL), and why not.
import { z } from 'zod';

export const MAIL_STATUSES = ['queued', 'sent', 'held', 'failed'] as const;

export const ZOutboxMailSummary = z.object({
  id: z.uuid(),
  to: z.array(z.string()),
  subject: z.string(),
  status: z.enum(MAIL_STATUSES),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  relatedType: z.string().nullable(),
  relatedId: z.string().nullable(),
  createdAt: z.iso.datetime(),
  sentAt: z.iso.datetime().nullable(),
  attachments: z.array(z.object({ filename: z.string(), contentType: z.string(), size: z.number().int() })),
});
export type TOutboxMailSummary = z.infer<typeof ZOutboxMailSummary>;

export const ZOutboxMail = ZOutboxMailSummary.extend({ text: z.string() });
export type TOutboxMail = z.infer<typeof ZOutboxMail>;

export const ZOutboxQuery = z.strictObject({
  status: z.enum(MAIL_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
