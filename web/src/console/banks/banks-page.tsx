// /console/admin/banks: the hash banks (what each holds, how many hashes per algorithm, how many stored
// pictures match it now, whether it is active, its PDQ threshold), this instance's copy of the PDQ index,
// and the form that creates a bank. A new bank opens on its own page, where its hashes are imported.
import './banks.css';
import type { TBank, TBankIndexStatus } from '@abri/contracts';
import { type FormEvent, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useTranslation } from '../../i18n/index.ts';
import { focusFirstInvalid, SubmitButton, TextField } from '../../ui/fields.tsx';
import { usePageTitle } from '../../ui/page-title.ts';
import { TableWrap } from '../../ui/table-wrap.tsx';
import { useLoad } from '../../ui/use-load.ts';
import { formatDateTime } from '../format.ts';
import { banksApi } from './api.ts';
import { type BankDraft, draftProblems, emptyDraft, inputOf } from './bank-draft.ts';
import { BankDescriptionFields, bankFieldLabels } from './bank-fields.tsx';
import { BanksError, fieldErrors } from './banks-error.tsx';
import { BANK_NAME_BOUNDS } from './constants.ts';
import { type BanksPageState, countsText } from './display.ts';
import { useBanksT } from './i18n.ts';
import { isBlockingKind } from './media-check.ts';

export default function BanksPage() {
  const t = useBanksT();
  const { t: tt } = useTranslation();
  usePageTitle(t('list.title'), tt('console.brand'));
  const location = useLocation();
  const state = (location.state ?? {}) as BanksPageState;
  const { data, setData, error, reload } = useLoad(() => banksApi.list(), []);

  return (
    <div className="banks">
      <h1>{t('list.title')}</h1>
      <p>{t('list.intro')}</p>
      <div aria-live="polite">
        {state.deleted && (
          <p className="notice notice--success" data-testid="banks-message">
            {t('list.deleted', { name: state.deleted })}
          </p>
        )}
      </div>
      <BanksError error={error} onRetry={() => void reload()} />
      {!data && !error && (
        <p className="loading" role="status">
          {tt('common.loading')}
        </p>
      )}
      {data && (
        <>
          <BanksTable banks={data.banks} />
          <IndexStatus
            status={data.index}
            onRefreshed={(index) => setData((current) => (current ? { ...current, index } : current))}
          />
        </>
      )}
      <CreateBank />
    </div>
  );
}

