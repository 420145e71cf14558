// Importing a file of hashes into a bank: the file is sent as it is (the server reads it line by line, up to
// 1 GB), with what to do about malformed lines (refuse the whole file, the default, or skip them) and what a
// text line of 64 hex characters is. The result says what was added and lists the refused lines; when the
// file was refused whole, it says plainly that nothing changed.
import type { TBankDetail, TBankImportResult } from '@abri/contracts';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from '../../i18n/index.ts';
import { focusFirstInvalid, RadioGroupField, SubmitButton } from '../../ui/fields.tsx';
import { useActiveSession } from '../session.tsx';
import { banksApi } from './api.ts';
import { BanksError } from './banks-error.tsx';
import { IMPORT_ALGORITHMS, IMPORT_MODES, type ImportAlgorithm, type ImportMode } from './constants.ts';
import { useBanksT } from './i18n.ts';

export function ImportPanel({ bank, onImported }: { bank: TBankDetail; onImported: () => void }) {
  const t = useBanksT();
  const session = useActiveSession();
  const fileId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<ImportMode>('refuse_all');
  const [algorithm, setAlgorithm] = useState<ImportAlgorithm>('pdq');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<TBankImportResult | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMissing(!file);
    if (!file) {
      focusFirstInvalid(event.currentTarget as HTMLFormElement);
      return;
    }
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const answer = await banksApi.importFile(
        bank.id,
        file,
        { mode, algorithm, filename: file.name },
        session.csrfToken,
      );
      setResult(answer);
      if (answer.applied) onImported();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="banks-import-title" data-testid="banks-import">
      <h2 id="banks-import-title">{t('import.title')}</h2>
      <p>{t('import.intro')}</p>
      <ul className="banks-formats">
        <li>{t('import.formatText')}</li>
        <li>{t('import.formatCsv')}</li>
      </ul>
      <details className="banks-example">
        <summary>{t('import.exampleLabel')}</summary>
        <pre>{t('import.example')}</pre>
      </details>
      <form
        className="form"
        onSubmit={(event) => void submit(event)}
        noValidate
        aria-labelledby="banks-import-title"
      >
        <div className="field">
          <label htmlFor={fileId} className="field__label">
            {t('import.file')}
          </label>
          <input
            id={fileId}
            type="file"
            accept=".csv,.txt,.tsv,text/csv,text/plain"
            aria-invalid={missing || undefined}
            aria-describedby={missing ? `${fileId}-error` : undefined}
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setMissing(false);
              setResult(null);
              setError(null);
            }}
          />
          {missing && (
            <p id={`${fileId}-error`} className="field__error">
              {t('import.fileRequired')}
            </p>
          )}
        </div>
        <RadioGroupField
          legend={t('import.mode')}
          name="bank-import-mode"
          options={IMPORT_MODES.map((value) => ({ value, label: t(`import.modes.${value}`) }))}
          value={mode}
          onChange={setMode}
        />
        <RadioGroupField
          legend={t('import.algorithm')}
          hint={t('import.algorithmHint')}
          name="bank-import-algorithm"
          options={IMPORT_ALGORITHMS.map((value) => ({ value, label: t(`import.algorithms.${value}`) }))}
          value={algorithm}
          onChange={setAlgorithm}
        />
        <BanksError error={error} />
        <div className="actions">
          <SubmitButton busy={busy}>{t('import.submit')}</SubmitButton>
        </div>
      </form>
      <div aria-live="polite" data-testid="banks-import-result">
        {result && <ImportResult result={result} />}
      </div>
    </section>
  );
}

export function ImportResult({ result }: { result: TBankImportResult }) {
  const t = useBanksT();
  const { i18n } = useTranslation();
  const format = new Intl.NumberFormat(i18n.language);
  const unlisted = result.invalid - result.errors.length;
  return (
    <div className={`banks-result ${result.applied ? 'banks-result--applied' : 'banks-result--refused'}`}>
      <h3>{t('import.resultTitle')}</h3>
      <p className={`notice ${result.applied ? 'notice--success' : 'notice--error'}`}>
        {result.applied ? t('import.applied') : t('import.refused')}
      </p>
      <dl className="banks-facts banks-facts--counts">
        <div>
          <dt>{t('import.lines')}</dt>
          <dd>{format.format(result.lines)}</dd>
        </div>
        <div>
          <dt>{t('import.added')}</dt>
          <dd>{format.format(result.added)}</dd>
        </div>
        <div>
          <dt>{t('import.duplicates')}</dt>
          <dd>{format.format(result.duplicates)}</dd>
        </div>
        <div>
          <dt>{t('import.invalid')}</dt>
          <dd>{format.format(result.invalid)}</dd>
        </div>
        <div>
          <dt>{t('import.format')}</dt>
          <dd>{t(`import.formats.${result.format}`)}</dd>
        </div>
      </dl>
      {result.applied && result.invalid > 0 && <p>{t('import.skipped', { count: result.invalid })}</p>}
      {result.errors.length > 0 && (
        <>
          <h4>{t('import.errorsTitle')}</h4>
          <ul className="banks-line-errors" data-testid="banks-import-errors">
            {result.errors.map((error) => (
              <li key={`${error.line}-${error.message}`}>
                {t('import.line', { line: format.format(error.line), message: error.message })}
              </li>
            ))}
          </ul>
          {unlisted > 0 && <p className="muted">{t('import.moreErrors', { count: unlisted })}</p>}
        </>
      )}
    </div>
  );
}
