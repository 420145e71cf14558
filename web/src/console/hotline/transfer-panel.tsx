// Transfer to a foreign hotline (INHOPE network): the hotlines of the hosting country first, then the
// others; a note for them.
import type { TForeignHotline, THotlineItem } from '@abri/contracts';
import { type FormEvent, useId, useState } from 'react';
import { SubmitButton, TextAreaField } from '../../ui/fields.tsx';
import { useLoad } from '../../ui/use-load.ts';
import { hotlineApi, withText } from './api.ts';
import { fieldErrors, HotlineError } from './hotline-error.tsx';
import { useHotlineT } from './i18n.ts';

type Props = { item: THotlineItem; onChanged: (item: THotlineItem, message: string) => void };

export function TransferPanel({ item, onChanged }: Props) {
  const t = useHotlineT();
  const id = useId();
  const hotlines = useLoad(() => hotlineApi.foreignHotlines(), []);
  const [code, setCode] = useState('');
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const errors = fieldErrors(error);
  const country = item.hosting?.country ?? null;
  const active = (hotlines.data ?? []).filter((hotline) => hotline.active);
  // The package goes by e-mail: a hotline without an address in the directory cannot receive it here.
  const reachable = active.some((hotline) => hotline.email);
  const suggested = country ? active.filter((hotline) => hotline.countries.includes(country)) : [];
  const others = active.filter((hotline) => !suggested.includes(hotline));
  const chosen = active.find((hotline) => hotline.code === code);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMissing(!code);
    if (!code) return;
    setBusy(true);
    setError(null);
    try {
      const updated = await hotlineApi.transfer(item.id, withText({ hotline: code }, { note }));
      onChanged(updated, t('transfer.done', { name: chosen?.name ?? code }));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const optionOf = (hotline: TForeignHotline) => (
    <option key={hotline.code} value={hotline.code} disabled={!hotline.email}>
      {hotline.name} ({hotline.countries.join(', ')}){hotline.email ? '' : ` — ${t('transfer.noEmail')}`}
    </option>
  );
  const hotlineError = missing ? t('transfer.chooseHotline') : errors.hotline;

  return (
    <div className="hotline-panel" data-testid="hotline-transfer-panel">
      <h3>{t('transfer.title')}</h3>
      <HotlineError error={hotlines.error} onRetry={() => void hotlines.reload()} />
      <form
        className="form"
        onSubmit={(event) => void submit(event)}
        noValidate
        aria-label={t('transfer.title')}
      >
        <div className="field">
          <label htmlFor={id} className="field__label">
            {t('transfer.hotline')}
          </label>
          {suggested.length > 0 && (
            <p id={`${id}-hint`} className="field__hint">
              {t('transfer.suggestedHint', { country })}
            </p>
          )}
          <select
            id={id}
            className="field__input"
            value={code}
            aria-invalid={hotlineError ? true : undefined}
            aria-describedby={
              [suggested.length > 0 ? `${id}-hint` : '', hotlineError ? `${id}-error` : '']
                .filter(Boolean)
                .join(' ') || undefined
            }
            onChange={(event) => setCode(event.target.value)}
          >
            <option value="">{hotlines.loading ? t('transfer.loading') : t('transfer.choose')}</option>
            {suggested.length > 0 && (
              <optgroup label={t('transfer.suggested')}>{suggested.map(optionOf)}</optgroup>
            )}
            {others.length > 0 && <optgroup label={t('transfer.others')}>{others.map(optionOf)}</optgroup>}
          </select>
          {hotlineError && (
            <p id={`${id}-error`} className="field__error">
              {hotlineError}
            </p>
          )}
        </div>
        {chosen?.email && <p className="muted">{t('transfer.byEmail', { email: chosen.email })}</p>}
        {hotlines.data && !reachable && <p className="notice notice--info">{t('transfer.noneReachable')}</p>}
        <TextAreaField
          label={t('transfer.note')}
          rows={3}
          maxLength={2000}
          value={note}
          error={errors.note}
          onChange={(event) => setNote(event.target.value)}
        />
        <HotlineError error={error} />
        <div className="actions">
          <SubmitButton busy={busy}>{t('transfer.submit')}</SubmitButton>
        </div>
      </form>
    </div>
  );
}
