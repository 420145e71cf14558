// The escalation as the partner receives it: a PDF of the structured form (and the e-mail that carries
// it). Only what the partner needs: the form, the references, who approved; never the chat transcript.
import type { TEscalationForm } from '@abri/contracts';
import type { Language, Translate } from '../../i18n/index.ts';
import { type PdfField, renderPdf } from '../../infra/pdf.ts';
import { dateTime } from '../cases/index.ts';
import type { EscalationView } from './escalations.repository.ts';

function formFields(form: TEscalationForm, t: Translate): PdfField[] {
  const list = (values: readonly string[]) => (values.length ? values.join('\n') : '—');
  const fields: PdfField[] = [
    { label: t('pdf.escalation.field.urgency'), value: t(`urgency.${form.urgency}`) },
    { label: t('pdf.escalation.field.when'), value: form.when },
    { label: t('pdf.escalation.field.platform'), value: form.platform || '—' },
    { label: t('pdf.escalation.field.otherPerson'), value: list(form.otherPersonIdentifiers) },
    { label: t('pdf.escalation.field.evidence'), value: list(form.evidenceReferences) },
  ];
  switch (form.kind) {
    case 'law_enforcement':
      fields.push(
        { label: t('pdf.escalation.field.offences'), value: form.suspectedOffences || '—' },
        { label: t('pdf.escalation.field.victimAge'), value: t(`ageBand.${form.victimAgeBand}`) },
        { label: t('pdf.escalation.field.complaint'), value: t(`yesNo.${form.complaintIntended}`) },
      );
      break;
    case 'child_protection':
      fields.push(
        { label: t('pdf.escalation.field.childAge'), value: t(`ageBand.${form.childAgeBand}`) },
        { label: t('pdf.escalation.field.department'), value: form.department ?? '—' },
        { label: t('pdf.escalation.field.parentsAware'), value: t(`yesNo.${form.parentsAware}`) },
        { label: t('pdf.escalation.field.situation'), value: form.childSituation },
      );
      break;
    case 'platform':
      fields.push(
        { label: t('pdf.escalation.field.urls'), value: list(form.contentUrls) },
        { label: t('pdf.escalation.field.action'), value: t(`requestedAction.${form.requestedAction}`) },
      );
      break;
    case 'health':
      fields.push(
        { label: t('pdf.escalation.field.health'), value: form.healthConcern },
        {
          label: t('pdf.escalation.field.immediateRisk'),
          value: t(`yesNo.${form.immediateRisk ? 'yes' : 'no'}`),
        },
      );
      break;
  }
  return fields;
}

export interface EscalationDocument {
  subject: string;
  text: string;
  filename: string;
  pdf: Uint8Array;
}

export async function renderEscalation(
  row: EscalationView,
  helplineName: string,
  t: Translate,
  language: Language,
  now: Date,
): Promise<EscalationDocument> {
  const form = row.form;
  const pdf = await renderPdf({
    title: t('pdf.escalation.title', { kind: t(`partnerKind.${row.kind}`) }),
    subtitle: t('pdf.escalation.subtitle', { helpline: helplineName, partner: row.partner_name }),
    meta: [
      { label: t('pdf.escalation.reference'), value: row.reference },
      { label: t('pdf.escalation.urgency'), value: t(`urgency.${form.urgency}`) },
      { label: t('pdf.escalation.created'), value: dateTime(row.created_at, language) },
      { label: t('pdf.escalation.author'), value: row.created_by_name ?? '—' },
      {
        label: t('pdf.escalation.approved'),
        value: row.approved_at
          ? `${row.approved_by_name ?? '—'}, ${dateTime(row.approved_at, language)}`
          : t('pdf.escalation.noApproval'),
      },
      {
        label: t('pdf.escalation.internalRefs'),
        value: [row.case_reference, row.contact_reference].filter(Boolean).join(', ') || '—',
      },
    ],
    sections: [
      { heading: t('pdf.escalation.whatHappened'), paragraphs: [form.whatHappened] },
      { heading: t('pdf.escalation.details'), fields: formFields(form, t) },
      {
        heading: t('pdf.escalation.notice'),
        paragraphs: [t('pdf.escalation.noticeText', { helpline: helplineName })],
      },
    ],
    footer: t('pdf.footer', { reference: row.reference, at: dateTime(now, language) }),
    createdAt: now,
    language,
  });
  return {
    subject: t('mail.escalation.subject', {
      helpline: helplineName,
      reference: row.reference,
      urgency: t(`urgency.${form.urgency}`),
    }),
    text: t('mail.escalation.text', {
      helpline: helplineName,
      reference: row.reference,
      partner: row.partner_name,
    }),
    filename: `${row.reference}.pdf`,
    pdf,
  };
}
