// The settings of contact records and cases (settings.records), a section of the settings page: which
// escalations need a supervisor's approval, whether counsellors see their team's cases, how long records
// are kept. Follows the page's other editors (settings-editors.tsx): controlled inputs, the server's
// refusals shown on the fields they name.
import './guidance.css';
import type { TPartnerKind, TSettings } from '@abri/contracts';
import { CheckboxField, TextField } from '../../ui/fields.tsx';
import { type Edit, refused } from '../settings-editors.tsx';
import { PARTNER_KINDS, RETENTION_BOUNDS } from './constants.ts';
import { useGuidanceT } from './i18n.ts';
import { partnerKindName } from './labels.ts';

const RETENTION_KEYS = ['closedCaseRetentionDays', 'contactTextRetentionDays'] as const;

export function RecordsSettingsEditor({
  settings,
  edit,
  saveError,
}: {
  settings: TSettings;
  edit: Edit;
  saveError: unknown;
}) {
  const t = useGuidanceT();
  // Settings read from a server that predates records have none: nothing to edit then.
  const records = settings.records as TSettings['records'] | undefined;
  if (!records) return null;
  const { min, max } = RETENTION_BOUNDS;
  const toggle = (kind: TPartnerKind, on: boolean) =>
    edit((draft) => {
      const current = draft.records.approvalRequired;
      draft.records.approvalRequired = PARTNER_KINDS.filter((entry) =>
        entry === kind ? on : current.includes(entry),
      );
    });
  return (
    <section className="card settings-records" aria-labelledby="records-title">
      <h2 id="records-title">{t('records.title')}</h2>
      <fieldset className="fieldset" aria-describedby="records-approval-hint">
        <legend>{t('records.approvalRequired')}</legend>
        <p id="records-approval-hint" className="field__hint">
          {t('records.approvalHint')}
        </p>
        {refused(saveError, 'records.approvalRequired') && (
          <p className="field__error">{t('records.approvalInvalid')}</p>
        )}
        <div className="checkbox-row">
          {PARTNER_KINDS.map((kind) => (
            <CheckboxField
              key={kind}
              label={partnerKindName(t, kind)}
              checked={records.approvalRequired.includes(kind)}
              onChange={(event) => toggle(kind, event.target.checked)}
            />
          ))}
        </div>
      </fieldset>
      <CheckboxField
        label={t('records.teamCaseVisibility')}
        checked={records.teamCaseVisibility}
        aria-describedby="records-team-hint"
        onChange={(event) =>
          edit((draft) => {
            draft.records.teamCaseVisibility = event.target.checked;
          })
        }
      />
      <p id="records-team-hint" className="field__hint">
        {t('records.teamCaseVisibilityHint')}
      </p>
      <div className="form-grid">
        {RETENTION_KEYS.map((key) => {
          const value = records[key];
          return (
            <TextField
              key={key}
              label={t(`records.${key}`)}
              hint={`${t(`records.${key}Hint`)} ${t('records.bounds', { min, max })}`}
              error={refused(saveError, `records.${key}`) ? t('records.range', { min, max }) : null}
              type="number"
              inputMode="numeric"
              min={min}
              max={max}
              step={1}
              required
              value={Number.isFinite(value) ? value : ''}
              onChange={(event) => {
                const text = event.target.value.trim();
                edit((draft) => {
                  draft.records[key] = text === '' ? Number.NaN : Number(text);
                });
              }}
            />
          );
        })}
      </div>
    </section>
  );
}
