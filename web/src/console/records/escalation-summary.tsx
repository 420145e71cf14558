// An escalation's form read back (once it is no longer a draft), and its history step by step.
import type { TEscalation, TEscalationForm } from '@abri/contracts';
import { useTranslation } from '../../i18n/index.ts';
import { formatDateTime } from '../format.ts';
import { hasRecordsKey, type RecordsKey, type RecordsT, useRecordsT } from './i18n.ts';

function rows(t: RecordsT, form: TEscalationForm): [string, string][] {
  const list = (values: string[]) => (values.length > 0 ? values.join('\n') : '—');
  const common: [string, string][] = [
    [t('escalationForm.whatHappened'), form.whatHappened],
    [t('escalationForm.when'), form.when],
    [t('escalationForm.platform'), form.platform || '—'],
    [t('escalationForm.otherPersonIdentifiers'), list(form.otherPersonIdentifiers)],
    [t('escalationForm.evidenceReferences'), list(form.evidenceReferences)],
    [t('escalationForm.urgency'), t(`urgency.${form.urgency}`)],
  ];
  switch (form.kind) {
    case 'law_enforcement':
      return [
        ...common,
        [t('escalationForm.suspectedOffences'), form.suspectedOffences || '—'],
        [t('escalationForm.victimAgeBand'), t(`ageBand.${form.victimAgeBand}`)],
        [t('escalationForm.complaintIntended'), t(`yesNo.${form.complaintIntended}`)],
      ];
    case 'child_protection':
      return [
        ...common,
        [t('escalationForm.childSituation'), form.childSituation],
        [t('escalationForm.childAgeBand'), t(`ageBand.${form.childAgeBand}`)],
        [t('escalationForm.department'), form.department || '—'],
        [t('escalationForm.parentsAware'), t(`yesNo.${form.parentsAware}`)],
      ];
    case 'platform':
      return [
        ...common,
        [t('escalationForm.contentUrls'), list(form.contentUrls)],
        [t('escalationForm.requestedAction'), t(`requestedAction.${form.requestedAction}`)],
      ];
    case 'health':
      return [
        ...common,
        [t('escalationForm.healthConcern'), form.healthConcern],
        [t('escalationForm.immediateRisk'), form.immediateRisk ? t('yesNo.yes') : t('yesNo.no')],
      ];
  }
}

export function EscalationSummary({ form }: { form: TEscalationForm }) {
  const t = useRecordsT();
  return (
    <dl className="records-facts">
      {rows(t, form).map(([term, value]) => (
        <div key={term} className="records-facts__row">
          <dt>{term}</dt>
          <dd className="preserve-lines">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** An action of the history in words; an action the client does not know is shown as it is. */
function actionText(t: RecordsT, action: string): string {
  const key = `history.${action}`;
  return hasRecordsKey(key) ? t(key as RecordsKey) : action;
}

export function EscalationHistory({ escalation }: { escalation: TEscalation }) {
  const t = useRecordsT();
  const { i18n } = useTranslation();
  return (
    <ol className="records-timeline">
      {escalation.history.map((event, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: history entries have no id and are only appended
        <li key={index}>
          <p className="records-timeline__what">
            <strong>{actionText(t, event.action)}</strong>
          </p>
          <p className="muted records-timeline__meta">
            {t('case.eventMeta', {
              who: event.actorName ?? t('case.system'),
              when: formatDateTime(event.at, i18n.language),
            })}
          </p>
          {event.note && <p className="preserve-lines">{event.note}</p>}
        </li>
      ))}
    </ol>
  );
}
