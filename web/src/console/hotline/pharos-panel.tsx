// Referral to PHAROS: the package to download (JSON, PDF in French or English), then either e-mailed to
// the PHAROS address of the settings, or recorded as filed on the PHAROS portal with its reference. When
// no address is set the server says so, and the portal is offered instead.
import type { THotlineItem } from '@abri/contracts';
import { type FormEvent, useState } from 'react';
import { RadioGroupField, SubmitButton, TextAreaField, TextField } from '../../ui/fields.tsx';
import { hotlineApi, hotlineLinks, withText } from './api.ts';
import { fieldErrors, HotlineError, isCode } from './hotline-error.tsx';
import { useHotlineT } from './i18n.ts';

type Props = { item: THotlineItem; onChanged: (item: THotlineItem, message: string) => void };

export function PharosPanel({ item, onChanged }: Props) {
  const t = useHotlineT();
  const [via, setVia] = useState<'email' | 'portal'>('email');
  const [reference, setReference] = useState('');
  const [note, setNote] = useState('');
  const [noAddress, setNoAddress] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const errors = fieldErrors(error);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body = withText({ via }, via === 'portal' ? { reference, note } : { note });
      const updated = await hotlineApi.referToPharos(item.id, body);
      onChanged(updated, via === 'email' ? t('pharos.doneEmail') : t('pharos.donePortal'));
    } catch (caught) {
      if (isCode(caught, 'HOTLINE_NO_PHAROS_EMAIL')) {
        setNoAddress(true);
        setVia('portal');
      } else setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="hotline-panel" data-testid="hotline-pharos-panel">
      <h3>{t('pharos.title')}</h3>
      <p className="muted">{t('pharos.intro')}</p>
      <ul className="plain-list hotline-downloads" aria-label={t('pharos.downloads')}>
        <li>
          <a href={hotlineLinks.pharosPdf(item.id, 'fr')} download>
            {t('pharos.pdfFr')}
          </a>
        </li>
        <li>
          <a href={hotlineLinks.pharosPdf(item.id, 'en')} download>
            {t('pharos.pdfEn')}
          </a>
        </li>
        <li>
          <a href={hotlineLinks.pharosJson(item.id)} download>
            {t('pharos.json')}
          </a>
        </li>
      </ul>
      {noAddress && (
        <div className="notice notice--info" role="alert">
          <p className="notice__text">{t('pharos.noAddress')}</p>
        </div>
      )}
      <form
        className="form"
        onSubmit={(event) => void submit(event)}
        noValidate
        aria-label={t('pharos.title')}
      >
        <RadioGroupField
          legend={t('pharos.via')}
          name="pharos-via"
          value={via}
          onChange={setVia}
          options={[
            ...(noAddress ? [] : [{ value: 'email' as const, label: t('pharos.viaEmail') }]),
            { value: 'portal' as const, label: t('pharos.viaPortal') },
          ]}
        />
        {via === 'portal' && (
          <TextField
            label={t('pharos.reference')}
            hint={t('pharos.referenceHint')}
            maxLength={100}
            value={reference}
            error={errors.reference}
            onChange={(event) => setReference(event.target.value)}
          />
        )}
        <TextAreaField
          label={t('pharos.note')}
          rows={3}
          maxLength={1000}
          value={note}
          error={errors.note}
          onChange={(event) => setNote(event.target.value)}
        />
        <HotlineError error={error} />
        <div className="actions">
          <SubmitButton busy={busy}>
            {via === 'email' ? t('pharos.sendEmail') : t('pharos.markPortal')}
          </SubmitButton>
        </div>
      </form>
    </div>
  );
}
