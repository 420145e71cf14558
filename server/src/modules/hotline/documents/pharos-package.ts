// The referral to PHAROS (the French police platform for illegal online content): a JSON package for
// systems and a PDF for people, both made of the same dossier. Unlike a provider notice, it carries the
// reporters' descriptions (they help an investigation) and the screenshots' fingerprints; it never
// carries a reporter's identity or a file.
import type { TReportCategory } from '@abri/contracts';
import { type Language, type Translate, translator } from '../../../i18n/index.ts';
import { type PdfField, type PdfSection, renderPdf } from '../../../infra/pdf.ts';
import type { Dossier, DossierAssessment, DossierFile, Notifier } from './dossier.ts';

export const PHAROS_SCHEMA = 'abri.pharos-referral/1';

export interface PharosFile {
  id: string;
  contentType: string;
  size: number;
  md5: string;
  sha1: string;
  sha256: string;
}

export interface PharosReport {
  id: string;
  receivedAt: string;
  category: TReportCategory;
  source: string | null;
  platform: string | null;
  account: string | null;
  /** The reporter's own words: for the police only (a provider notice never has them). */
  description: string | null;
  files: PharosFile[];
}

export interface PharosOffence {
  id: string;
  article: string;
  label: string;
  dsaCategory: string;
  csam: boolean;
}

export interface PharosPackage {
  schema: typeof PHAROS_SCHEMA;
  reference: string;
  itemId: string;
  createdAt: string;
  /** The hotline, which sends the referral: never a member of the public. */
  sender: {
    organisation: string;
    contactName: string;
    email: string;
    address: string;
    trustedFlagger: { status: boolean; reference: string };
  };
  location: {
    kind: Dossier['kind'];
    urls: string[];
    host: string;
    platform: string | null;
    account: string | null;
  };
  category: TReportCategory;
  classification: DossierAssessment['classification'] | null;
  contentType: DossierAssessment['contentType'] | null;
  siteType: string | null;
  victim: { ageBand: DossierAssessment['victimAge']; gender: DossierAssessment['victimGender'] };
  assessedAt: string | null;
  offences: PharosOffence[];
  hosting: {
    ips: string[];
    country: string | null;
    asn: number | null;
    provider: string | null;
    resolvedAt: string;
  } | null;
  reports: PharosReport[];
  firstReportedAt: string;
  lastReportedAt: string;
  reportCount: number;
}

// Fields are copied one by one rather than spread, so that a field added to the dossier later (say, a
// reporter's contact) does not reach the police package without someone deciding it should.
const file = (f: DossierFile): PharosFile => ({
  id: f.id,
  contentType: f.contentType,
  size: f.size,
  md5: f.md5,
  sha1: f.sha1,
  sha256: f.sha256,
});

/**
 * The assessor's name and the analyst's internal notes are left out: PHAROS deals with the hotline, not
 * with one analyst, and notes are working material, not a statement.
 */
export function pharosPackage(dossier: Dossier, notifier: Notifier): PharosPackage {
  const assessment = dossier.assessment;
  return {
    schema: PHAROS_SCHEMA,
    reference: dossier.reference,
    itemId: dossier.id,
    createdAt: dossier.createdAt.toISOString(),
    sender: {
      organisation: notifier.organisation,
      contactName: notifier.contactName,
      email: notifier.email,
      address: notifier.address,
      trustedFlagger: {
        status: notifier.trustedFlagger.status,
        reference: notifier.trustedFlagger.reference,
      },
    },
    location: {
      kind: dossier.kind,
      urls: dossier.url ? [dossier.url] : [],
      host: dossier.host,
      platform: dossier.platform,
      account: dossier.account,
    },
    category: dossier.category,
    classification: assessment?.classification ?? null,
    contentType: assessment?.contentType ?? null,
    siteType: assessment?.siteType ?? null,
    victim: { ageBand: assessment?.victimAge ?? null, gender: assessment?.victimGender ?? null },
    assessedAt: assessment?.assessedAt.toISOString() ?? null,
    offences: (assessment?.offences ?? []).map((offence) => ({
      id: offence.id,
      article: offence.article,
      // PHAROS works in French: the French label, whatever the language of the PDF.
      label: offence.label.fr,
      dsaCategory: offence.dsaCategory,
      csam: offence.csam,
    })),
    hosting: dossier.hosting
      ? {
          ips: [...dossier.hosting.ips],
          country: dossier.hosting.country,
          asn: dossier.hosting.asn,
          provider: dossier.hosting.provider,
          resolvedAt: dossier.hosting.resolvedAt.toISOString(),
        }
      : null,
    reports: dossier.reports.map((report) => ({
      id: report.id,
      receivedAt: report.receivedAt.toISOString(),
      category: report.category,
      source: report.source,
      platform: report.platform,
      account: report.account,
      description: report.description,
      files: report.files.map(file),
    })),
    firstReportedAt: dossier.firstReportedAt.toISOString(),
    lastReportedAt: dossier.lastReportedAt.toISOString(),
    reportCount: dossier.reportCount,
  };
}

