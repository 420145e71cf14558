// A case as a PDF for a handover: what the reader's role may see (the same case view the console shows,
// so restricted notes never reach a counsellor's export), with codes turned into their labels.
import type { TCase, TTaxonomy } from '@abri/contracts';
import type { Language, Translate } from '../../i18n/index.ts';
import { type PdfDocumentModel, type PdfSection, renderPdf } from '../../infra/pdf.ts';
import type { ContactView } from './contacts.service.ts';

export function labelOf(taxonomies: TTaxonomy[], name: string, code: string | null, language: Language) {
  if (code === null) return '—';
  const item = taxonomies.find((list) => list.name === name)?.items.find((entry) => entry.code === code);
  return item ? item.label[language] : code;
}

export function dateTime(value: string | Date | null, language: Language): string {
  if (!value) return '—';
  return new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Paris',
  }).format(new Date(value));
}

export function contactSection(
  contact: ContactView,
  taxonomies: TTaxonomy[],
  t: Translate,
  language: Language,
): PdfSection {
  const labels = (name: string, codes: readonly string[]) =>
    codes.length ? codes.map((code) => labelOf(taxonomies, name, code, language)).join(', ') : '—';
  return {
    heading: t('pdf.contact.heading', {
      reference: contact.reference,
      at: dateTime(contact.contact_at, language),
    }),
    fields: [
      { label: t('pdf.contact.channel'), value: t(`channel.${contact.channel}`) },
      { label: t('pdf.contact.callType'), value: t(`callType.${contact.call_type}`) },
      { label: t('pdf.contact.caller'), value: contact.caller ? t(`caller.${contact.caller}`) : '—' },
      {
        label: t('pdf.contact.ageBand'),
        value: labelOf(taxonomies, 'age_bands', contact.age_band, language),
      },
      { label: t('pdf.contact.gender'), value: labelOf(taxonomies, 'genders', contact.gender, language) },
      { label: t('pdf.contact.region'), value: labelOf(taxonomies, 'regions', contact.region, language) },
      { label: t('pdf.contact.topics'), value: labels('topics', contact.topics) },
      { label: t('pdf.contact.platforms'), value: labels('platforms', contact.platforms) },
      { label: t('pdf.contact.outcome'), value: labelOf(taxonomies, 'outcomes', contact.outcome, language) },
      { label: t('pdf.contact.referrals'), value: labels('referrals', contact.referrals) },
      { label: t('pdf.contact.counsellor'), value: contact.counsellor_name ?? '—' },
      {
        label: t('pdf.contact.summary'),
        value: contact.text_purged_at ? t('pdf.contact.purged') : contact.summary || '—',
      },
      { label: t('pdf.contact.followUp'), value: contact.follow_up || '—' },
    ],
  };
}

export async function renderCasePdf(
  view: TCase,
  contacts: ContactView[],
  taxonomies: TTaxonomy[],
  t: Translate,
  language: Language,
  now: Date,
  readerName: string,
): Promise<Uint8Array> {
  const timeline = view.timeline.map((event) => {
    const what = t(`pdf.case.event.${event.kind}`, {
      reference: String(event.data.reference ?? ''),
      status: event.data.to
        ? t(`caseStatus.${String(event.data.to)}`)
        : event.data.status
          ? t(`escalationStatus.${String(event.data.status)}`)
          : '',
      assignee: String(event.data.assignee ?? '—'),
      filename: String(event.data.filename ?? ''),
    });
    const body = event.body ? ` — ${event.body}` : '';
    return `${dateTime(event.at, language)} · ${event.actorName ?? t('pdf.system')} · ${what}${body}`;
  });
  const model: PdfDocumentModel = {
    title: t('pdf.case.title', { reference: view.reference }),
    subtitle: view.title,
    meta: [
      { label: t('pdf.case.status'), value: t(`caseStatus.${view.status}`) },
      { label: t('pdf.case.assignee'), value: view.assigneeName ?? '—' },
      { label: t('pdf.case.opened'), value: dateTime(view.createdAt, language) },
      { label: t('pdf.case.followUp'), value: dateTime(view.followUpAt, language) },
      { label: t('pdf.case.exportedBy'), value: readerName },
    ],
    sections: [
      {
        heading: t('pdf.case.summary'),
        paragraphs: [view.summary || '—'],
        fields: [
          {
            label: t('pdf.contact.topics'),
            value: view.topics.map((code) => labelOf(taxonomies, 'topics', code, language)).join(', ') || '—',
          },
          { label: t('pdf.case.followUpNote'), value: view.followUpNote || '—' },
        ],
      },
      ...contacts.map((contact) => contactSection(contact, taxonomies, t, language)),
      {
        heading: t('pdf.case.documents'),
        items: view.documents.length
          ? view.documents.map((document) =>
              t('pdf.case.document', {
                filename: document.filename,
                size: Math.ceil(document.size / 1024),
                at: dateTime(document.uploadedAt, language),
                sha256: document.sha256,
              }),
            )
          : ['—'],
      },
      { heading: t('pdf.case.timeline'), items: timeline.length ? timeline : ['—'] },
    ],
    footer: t('pdf.footer', { reference: view.reference, at: dateTime(now, language) }),
    createdAt: now,
    language,
  };
  return renderPdf(model);
}
