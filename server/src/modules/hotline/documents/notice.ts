// The DSA Article 16 notice an analyst sends to a hosting provider: a plain-text e-mail built from the
// templates in content/hotline/notice-templates.json. It carries what Art. 16(2) requires and nothing
// from the reporters: their descriptions and files go to the police (PHAROS), never to a provider.
import fs from 'node:fs';
import type { NOTICE_LANGUAGES } from '@abri/contracts';
import { z } from 'zod';
import type { Dossier, Notifier } from './dossier.ts';

export type NoticeLanguage = (typeof NOTICE_LANGUAGES)[number];

// ---- Templates --------------------------------------------------------------------------------------

/** Which placeholders each part must use (so that no Art. 16 element can be dropped by an edit) and may use. */
const PLACEHOLDERS = {
  subject: { required: ['reference', 'host'], optional: [] },
  body: {
    required: [
      'reference',
      'date',
      'locations',
      'explanation',
      'legalBasis',
      'notifier',
      'trustedFlagger',
      'email',
      'signature',
    ],
    optional: ['host'],
  },
  locationUrl: { required: ['url'], optional: ['host'] },
  locationAccount: { required: ['platform', 'account'], optional: ['host'] },
  offence: { required: ['article', 'label'], optional: [] },
  notifierNamed: { required: ['organisation', 'contactName', 'email'], optional: ['address'] },
  // No name here, by construction: the template cannot even ask for one.
  notifierOmitted: { required: ['email'], optional: [] },
  trustedFlagger: { required: ['trustedFlaggerReference'], optional: [] },
  notTrustedFlagger: { required: [], optional: [] },
  signatureNamed: { required: ['organisation'], optional: ['email', 'contactName'] },
  signatureOmitted: { required: [], optional: ['email'] },
  explanationPending: { required: [], optional: [] },
  legalBasisPending: { required: [], optional: [] },
} as const satisfies Record<string, { required: readonly string[]; optional: readonly string[] }>;

type TemplatePart = keyof typeof PLACEHOLDERS;

const PLACEHOLDER = /\{\{\s*([A-Za-z]+)\s*\}\}/g;

/** Lines, joined with "\n": long texts stay readable in the JSON file. */
const ZLines = z.array(z.string()).min(1);

const ZNoticeTemplate = z
  .strictObject({
    subject: z.string().min(1),
    body: ZLines,
    locationUrl: ZLines,
    locationAccount: ZLines,
    offence: ZLines,
    notifierNamed: ZLines,
    notifierOmitted: ZLines,
    trustedFlagger: ZLines,
    notTrustedFlagger: ZLines,
    signatureNamed: ZLines,
    signatureOmitted: ZLines,
    explanationPending: z.string().min(1),
    legalBasisPending: z.string().min(1),
  })
  .superRefine((template, ctx) => {
    for (const part of Object.keys(PLACEHOLDERS) as TemplatePart[]) {
      const value = template[part];
      const text = typeof value === 'string' ? value : value.join('\n');
      const used = new Set([...text.matchAll(PLACEHOLDER)].map((match) => match[1]!));
      const { required, optional } = PLACEHOLDERS[part];
      const known = new Set<string>([...required, ...optional]);
      for (const name of used)
        if (!known.has(name))
          ctx.addIssue({ code: 'custom', path: [part], message: `unknown placeholder {{${name}}}` });
      for (const name of required)
        if (!used.has(name))
          ctx.addIssue({ code: 'custom', path: [part], message: `missing placeholder {{${name}}}` });
    }
  });

export const ZNoticeTemplatesFile = z.object({
  version: z.number().int().min(1),
  languages: z.strictObject({
    fr: ZNoticeTemplate,
    en: ZNoticeTemplate,
    de: ZNoticeTemplate,
    nl: ZNoticeTemplate,
    es: ZNoticeTemplate,
    it: ZNoticeTemplate,
  } satisfies Record<NoticeLanguage, typeof ZNoticeTemplate>),
});
export type NoticeTemplates = z.infer<typeof ZNoticeTemplatesFile>;
export type NoticeTemplate = z.infer<typeof ZNoticeTemplate>;

/** Validates parsed JSON; `source` names it in the error. */
export function parseNoticeTemplates(value: unknown, source = 'notice templates'): NoticeTemplates {
  const result = ZNoticeTemplatesFile.safeParse(value);
  if (!result.success) throw new Error(`${source} is not valid:\n${z.prettifyError(result.error)}`);
  return result.data;
}

/** Reads and validates content/hotline/notice-templates.json: a bad file stops start-up with a clear error. */
export function loadNoticeTemplates(file: string): NoticeTemplates {
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read the notice templates ${file}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new Error(`the notice templates ${file} are not valid JSON: ${(error as Error).message}`);
  }
  return parseNoticeTemplates(json, file);
}

// ---- Rendering --------------------------------------------------------------------------------------

/**
 * Replaces each {{name}} in one pass over the template: a value is inserted as it is and never read again,
 * so "{{organisation}}" typed in an explanation stays those characters. An unknown name is a bug (the
 * loader refuses templates that use one), hence the throw.
 */
export function fillTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(PLACEHOLDER, (_whole, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`notice template: no value for {{${name}}}`);
    return value;
  });
}

const LINE_WIDTH = 100;

/**
 * Wraps lines longer than LINE_WIDTH at spaces, keeping their indent (plus two spaces under a "- " item).
 * A word longer than a line (a URL) is never cut: the provider must be able to copy it as it is.
 */
