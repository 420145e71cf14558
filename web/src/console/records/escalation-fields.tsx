// The fields of an escalation form: what every partner is told, then what this kind of partner needs
// (ZEscalationForm). Lists (identifiers, evidence, addresses) are typed one per line.
import type { TPartnerKind } from '@abri/contracts';
import { useId } from 'react';
import { CheckboxField, RadioGroupField, TextAreaField, TextField } from '../../ui/fields.tsx';
import { CodeSelect } from './code-fields.tsx';
import { AGE_BANDS, REQUESTED_ACTIONS, URGENCIES, YES_NO_UNKNOWN } from './constants.ts';
import type { EscalationDraft } from './escalation-draft.ts';
import { type RecordsT, useRecordsT } from './i18n.ts';

type Props = {
  kind: TPartnerKind;
  draft: EscalationDraft;
  set: <K extends keyof EscalationDraft>(key: K, value: EscalationDraft[K]) => void;
  errors: Record<string, string>;
};

export function escalationFieldLabels(t: RecordsT): Record<string, string> {
  const keys = [
    'partnerId',
    'whatHappened',
    'when',
    'platform',
    'otherPersonIdentifiers',
    'evidenceReferences',
    'urgency',
    'suspectedOffences',
    'victimAgeBand',
    'complaintIntended',
    'childAgeBand',
    'childSituation',
    'department',
    'parentsAware',
    'contentUrls',
    'requestedAction',
    'healthConcern',
    'immediateRisk',
  ] as const;
  return Object.fromEntries(keys.map((key) => [key, t(`escalationForm.${key}`)]));
}

function Box({ name, children }: { name: string; children: React.ReactNode }) {
  return <div data-field={name}>{children}</div>;
}

