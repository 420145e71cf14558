// Escalation partners (police, child protection, platforms, health services) and how to reach them: data
// seeded from content/partners.json and edited by administrators, never code.
import { z } from 'zod';
import { ZPartnerKind } from './guidance.ts';

export const ZPartnerInput = z.strictObject({
  code: z.string().regex(/^[a-z0-9][a-z0-9_-]{1,47}$/, 'lowercase letters, digits, dashes, underscores'),
  kind: ZPartnerKind,
  name: z.string().trim().min(1, 'required').max(120),
  /** Where escalations are e-mailed; without one they are phoned or filed on the partner's portal. */
  email: z.email('not a valid e-mail address').max(254).nullable(),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9 +().-]{2,30}$/, 'digits, spaces and + ( ) . - only')
    .nullable(),
  /** A web portal where reports are filed (PHAROS, a platform's trusted-flagger form). */
  url: z
    .url({ protocol: /^https?$/, message: 'an http or https address' })
    .max(500)
    .nullable(),
  /** French département code(s) a local partner covers (a CRIP, a gendarmerie unit); empty = national. */
  regions: z.array(z.string().regex(/^[0-9][0-9AB]{1,2}$/, 'a département code')).max(120),
  notes: z.string().trim().max(2000).nullable(),
  active: z.boolean(),
});
export type TPartnerInput = z.infer<typeof ZPartnerInput>;

export const ZPartner = ZPartnerInput.extend({ id: z.uuid() });
export type TPartner = z.infer<typeof ZPartner>;

/** content/partners.json. */
export const ZPartnersFile = z.strictObject({ partners: z.array(ZPartnerInput).min(1).max(500) });
