// /console/admin/hosting: the IP-range table the hosting lookup uses (the one shipped, or the last one an
// administrator loaded), and loading a new one from a CSV file or pasted text. The server checks every
// line and names the ones it refuses; nothing changes until the whole table is accepted. Below, the
// directory of foreign hotlines transfers go to (foreign-hotlines-editor.tsx).
import './hotline.css';
import type { TIpRangeTableInfo } from '@abri/contracts';
import { type ChangeEvent, type FormEvent, useId, useState } from 'react';
import { useTranslation } from '../../i18n/index.ts';
import { SubmitButton, TextAreaField } from '../../ui/fields.tsx';
import { usePageTitle } from '../../ui/page-title.ts';
import { useLoad } from '../../ui/use-load.ts';
import { formatDateTime } from '../format.ts';
import { hotlineApi } from './api.ts';
import { IP_TABLE_SHOWN_MAX } from './constants.ts';
import { ForeignHotlinesEditor } from './foreign-hotlines-editor.tsx';
import { HotlineError } from './hotline-error.tsx';
import { useHotlineT } from './i18n.ts';

export default function HostingPage() {
  const t = useHotlineT();
  const { t: tt, i18n } = useTranslation();
  usePageTitle(t('ipTable.title'), tt('console.brand'));
  const fileId = useId();
  // The server answers null while no table has ever been loaded.
  const {
    data: loaded,
    setData,
    error,
    reload,
  } = useLoad(async () => ({ info: await hotlineApi.ipRanges() }), []);
  const data = loaded?.info ?? null;
  const [csv, setCsv] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [readError, setReadError] = useState(false);
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [saved, setSaved] = useState<TIpRangeTableInfo | null>(null);
  const large = csv.length > IP_TABLE_SHOWN_MAX;

  const readFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    setReadError(false);
    setSaved(null);
    if (!file) return;
    try {
      setCsv(await file.text());
      setFileName(file.name);
    } catch {
      setReadError(true);
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMissing(csv.trim() === '');
    if (csv.trim() === '') return;
    setBusy(true);
    setSaveError(null);
    setSaved(null);
    try {
      const info = await hotlineApi.uploadIpRanges(csv);
      setData({ info });
      setSaved(info);
    } catch (caught) {
      setSaveError(caught);
    } finally {
      setBusy(false);
    }
  };

  // The server names refused lines "line 12".
  const describeLine = (path: string) => {
    const match = /^(?:body\.)?(?:csv\.)?line (\d+)$/i.exec(path.trim());
    return match ? t('ipTable.line', { line: match[1] }) : null;
  };

  return (
    <div className="hotline">
      <h1>{t('ipTable.title')}</h1>
      <p>{t('ipTable.intro')}</p>

      <section className="card" aria-labelledby="ip-table-current-title" data-testid="hotline-ip-table">
        <h2 id="ip-table-current-title">{t('ipTable.currentTitle')}</h2>
        <HotlineError error={error} onRetry={() => void reload()} />
        {!loaded && !error && (
          <p className="loading" role="status">
            {tt('common.loading')}
          </p>
        )}
        {loaded && !data && <p className="notice notice--info">{t('ipTable.noTable')}</p>}
        {data && (
          <>
            <dl className="hotline-facts hotline-facts--compact">
              <div>
                <dt>{t('ipTable.source')}</dt>
                <dd>{t(`ipTable.sources.${data.source}`)}</dd>
              </div>
              <div>
                <dt>{t('ipTable.version')}</dt>
                <dd>{data.version}</dd>
              </div>
              <div>
                <dt>{t('ipTable.ranges')}</dt>
                <dd>{new Intl.NumberFormat(i18n.language).format(data.ranges)}</dd>
              </div>
              <div>
                <dt>{t('ipTable.uploaded')}</dt>
                <dd>
                  {t('ipTable.uploadedBy', {
                    by: data.uploadedByName ?? t('ipTable.nobody'),
                    when: formatDateTime(data.uploadedAt, i18n.language),
                  })}
                </dd>
              </div>
            </dl>
            {data.source === 'shipped' && (
              <p className="notice notice--info">{t('ipTable.shippedWarning')}</p>
            )}
          </>
        )}
      </section>

      <section className="card" aria-labelledby="ip-table-upload-title">
        <h2 id="ip-table-upload-title">{t('ipTable.uploadTitle')}</h2>
        <p>{t('ipTable.format')}</p>
        <pre className="hotline-csv-example">{t('ipTable.example')}</pre>
        <form
          className="form"
          onSubmit={(event) => void submit(event)}
          noValidate
          aria-labelledby="ip-table-upload-title"
        >
          <div className="field">
            <label htmlFor={fileId} className="field__label">
              {t('ipTable.file')}
            </label>
            <input
              id={fileId}
              type="file"
              accept=".csv,text/csv,text/plain"
              onChange={(event) => void readFile(event)}
            />
            {readError && <p className="field__error">{t('ipTable.readError')}</p>}
          </div>
          {large ? (
            <div className="notice notice--info">
              <p className="notice__text">
                {t('ipTable.largeFile', { name: fileName ?? '', count: csv.split('\n').length })}
              </p>
              <button
                type="button"
                className="button button--secondary"
                onClick={() => {
                  setCsv('');
                  setFileName(null);
                }}
              >
                {t('ipTable.clear')}
              </button>
            </div>
          ) : (
            <TextAreaField
              label={t('ipTable.text')}
              hint={fileName ? t('ipTable.textFromFile', { name: fileName }) : t('ipTable.textHint')}
              rows={12}
              spellCheck={false}
              className="hotline-csv"
              value={csv}
              error={missing ? t('ipTable.empty') : null}
              onChange={(event) => {
                setCsv(event.target.value);
                setSaved(null);
              }}
            />
          )}
          <div aria-live="polite">
            {saved && (
              <p className="notice notice--success">
                {t('ipTable.saved', { count: saved.ranges, version: saved.version })}
              </p>
            )}
          </div>
          <HotlineError error={saveError} describe={describeLine} labels={{ csv: t('ipTable.text') }} />
          <div className="actions">
            <SubmitButton busy={busy}>{t('ipTable.submit')}</SubmitButton>
          </div>
        </form>
      </section>

      <ForeignHotlinesEditor />
    </div>
  );
}
