// /console/admin/banks/:id: one hash bank — what it holds, editing it (kind, source, description, PDQ
// threshold, active), importing a file of hashes into it (import-panel.tsx), exporting it, its import history,
// and deleting it once its name is typed again.
import './banks.css';
import type { TBank, TBankDetail } from '@abri/contracts';
import { type FormEvent, useRef, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { useTranslation } from '../../i18n/index.ts';
import { CheckboxField, focusFirstInvalid, SubmitButton, TextField } from '../../ui/fields.tsx';
import { usePageTitle } from '../../ui/page-title.ts';
import { useLoad } from '../../ui/use-load.ts';
import { formatDateTime } from '../format.ts';
import { ConsoleLoading } from '../session.tsx';
import { bankLinks, banksApi } from './api.ts';
import { type BankDraft, draftOf, draftProblems, updateOf } from './bank-draft.ts';
import { BankDescriptionFields, bankFieldLabels } from './bank-fields.tsx';
import { BankImports } from './bank-imports.tsx';
import { BanksError, fieldErrors } from './banks-error.tsx';
import { type BanksPageState, countsText } from './display.ts';
import { useBanksT } from './i18n.ts';
import { ImportPanel } from './import-panel.tsx';
import { isBlockingKind } from './media-check.ts';

export default function BankPage() {
  const t = useBanksT();
  const { t: tt } = useTranslation();
  const { id = '' } = useParams();
  const location = useLocation();
  const created = ((location.state ?? {}) as BanksPageState).created;
  const { data: bank, setData, error, reload } = useLoad(() => banksApi.detail(id), [id]);
  const [message, setMessage] = useState('');
  const messageRef = useRef<HTMLDivElement>(null);
  usePageTitle(bank ? t('detail.pageTitle', { name: bank.name }) : t('list.title'), tt('console.brand'));

  const back = (
    <p className="banks-breadcrumb">
      <Link to="/console/admin/banks">{t('detail.back')}</Link>
    </p>
  );
  if (error && !bank) {
    return (
      <div className="banks">
        {back}
        <h1>{t('detail.notLoaded')}</h1>
        <BanksError error={error} onRetry={() => void reload()} />
      </div>
    );
  }
  if (!bank) return <ConsoleLoading />;

  const saved = (updated: TBank, text: string) => {
    setData((current) => (current ? { ...current, ...updated } : current));
    setMessage(text);
    window.setTimeout(() => messageRef.current?.focus(), 0);
  };

  return (
    <div className="banks">
      {back}
      <h1>{t('detail.heading', { name: bank.name })}</h1>
      <div className="banks-message" role="status" ref={messageRef} tabIndex={-1} data-testid="banks-message">
        {message ? (
          <p className="notice notice--success">{message}</p>
        ) : (
          created === bank.name && (
            <p className="notice notice--success">{t('create.created', { name: bank.name })}</p>
          )
        )}
      </div>
      <BanksError error={error} onRetry={() => void reload()} />
      <BankFacts bank={bank} />
      <div className="banks-layout">
        <div className="banks-layout__main">
          <ImportPanel bank={bank} onImported={() => void reload()} />
        </div>
        <div className="banks-layout__side">
          <EditBank key={`${bank.id}-${bank.updatedAt}`} bank={bank} onSaved={saved} />
          <section className="card" aria-labelledby="banks-export-title">
            <h2 id="banks-export-title">{t('export.title')}</h2>
            <p className="muted">{t('export.hint')}</p>
            <p>
              <a className="button button--secondary" href={bankLinks.export(bank.id)} download>
                {t('export.link', { name: bank.name })}
              </a>
            </p>
          </section>
          <DeleteBank bank={bank} />
        </div>
      </div>
      <BankImports bank={bank} />
    </div>
  );
}

function BankFacts({ bank }: { bank: TBankDetail }) {
  const t = useBanksT();
  const { i18n } = useTranslation();
  const format = new Intl.NumberFormat(i18n.language);
  return (
    <section className="card" aria-labelledby="banks-facts-title" data-testid="banks-facts">
      <h2 id="banks-facts-title">{t('detail.factsTitle')}</h2>
      <dl className="banks-facts">
        <div>
          <dt>{t('form.kind')}</dt>
          <dd>
            {t(`kindOption.${bank.kind}`)}
            {isBlockingKind(bank.kind) && <span className="banks-blocking">{t('blocking')}</span>}
          </dd>
        </div>
        <div>
          <dt>{t('form.source')}</dt>
          <dd>{bank.source}</dd>
        </div>
        <div>
          <dt>{t('list.colCounts')}</dt>
          <dd>
            <ul className="plain-list banks-counts">
              {countsText(t, bank, i18n.language).map((text) => (
                <li key={text}>{text}</li>
              ))}
            </ul>
          </dd>
        </div>
        <div>
          <dt>{t('list.colMatched')}</dt>
          <dd>{format.format(bank.matchedImages)}</dd>
        </div>
        <div>
          <dt>{t('form.threshold')}</dt>
          <dd>{bank.pdqMaxDistance}</dd>
        </div>
        <div>
          <dt>{t('list.colActive')}</dt>
          <dd>{bank.active ? t('list.active') : t('list.inactive')}</dd>
        </div>
        <div>
          <dt>{t('detail.createdAt')}</dt>
          <dd>{formatDateTime(bank.createdAt, i18n.language)}</dd>
        </div>
        <div>
          <dt>{t('detail.updatedAt')}</dt>
          <dd>{formatDateTime(bank.updatedAt, i18n.language)}</dd>
        </div>
      </dl>
      {bank.description ? (
        <p className="preserve-lines banks-break">{bank.description}</p>
      ) : (
        <p className="muted">{t('detail.noDescription')}</p>
      )}
    </section>
  );
}

function EditBank({ bank, onSaved }: { bank: TBank; onSaved: (bank: TBank, message: string) => void }) {
  const t = useBanksT();
  const [draft, setDraft] = useState<BankDraft>(() => draftOf(bank));
  const [checked, setChecked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [unchanged, setUnchanged] = useState(false);
  const problems = checked ? draftProblems(draft, false) : {};
  const server = fieldErrors(error);
  const set =
    <K extends keyof BankDraft>(key: K) =>
    (value: BankDraft[K]) => {
      setUnchanged(false);
      setDraft((current) => ({ ...current, [key]: value }));
    };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (Object.keys(draftProblems(draft, false)).length > 0) {
      focusFirstInvalid(event.currentTarget as HTMLFormElement);
      return;
    }
    const update = updateOf(bank, draft);
    if (Object.keys(update).length === 0) {
      setUnchanged(true);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onSaved(await banksApi.update(bank.id, update), t('edit.saved'));
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="banks-edit-title" data-testid="banks-edit">
      <h2 id="banks-edit-title">{t('edit.title')}</h2>
      <form
        className="form"
        onSubmit={(event) => void submit(event)}
        noValidate
        aria-labelledby="banks-edit-title"
      >
        <BankDescriptionFields draft={draft} set={set} problems={problems} server={server} />
        <div className="field">
          <CheckboxField
            label={t('form.active')}
            checked={draft.active}
            aria-describedby="banks-active-hint"
            onChange={(event) => set('active')(event.target.checked)}
          />
          <p id="banks-active-hint" className="field__hint">
            {t('form.activeHint')}
          </p>
        </div>
        <div aria-live="polite">{unchanged && <p className="muted">{t('edit.unchanged')}</p>}</div>
        <BanksError error={error} labels={bankFieldLabels(t)} />
        <div className="actions">
          <SubmitButton busy={busy}>{t('edit.submit')}</SubmitButton>
        </div>
      </form>
    </section>
  );
}

function DeleteBank({ bank }: { bank: TBank }) {
  const t = useBanksT();
  const navigate = useNavigate();
  const [typed, setTyped] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (typed.trim() !== bank.name) {
      setMismatch(true);
      focusFirstInvalid(event.currentTarget as HTMLFormElement);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await banksApi.remove(bank.id);
      void navigate('/console/admin/banks', { state: { deleted: bank.name } satisfies BanksPageState });
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };
  return (
    <section className="card banks-danger" aria-labelledby="banks-delete-title" data-testid="banks-delete">
      <h2 id="banks-delete-title">{t('delete.title')}</h2>
      <p>{t('delete.warning')}</p>
      <form
        className="form"
        onSubmit={(event) => void submit(event)}
        noValidate
        aria-labelledby="banks-delete-title"
      >
        <TextField
          label={t('delete.confirm', { name: bank.name })}
          autoComplete="off"
          spellCheck={false}
          autoCapitalize="none"
          value={typed}
          error={mismatch ? t('delete.mismatch') : null}
          onChange={(event) => {
            setTyped(event.target.value);
            setMismatch(false);
          }}
        />
        <BanksError error={error} />
        <div className="actions">
          <button
            type="submit"
            className="button button--danger"
            disabled={busy}
            aria-busy={busy || undefined}
          >
            {t('delete.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