export function EscalationFields({ kind, draft, set, errors }: Props) {
  const t = useRecordsT();
  const id = useId();
  const ageOptions = [
    { key: '', label: null, options: AGE_BANDS.map((value) => ({ value, label: t(`ageBand.${value}`) })) },
  ];
  const yesNo = YES_NO_UNKNOWN.map((value) => ({ value, label: t(`yesNo.${value}`) }));
  const optional = (label: string) => t('fields.optional', { label });
  const area = (
    name: keyof EscalationDraft & string,
    rows: number,
    maxLength: number,
    hint?: string,
    isOptional = false,
  ) => (
    <Box name={name}>
      <TextAreaField
        label={
          isOptional
            ? optional(t(`escalationForm.${name}` as 'escalationForm.whatHappened'))
            : t(`escalationForm.${name}` as 'escalationForm.whatHappened')
        }
        hint={hint}
        rows={rows}
        maxLength={maxLength}
        value={String(draft[name])}
        onChange={(event) => set(name, event.target.value as never)}
        error={errors[name]}
      />
    </Box>
  );

  return (
    <>
      <fieldset className="fieldset records-section">
        <legend>{t('escalationForm.commonTitle')}</legend>
        {area('whatHappened', 5, 4000, t('escalationForm.whatHappenedHint'))}
        <div className="form-grid form-grid--dense">
          <Box name="when">
            <TextField
              label={t('escalationForm.when')}
              hint={t('escalationForm.whenHint')}
              maxLength={200}
              value={draft.when}
              onChange={(event) => set('when', event.target.value)}
              error={errors.when}
            />
          </Box>
          <Box name="platform">
            <TextField
              label={optional(t('escalationForm.platform'))}
              maxLength={100}
              value={draft.platform}
              onChange={(event) => set('platform', event.target.value)}
              error={errors.platform}
            />
          </Box>
        </div>
        {area('otherPersonIdentifiers', 3, 15000, t('escalationForm.otherPersonIdentifiersHint'), true)}
        {area('evidenceReferences', 3, 15000, t('escalationForm.evidenceReferencesHint'), true)}
        <Box name="urgency">
          <RadioGroupField
            legend={t('escalationForm.urgency')}
            name={`${id}-urgency`}
            className="choices--inline"
            options={URGENCIES.map((value) => ({ value, label: t(`urgency.${value}`) }))}
            value={draft.urgency}
            onChange={(value) => set('urgency', value)}
            error={errors.urgency}
          />
        </Box>
      </fieldset>

      <fieldset className="fieldset records-section">
        <legend>{t(`escalationForm.kindTitle.${kind}`)}</legend>
        {kind === 'law_enforcement' && (
          <>
            <Box name="suspectedOffences">
              <TextField
                label={optional(t('escalationForm.suspectedOffences'))}
                hint={t('escalationForm.suspectedOffencesHint')}
                maxLength={500}
                value={draft.suspectedOffences}
                onChange={(event) => set('suspectedOffences', event.target.value)}
                error={errors.suspectedOffences}
              />
            </Box>
            <CodeSelect
              name="victimAgeBand"
              label={t('escalationForm.victimAgeBand')}
              groups={ageOptions}
              value={draft.victimAgeBand}
              onChange={(value) =>
                set('victimAgeBand', (value ?? 'undisclosed') as EscalationDraft['victimAgeBand'])
              }
              error={errors.victimAgeBand}
            />
            <Box name="complaintIntended">
              <RadioGroupField
                legend={t('escalationForm.complaintIntended')}
                name={`${id}-complaint`}
                className="choices--inline"
                options={yesNo}
                value={draft.complaintIntended}
                onChange={(value) => set('complaintIntended', value)}
                error={errors.complaintIntended}
              />
            </Box>
          </>
        )}
        {kind === 'child_protection' && (
          <>
            {area('childSituation', 5, 4000, t('escalationForm.childSituationHint'))}
            <div className="form-grid form-grid--dense">
              <CodeSelect
                name="childAgeBand"
                label={t('escalationForm.childAgeBand')}
                groups={ageOptions}
                value={draft.childAgeBand}
                onChange={(value) =>
                  set('childAgeBand', (value ?? 'undisclosed') as EscalationDraft['childAgeBand'])
                }
                error={errors.childAgeBand}
              />
              <Box name="department">
                <TextField
                  label={optional(t('escalationForm.department'))}
                  hint={t('escalationForm.departmentHint')}
                  maxLength={3}
                  autoComplete="off"
                  value={draft.department}
                  onChange={(event) => set('department', event.target.value)}
                  error={errors.department}
                />
              </Box>
            </div>
            <Box name="parentsAware">
              <RadioGroupField
                legend={t('escalationForm.parentsAware')}
                name={`${id}-parents`}
                className="choices--inline"
                options={yesNo}
                value={draft.parentsAware}
                onChange={(value) => set('parentsAware', value)}
                error={errors.parentsAware}
              />
            </Box>
          </>
        )}
        {kind === 'platform' && (
          <>
            {area('contentUrls', 4, 60000, t('escalationForm.contentUrlsHint'))}
            <CodeSelect
              name="requestedAction"
              label={t('escalationForm.requestedAction')}
              groups={[
                {
                  key: '',
                  label: null,
                  options: REQUESTED_ACTIONS.map((value) => ({
                    value,
                    label: t(`requestedAction.${value}`),
                  })),
                },
              ]}
              value={draft.requestedAction}
              onChange={(value) =>
                set('requestedAction', (value ?? 'remove_content') as EscalationDraft['requestedAction'])
              }
              error={errors.requestedAction}
            />
          </>
        )}
        {kind === 'health' && (
          <>
            {area('healthConcern', 4, 2000, t('escalationForm.healthConcernHint'))}
            <Box name="immediateRisk">
              <CheckboxField
                label={t('escalationForm.immediateRisk')}
                checked={draft.immediateRisk}
                onChange={(event) => set('immediateRisk', event.target.checked)}
              />
            </Box>
          </>
        )}
      </fieldset>
    </>
  );
}