// ---- The PDF ----------------------------------------------------------------------------------------

/** Paris time, as every French document of the service gives it. */
function dateTime(value: Date, language: Language): string {
  return new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Paris',
  }).format(value);
}

function orNone(t: Translate, value: string | number | null | undefined): string {
  return value === null || value === undefined || value === '' ? t('hotlineDocuments.none') : String(value);
}

function label(t: Translate, group: string, value: string | null | undefined): string {
  return value ? t(`hotlineDocuments.${group}.${value}`) : t('hotlineDocuments.none');
}

function locationSection(dossier: Dossier, t: Translate): PdfSection {
  const k = (key: string) => t(`hotlineDocuments.pharos.${key}`);
  const fields: PdfField[] = [{ label: k('kind'), value: label(t, 'kind', dossier.kind) }];
  if (dossier.url) fields.push({ label: k('url'), value: dossier.url });
  fields.push({ label: k('host'), value: dossier.host });
  if (dossier.kind === 'account' || dossier.platform)
    fields.push({ label: k('platform'), value: orNone(t, dossier.platform) });
  if (dossier.kind === 'account' || dossier.account)
    fields.push({ label: k('account'), value: orNone(t, dossier.account) });
  return { heading: k('location'), fields };
}

function assessmentSections(dossier: Dossier, t: Translate, language: Language): PdfSection[] {
  const k = (key: string) => t(`hotlineDocuments.pharos.${key}`);
  const a = dossier.assessment;
  if (!a) return [{ heading: k('assessment'), paragraphs: [k('notAssessed')] }];
  const fields: PdfField[] = [
    { label: k('classification'), value: label(t, 'classification', a.classification) },
    { label: k('contentType'), value: label(t, 'contentType', a.contentType) },
    { label: k('siteType'), value: label(t, 'siteType', a.siteType) },
  ];
  if (a.victimAge) fields.push({ label: k('victimAge'), value: label(t, 'victimAge', a.victimAge) });
  if (a.victimGender)
    fields.push({ label: k('victimGender'), value: label(t, 'victimGender', a.victimGender) });
  fields.push({ label: k('assessedAt'), value: dateTime(a.assessedAt, language) });
  const offences = a.offences.map((offence) =>
    t('hotlineDocuments.pharos.offence', {
      article: offence.article,
      label: language === 'fr' ? offence.label.fr : offence.label.en,
      dsaCategory: offence.dsaCategory,
    }),
  );
  return [
    { heading: k('assessment'), fields },
    offences.length
      ? { heading: k('offences'), items: offences }
      : { heading: k('offences'), paragraphs: [k('noOffence')] },
  ];
}

