// The export of many items (NCMEC CyberTipline-shaped JSON) by period and status: a link the browser
// downloads itself, built from the fields filled in (empty ones are left out: the server refuses them).
import { useState } from 'react';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { hotlineLinks } from './api.ts';
import { HOTLINE_ITEM_STATUSES } from './constants.ts';
import { useHotlineT } from './i18n.ts';

export function ExportForm() {
  const t = useHotlineT();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [status, setStatus] = useState('all');
  const query = new URLSearchParams({ status });
  if (from) query.set('from', from);
  if (to) query.set('to', to);
  return (
    <details className="card hotline-export">
      <summary>{t('export.title')}</summary>
      <p className="muted">{t('export.hint')}</p>
      <div className="form-grid form-grid--dense">
        <TextField
          label={t('export.from')}
          type="date"
          value={from}
          onChange={(e) => setFrom(e.target.value)}
        />
        <TextField label={t('export.to')} type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        <SelectField
          label={t('export.status')}
          value={status}
          onChange={setStatus}
          options={[
            { value: 'all', label: t('statusFilter.all') },
            ...HOTLINE_ITEM_STATUSES.map((value) => ({ value, label: t(`status.${value}`) })),
          ]}
        />
      </div>
      <p className="actions">
        <a className="button button--secondary" href={`${hotlineLinks.export}?${query.toString()}`} download>
          {t('export.submit')}
        </a>
      </p>
    </details>
  );
}
