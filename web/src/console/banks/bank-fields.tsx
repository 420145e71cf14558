// The fields a bank's forms share: its kind (a list whose choices say whether matches are ever displayed,
// with what the chosen kind does below it), its source and description, and the PDQ threshold.
import type { TBankKind } from '@abri/contracts';
import { useId } from 'react';
import { TextAreaField, TextField } from '../../ui/fields.tsx';
import type { BankDraft, DraftProblem } from './bank-draft.ts';
import { BANK_DESCRIPTION_MAX, BANK_KINDS, BANK_SOURCE_MAX, PDQ_DISTANCE_BOUNDS } from './constants.ts';
import { type BanksT, useBanksT } from './i18n.ts';

/** What the server's field names are called in the forms, for the error summary. */
export function bankFieldLabels(t: BanksT): Record<string, string> {
  return {
    name: t('form.name'),
    kind: t('form.kind'),
    source: t('form.source'),
    description: t('form.description'),
    pdqMaxDistance: t('form.threshold'),
    active: t('form.active'),
  };
}

/** Kind, source, description and threshold, with the local problems first, else the server's messages. */
export function BankDescriptionFields({
  draft,
  set,
  problems,
  server,
}: {
  draft: BankDraft;
  set: <K extends keyof BankDraft>(key: K) => (value: BankDraft[K]) => void;
  problems: Partial<Record<keyof BankDraft, DraftProblem>>;
  server: Record<string, string>;
}) {
  const t = useBanksT();
  return (
    <>
      <KindField value={draft.kind} onChange={set('kind')} />
      <TextField
        label={t('form.source')}
        hint={t('form.sourceHint')}
        maxLength={BANK_SOURCE_MAX}
        value={draft.source}
        error={problems.source ? t(`form.${problems.source}`) : server.source}
        onChange={(event) => set('source')(event.target.value)}
      />
      <TextAreaField
        label={t('form.description')}
        rows={3}
        maxLength={BANK_DESCRIPTION_MAX}
        value={draft.description}
        error={server.description}
        onChange={(event) => set('description')(event.target.value)}
      />
      <ThresholdField
        value={draft.threshold}
        onChange={set('threshold')}
        error={problems.threshold ? t(`form.${problems.threshold}`) : server.pdqMaxDistance}
      />
    </>
  );
}

export function KindField({ value, onChange }: { value: TBankKind; onChange: (kind: TBankKind) => void }) {
  const t = useBanksT();
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id} className="field__label">
        {t('form.kind')}
      </label>
      <select
        id={id}
        className="field__input"
        value={value}
        aria-describedby={`${id}-help`}
        onChange={(event) => {
          const kind = BANK_KINDS.find((known) => known === event.target.value);
          if (kind) onChange(kind);
        }}
      >
        {BANK_KINDS.map((kind) => (
          <option key={kind} value={kind}>
            {t(`kindOption.${kind}`)}
          </option>
        ))}
      </select>
      <p id={`${id}-help`} className="field__hint" aria-live="polite">
        {t(`kindHelp.${value}`)}
      </p>
    </div>
  );
}

export function ThresholdField({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (value: string) => void;
  error: string | null | undefined;
}) {
  const t = useBanksT();
  return (
    <TextField
      label={t('form.threshold')}
      hint={t('form.thresholdHint')}
      type="number"
      inputMode="numeric"
      min={PDQ_DISTANCE_BOUNDS.min}
      max={PDQ_DISTANCE_BOUNDS.max}
      step={1}
      className="banks-field--short"
      value={value}
      error={error}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}