function hostingSection(dossier: Dossier, t: Translate, language: Language): PdfSection {
  const k = (key: string) => t(`hotlineDocuments.pharos.${key}`);
  const h = dossier.hosting;
  if (!h) return { heading: k('hosting'), paragraphs: [k('noHosting')] };
  return {
    heading: k('hosting'),
    fields: [
      { label: k('ips'), value: h.ips.length ? h.ips.join('\n') : t('hotlineDocuments.none') },
      { label: k('country'), value: orNone(t, h.country) },
      { label: k('asn'), value: h.asn === null ? t('hotlineDocuments.none') : `AS${h.asn}` },
      { label: k('provider'), value: orNone(t, h.provider) },
      { label: k('resolvedAt'), value: dateTime(h.resolvedAt, language) },
    ],
  };
}

function reportSections(dossier: Dossier, t: Translate, language: Language): PdfSection[] {
  const k = (key: string) => t(`hotlineDocuments.pharos.${key}`);
  const bytes = new Intl.NumberFormat(language === 'fr' ? 'fr-FR' : 'en-GB');
  const colon = language === 'fr' ? ' : ' : ': ';
  return dossier.reports.map((report, index) => {
    // One bulleted item per screenshot, drawn full width so that a SHA-256 fits on its line.
    const files = report.files.map((f, i) =>
      [
        t('hotlineDocuments.pharos.file', {
          index: i + 1,
          contentType: f.contentType,
          size: bytes.format(f.size),
        }),
        `MD5${colon}${f.md5}`,
        `SHA-1${colon}${f.sha1}`,
        `SHA-256${colon}${f.sha256}`,
      ].join('\n'),
    );
    const fields: PdfField[] = [
      { label: k('receivedAt'), value: dateTime(report.receivedAt, language) },
      { label: k('category'), value: label(t, 'category', report.category) },
      { label: k('source'), value: label(t, 'source', report.source) },
    ];
    if (report.platform) fields.push({ label: k('platform'), value: report.platform });
    if (report.account) fields.push({ label: k('account'), value: report.account });
    fields.push({ label: k('description'), value: report.description?.trim() || k('noDescription') });
    fields.push({ label: k('files'), value: files.length ? String(files.length) : k('noFiles') });
    return {
      heading: t('hotlineDocuments.pharos.report', { index: index + 1, count: dossier.reports.length }),
      fields,
      ...(files.length ? { items: files } : {}),
    };
  });
}

/** A human summary of pharosPackage(); the same dossier always gives the same bytes (dates come from it). */
export async function renderPharosPdf(
  dossier: Dossier,
  notifier: Notifier,
  language: Language = 'fr',
): Promise<Uint8Array> {
  const t = translator(language);
  const k = (key: string, values?: Record<string, string | number>) =>
    t(`hotlineDocuments.pharos.${key}`, values);
  return renderPdf({
    title: k('title', { reference: dossier.reference }),
    subtitle: k('subtitle', { organisation: notifier.organisation }),
    meta: [
      { label: k('reference'), value: dossier.reference },
      { label: k('created'), value: dateTime(dossier.createdAt, language) },
      { label: k('category'), value: label(t, 'category', dossier.category) },
      { label: k('reportCount'), value: String(dossier.reportCount) },
      { label: k('firstReported'), value: dateTime(dossier.firstReportedAt, language) },
      { label: k('lastReported'), value: dateTime(dossier.lastReportedAt, language) },
    ],
    sections: [
      locationSection(dossier, t),
      ...assessmentSections(dossier, t, language),
      hostingSection(dossier, t, language),
      ...reportSections(dossier, t, language),
      {
        heading: k('sender'),
        fields: [
          { label: k('organisation'), value: notifier.organisation },
          { label: k('contactName'), value: orNone(t, notifier.contactName) },
          { label: k('email'), value: notifier.email },
          { label: k('address'), value: orNone(t, notifier.address) },
          {
            label: k('trustedFlagger'),
            value: notifier.trustedFlagger.status
              ? k('trustedFlaggerYes', { reference: orNone(t, notifier.trustedFlagger.reference) })
              : k('trustedFlaggerNo'),
          },
        ],
      },
      { heading: k('warning'), paragraphs: [k('warningText')] },
    ],
    footer: k('footer', { reference: dossier.reference, at: dateTime(dossier.createdAt, language) }),
    createdAt: dossier.createdAt,
    language,
  });
}