function BanksTable({ banks }: { banks: TBank[] }) {
  const t = useBanksT();
  const { i18n } = useTranslation();
  const format = new Intl.NumberFormat(i18n.language);
  if (banks.length === 0) return <p className="notice notice--info">{t('list.empty')}</p>;
  return (
    <TableWrap label={t('list.caption')}>
      <table className="table table--dense" data-testid="banks-table">
        <caption>{t('list.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('list.colName')}</th>
            <th scope="col">{t('list.colKind')}</th>
            <th scope="col">{t('list.colSource')}</th>
            <th scope="col">{t('list.colCounts')}</th>
            <th scope="col">{t('list.colMatched')}</th>
            <th scope="col">{t('list.colActive')}</th>
            <th scope="col">{t('list.colThreshold')}</th>
          </tr>
        </thead>
        <tbody>
          {banks.map((bank) => (
            <tr key={bank.id} data-testid="banks-row">
              <th scope="row" className="banks-name">
                <Link to={`/console/admin/banks/${encodeURIComponent(bank.id)}`}>{bank.name}</Link>
              </th>
              <td>
                {t(`kind.${bank.kind}`)}
                {isBlockingKind(bank.kind) && <span className="banks-blocking">{t('blocking')}</span>}
              </td>
              <td className="banks-break">{bank.source}</td>
              <td>
                <ul className="plain-list banks-counts">
                  {countsText(t, bank, i18n.language).map((text) => (
                    <li key={text}>{text}</li>
                  ))}
                </ul>
              </td>
              <td>{format.format(bank.matchedImages)}</td>
              <td>{bank.active ? t('list.active') : t('list.inactive')}</td>
              <td>{bank.pdqMaxDistance}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function IndexStatus({
  status,
  onRefreshed,
}: {
  status: TBankIndexStatus;
  onRefreshed: (status: TBankIndexStatus) => void;
}) {
  const t = useBanksT();
  const { i18n } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const number = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  const refresh = async () => {
    setBusy(true);
    setError(null);
    try {
      onRefreshed(await banksApi.index());
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  const behind = status.loadedVersion < status.currentVersion;
  return (
    <section className="card" aria-labelledby="banks-index-title" data-testid="banks-index">
      <h2 id="banks-index-title">{t('index.title')}</h2>
      <p className="muted">{t('index.intro')}</p>
      <div aria-live="polite">
        <dl className="banks-facts">
          <div>
            <dt>{t('index.hashes')}</dt>
            <dd>{number.format(status.hashes)}</dd>
          </div>
          <div>
            <dt>{t('index.memory')}</dt>
            <dd>{t('index.megabytes', { value: number.format(status.memoryBytes / 1024 / 1024) })}</dd>
          </div>
          <div>
            <dt>{t('index.builtAt')}</dt>
            <dd>{status.builtAt ? formatDateTime(status.builtAt, i18n.language) : t('index.never')}</dd>
          </div>
          {status.buildMs !== null && (
            <div>
              <dt>{t('index.buildTime')}</dt>
              <dd>{t('index.milliseconds', { value: number.format(status.buildMs) })}</dd>
            </div>
          )}
          <div>
            <dt>{t('index.version')}</dt>
            <dd>
              <span className={behind ? 'banks-warning' : undefined}>
                {behind
                  ? t('index.behind', { loaded: status.loadedVersion, current: status.currentVersion })
                  : t('index.upToDate', { version: status.loadedVersion })}
              </span>
              {status.loading && <span className="banks-block muted">{t('index.loading')}</span>}
            </dd>
          </div>
        </dl>
        {status.error && (
          <p className="notice notice--error" data-testid="banks-index-error">
            {t('index.error', { error: status.error })}
          </p>
        )}
      </div>
      <BanksError error={error} />
      <button
        type="button"
        className="button button--secondary"
        disabled={busy}
        aria-busy={busy || undefined}
        onClick={() => void refresh()}
      >
        {t('index.refresh')}
      </button>
    </section>
  );
}

function CreateBank() {
  const t = useBanksT();
  const navigate = useNavigate();
  const [draft, setDraft] = useState<BankDraft>(emptyDraft);
  const [checked, setChecked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const problems = checked ? draftProblems(draft, true) : {};
  const server = fieldErrors(error);
  const set =
    <K extends keyof BankDraft>(key: K) =>
    (value: BankDraft[K]) =>
      setDraft((current) => ({ ...current, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (Object.keys(draftProblems(draft, true)).length > 0) {
      focusFirstInvalid(event.currentTarget as HTMLFormElement);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const bank = await banksApi.create(inputOf(draft));
      void navigate(`/console/admin/banks/${encodeURIComponent(bank.id)}`, {
        state: { created: bank.name } satisfies BanksPageState,
      });
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="banks-create-title" data-testid="banks-create">
      <h2 id="banks-create-title">{t('create.title')}</h2>
      <form
        className="form"
        onSubmit={(event) => void submit(event)}
        noValidate
        aria-labelledby="banks-create-title"
      >
        <TextField
          label={t('form.name')}
          hint={t('form.nameHint')}
          autoComplete="off"
          spellCheck={false}
          autoCapitalize="none"
          maxLength={BANK_NAME_BOUNDS.max}
          value={draft.name}
          error={problems.name ? t(`form.${problems.name}`) : server.name}
          onChange={(event) => set('name')(event.target.value)}
        />
        <BankDescriptionFields draft={draft} set={set} problems={problems} server={server} />
        <BanksError error={error} labels={bankFieldLabels(t)} />
        <div className="actions">
          <SubmitButton busy={busy}>{t('create.submit')}</SubmitButton>
        </div>
      </form>
    </section>
  );
}
