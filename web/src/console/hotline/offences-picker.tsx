// The offences of the legal reference table, chosen by ticking; a search narrows the list by article,
// id or wording (in either language). Offences no longer in force stay listed while chosen.
import type { TLegalOffence } from '@abri/contracts';
import { useId, useState } from 'react';
import { useTranslation } from '../../i18n/index.ts';
import { useHotlineT } from './i18n.ts';

const MAX_OFFENCES = 10;

function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

export function offenceLabel(offence: TLegalOffence, language: string): string {
  return language === 'en' ? offence.label.en : offence.label.fr;
}

type Props = {
  offences: TLegalOffence[];
  value: string[];
  onChange: (value: string[]) => void;
  error?: string | null | undefined;
};

export function OffencesPicker({ offences, value, onChange, error }: Props) {
  const t = useHotlineT();
  const { i18n } = useTranslation();
  const id = useId();
  const [search, setSearch] = useState('');
  const words = normalise(search).split(/\s+/).filter(Boolean);
  const shown = offences.filter((offence) => {
    if (!offence.active && !value.includes(offence.id)) return false;
    if (words.length === 0) return true;
    const haystack = normalise(
      [offence.id, offence.article, offence.code, offence.label.fr, offence.label.en].join(' '),
    );
    return words.every((word) => haystack.includes(word));
  });
  const full = value.length >= MAX_OFFENCES;
  const toggle = (offenceId: string, on: boolean) =>
    onChange(on ? [...value, offenceId] : value.filter((chosen) => chosen !== offenceId));

  return (
    <fieldset className="fieldset hotline-offences" aria-describedby={error ? `${id}-error` : `${id}-hint`}>
      <legend>{t('assessment.offences')}</legend>
      <p id={`${id}-hint`} className="field__hint">
        {t('assessment.offencesHint', { max: MAX_OFFENCES })}
      </p>
      {error && (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      )}
      <p className="hotline-offences__chosen" aria-live="polite">
        {value.length === 0
          ? t('assessment.offencesNone')
          : t('assessment.offencesChosen', {
              count: value.length,
              list: value
                .map((chosen) => offences.find((o) => o.id === chosen)?.article ?? chosen)
                .join(' ; '),
            })}
      </p>
      <div className="field hotline-offences__search">
        <label htmlFor={`${id}-search`} className="field__label">
          {t('assessment.offencesSearch')}
        </label>
        <input
          id={`${id}-search`}
          className="field__input"
          type="search"
          value={search}
          autoComplete="off"
          onChange={(event) => setSearch(event.target.value)}
          aria-controls={`${id}-list`}
        />
      </div>
      <p className="visually-hidden" aria-live="polite">
        {t('assessment.offencesMatches', { count: shown.length })}
      </p>
      <ul id={`${id}-list`} className="plain-list hotline-offences__list">
        {shown.map((offence) => {
          const checked = value.includes(offence.id);
          return (
            <li key={offence.id}>
              <input
                id={`${id}-${offence.id}`}
                type="checkbox"
                checked={checked}
                disabled={!checked && full}
                onChange={(event) => toggle(offence.id, event.target.checked)}
              />
              <label htmlFor={`${id}-${offence.id}`}>
                <strong>{offence.article}</strong> — {offenceLabel(offence, i18n.language)}
                {offence.csam && <span className="hotline-tag">{t('assessment.csamOffence')}</span>}
                {!offence.active && <span className="hotline-tag">{t('assessment.inactiveOffence')}</span>}
              </label>
            </li>
          );
        })}
      </ul>
      {shown.length === 0 && <p className="muted">{t('assessment.offencesNoMatch')}</p>}
    </fieldset>
  );
}