export function wrapLines(text: string, width = LINE_WIDTH): string {
  return text
    .split('\n')
    .flatMap((line) => {
      if (line.length <= width) return [line];
      const indent = /^\s*/.exec(line)![0];
      const hanging = indent + (/^\s*[-•] /.test(line) ? '  ' : '');
      const out: string[] = [];
      let current = '';
      for (const word of line.slice(indent.length).split(' ')) {
        if (!word) continue;
        const prefix = out.length === 0 ? indent : hanging;
        if (!current) current = prefix + word;
        else if (current.length + 1 + word.length <= width) current += ` ${word}`;
        else {
          out.push(current);
          current = hanging + word;
        }
      }
      if (current) out.push(current);
      return out;
    })
    .join('\n');
}

const LOCALES: Record<NoticeLanguage, string> = {
  fr: 'fr-FR',
  en: 'en-GB',
  de: 'de-DE',
  nl: 'nl-NL',
  es: 'es-ES',
  it: 'it-IT',
};

/** The notice's date in its language, Paris time with the zone named (the provider may be anywhere). */
export function noticeDate(date: Date, language: NoticeLanguage): string {
  return new Intl.DateTimeFormat(LOCALES[language], {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Paris',
    timeZoneName: 'short',
  }).format(date);
}

/** Directive 2011/93/EU Art. 3 to 7 (csam in the legal table): Art. 16(2)(c) lets the notifier's name out. */
export function omitsNotifierName(dossier: Dossier): boolean {
  return (dossier.assessment?.offences ?? []).some((offence) => offence.csam);
}

export type NoticeGap = 'location' | 'assessment' | 'not_illegal' | 'offences' | 'explanation';

/**
 * What keeps a notice from being sent. renderNotice still renders (with visible markers) so that the
 * analyst can preview an unfinished notice; the service sends one only when this list is empty.
 */
export function noticeGaps(dossier: Dossier, explanation: string): NoticeGap[] {
  const gaps: NoticeGap[] = [];
  const hasLocation =
    dossier.kind === 'url' ? Boolean(dossier.url) : Boolean(dossier.platform || dossier.account);
  if (!hasLocation) gaps.push('location');
  if (!dossier.assessment) gaps.push('assessment');
  else if (dossier.assessment.classification === 'not_illegal') gaps.push('not_illegal');
  if (dossier.assessment && dossier.assessment.offences.length === 0) gaps.push('offences');
  if (explanation.trim() === '') gaps.push('explanation');
  return gaps;
}

export interface RenderedNotice {
  subject: string;
  text: string;
  omitsNotifierName: boolean;
}

const lines = (parts: readonly string[]) => parts.join('\n');
const orDash = (value: string | null | undefined) => (value?.trim() ? value.trim() : '—');

export function renderNotice(
  dossier: Dossier,
  notifier: Notifier,
  explanation: string,
  language: NoticeLanguage,
  templates: NoticeTemplates,
): RenderedNotice {
  const template = templates.languages[language];
  const omitName = omitsNotifierName(dossier);
  const fill = (part: readonly string[] | string, values: Record<string, string>) =>
    fillTemplate(typeof part === 'string' ? part : lines(part), values);

  const locations =
    dossier.kind === 'url' && dossier.url
      ? fill(template.locationUrl, { url: dossier.url, host: dossier.host })
      : fill(template.locationAccount, {
          platform: orDash(dossier.platform),
          account: orDash(dossier.account),
          host: dossier.host,
        });

  // The labels are written in French and English only: French for a French notice, English otherwise.
  // The article is quoted as it is, since it is what the provider's lawyers will look up.
  const offences = dossier.assessment?.offences ?? [];
  const legalBasis = offences.length
    ? offences
        .map((offence) =>
          fill(template.offence, {
            article: offence.article,
            label: language === 'fr' ? offence.label.fr : offence.label.en,
          }),
        )
        .join('\n')
    : template.legalBasisPending;

  const contact = { email: notifier.email, organisation: notifier.organisation };
  const notifierBlock = omitName
    ? fill(template.notifierOmitted, { email: notifier.email })
    : fill(template.notifierNamed, {
        ...contact,
        contactName: orDash(notifier.contactName),
        address: orDash(notifier.address),
      });
  const signature = omitName
    ? fill(template.signatureOmitted, { email: notifier.email })
    : fill(template.signatureNamed, { ...contact, contactName: orDash(notifier.contactName) });
  const trustedFlagger = notifier.trustedFlagger.status
    ? fill(template.trustedFlagger, { trustedFlaggerReference: orDash(notifier.trustedFlagger.reference) })
    : fill(template.notTrustedFlagger, {});

  const cleanExplanation = explanation.replace(/\r\n?/g, '\n').trim();
  const text = fill(template.body, {
    reference: dossier.reference,
    host: dossier.host,
    date: noticeDate(dossier.createdAt, language),
    locations,
    explanation: cleanExplanation || template.explanationPending,
    legalBasis,
    notifier: notifierBlock,
    trustedFlagger,
    email: notifier.email,
    signature,
  });

  return {
    subject: fill(template.subject, { reference: dossier.reference, host: dossier.host }).replace(
      /\s+/g,
      ' ',
    ),
    text: `${wrapLines(text)}\n`,
    omitsNotifierName: omitName,
  };
}
