// Where an escalation stands: draft -> awaiting approval -> approved -> sent -> acknowledged -> closed,
// each step done, current or still to come (approval "not needed" for kinds of partner that skip it).
import type { TEscalation } from '@abri/contracts';
import { useTranslation } from '../../i18n/index.ts';
import { formatDateTime } from '../format.ts';
import { useRecordsT } from './i18n.ts';

const STEPS = ['draft', 'pending_approval', 'approved', 'sent', 'acknowledged', 'closed'] as const;
type Step = (typeof STEPS)[number];

/** 'sending' is the "sent" step, under way. */
function currentStep(escalation: TEscalation): Step {
  return escalation.status === 'sending' ? 'sent' : escalation.status;
}

/** When a step was reached: a date, `true` when reached without one, null when not (yet). */
function reached(escalation: TEscalation, step: Step): string | true | null {
  switch (step) {
    case 'draft':
      return true;
    case 'pending_approval':
      return escalation.approvedAt ?? (escalation.sentAt ? true : null);
    case 'approved':
      // Without approval, submitting approves at once; having been sent means it was approved.
      return escalation.approvedAt ?? (escalation.sentAt ? true : null);
    case 'sent':
      return escalation.sentAt;
    case 'acknowledged':
      return escalation.acknowledgedAt;
    case 'closed':
      return escalation.closedAt;
  }
}

type State = 'done' | 'current' | 'todo' | 'skipped' | 'notNeeded';

function stateOf(escalation: TEscalation, step: Step, index: number, currentIndex: number): State {
  if (index === currentIndex) return 'current';
  // Whether approval is needed is settled when the draft is submitted.
  if (step === 'pending_approval' && !escalation.approvalRequired && escalation.status !== 'draft')
    return 'notNeeded';
  if (index > currentIndex) return 'todo';
  return reached(escalation, step) ? 'done' : 'skipped';
}

export function EscalationStepper({ escalation }: { escalation: TEscalation }) {
  const t = useRecordsT();
  const { i18n } = useTranslation();
  const current = currentStep(escalation);
  const currentIndex = STEPS.indexOf(current);
  return (
    <ol className="records-stepper" aria-label={t('escalation.stepsLabel')}>
      {STEPS.map((step, index) => {
        const when = reached(escalation, step);
        const state = stateOf(escalation, step, index, currentIndex);
        return (
          <li
            key={step}
            className={`records-stepper__step records-stepper__step--${state}`}
            aria-current={step === current ? 'step' : undefined}
          >
            <span className="records-stepper__name">
              {step === 'sent' && escalation.status === 'sending'
                ? t('escalationStatus.sending')
                : t(`escalationStatus.${step}`)}
            </span>
            <span className="records-stepper__state">
              {t(`escalation.step.${state}`)}
              {typeof when === 'string' && state !== 'todo' && ` · ${formatDateTime(when, i18n.language)}`}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
