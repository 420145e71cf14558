// The fields a bank's forms share: its kind (a list whose choices say whether matches are ever displayed,
// with what the chosen kind does below it), the PDQ threshold, and radio choices with a hint.
import type { TBankKind } from '@abri/contracts';
import { useId } from 'react';
import { TextField } from '../../ui/fields.tsx';
import { BANK_KINDS, PDQ_DISTANCE_BOUNDS } from './constants.ts';
import { useBanksT } from './i18n.ts';

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

/** Radio buttons in a fieldset whose legend names the group, with a hint tied to the group. */
export function ChoiceField<Value extends string>({
  legend,
  hint,
  name,
  options,
  value,
  onChange,
}: {
  legend: string;
  hint?: string;
  name: string;
  options: readonly { value: Value; label: string }[];
  value: Value;
  onChange: (value: Value) => void;
}) {
  const id = useId();
  return (
    <fieldset className="fieldset choices" aria-describedby={hint ? `${id}-hint` : undefined}>
      <legend>{legend}</legend>
      {hint && (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      )}
      {options.map((option) => (
        <div key={option.value} className="choice">
          <input
            id={`${id}-${option.value}`}
            type="radio"
            name={name}
            value={option.value}
            checked={value === option.value}
            onChange={() => onChange(option.value)}
          />
          <label htmlFor={`${id}-${option.value}`}>{option.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

/** After a refused submit: the first field marked invalid gets the focus, so its message is read out. */
export function focusFirstInvalid(form: HTMLFormElement): void {
  window.setTimeout(() => {
    form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, 0);
}
