// Everything done on the item, oldest first: what, who, when, and the particulars of each action (how it
// went, to whom, the reference, the reason, the note, the e-mail's state).
import type { THotlineAction } from '@abri/contracts';
import { useTranslation } from '../../i18n/index.ts';
import { formatDateTime } from '../format.ts';
import {
  HOTLINE_ACTION_KINDS,
  HOTLINE_CLASSIFICATIONS,
  MAIL_STATUSES,
  NOT_ACTIONABLE_REASONS,
} from './constants.ts';
import { type HotlineT, useHotlineT } from './i18n.ts';

function kindText(t: HotlineT, kind: string): string {
  const known = HOTLINE_ACTION_KINDS.find((value) => value === kind);
  return known ? t(`history.kind.${known}`) : kind;
}

function viaText(t: HotlineT, via: string): string {
  return via === 'email' || via === 'portal' ? t(`history.via.${via}`) : via;
}

function reasonText(t: HotlineT, reason: string): string {
  const known = NOT_ACTIONABLE_REASONS.find((value) => value === reason);
  return known ? t(`closeReason.${known}`) : reason;
}

function mailText(t: HotlineT, status: string): string {
  const known = MAIL_STATUSES.find((value) => value === status);
  return known ? t(`mailStatus.${known}`) : status;
}

export function ItemHistory({ actions }: { actions: THotlineAction[] }) {
  const t = useHotlineT();
  const { i18n } = useTranslation();
  return (
    <section className="card" aria-labelledby="hotline-history-title" data-testid="hotline-history">
      <h2 id="hotline-history-title">{t('history.title')}</h2>
      {actions.length === 0 && <p className="muted">{t('history.empty')}</p>}
      <ol className="hotline-history">
        {actions.map((action) => {
          const particulars: [string, string][] = [];
          if (action.via) particulars.push([t('history.viaLabel'), viaText(t, action.via)]);
          if (action.recipient) particulars.push([t('history.recipient'), action.recipient]);
          if (action.partnerCode) particulars.push([t('history.partner'), action.partnerCode]);
          if (action.language) particulars.push([t('history.language'), action.language.toUpperCase()]);
          // Known material: the bank in the reference, the hash that matched in the reason, the distance in the note.
          const known = action.kind === 'known_material';
          const banked = action.kind === 'added_to_bank';
          if (action.reference)
            particulars.push([
              known || banked ? t('history.bank') : t('history.reference'),
              action.reference,
            ]);
          if (action.reason)
            particulars.push(
              known
                ? [t('history.algorithm'), action.reason.toUpperCase()]
                : [t('history.reason'), reasonText(t, action.reason)],
            );
          if (known && action.note) particulars.push([t('history.distance'), action.note]);
          if (banked && action.note) particulars.push([t('history.pictures'), action.note]);
          if (action.mailStatus) particulars.push([t('history.mail'), mailText(t, action.mailStatus)]);
          // An assessment's entry carries its classification in the note.
          const classification =
            action.kind === 'assessed'
              ? HOTLINE_CLASSIFICATIONS.find((value) => value === action.note)
              : undefined;
          if (classification)
            particulars.push([t('assessment.classification'), t(`classification.${classification}`)]);
          if (action.sentAt)
            particulars.push([t('history.sentAt'), formatDateTime(action.sentAt, i18n.language)]);
          return (
            <li key={action.id} data-testid="hotline-history-entry">
              <p>
                <strong>{kindText(t, action.kind)}</strong>
              </p>
              <p className="muted hotline-history__meta">
                {t('history.meta', {
                  by: action.byName ?? t('history.system'),
                  when: formatDateTime(action.at, i18n.language),
                })}
              </p>
              {particulars.length > 0 && (
                <dl className="hotline-history__particulars">
                  {particulars.map(([label, value]) => (
                    <div key={label}>
                      <dt>{label}</dt>
                      <dd>{value}</dd>
                    </div>
                  ))}
                </dl>
              )}
              {action.note && !classification && !known && !banked && (
                <p className="preserve-lines hotline-history__note">{action.note}</p>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
