// The directory of foreign hotlines (INHOPE network) analysts transfer items to, a section of
// /console/admin/hosting: each hotline's transfer address, its website and whether transfers may use it.
// The shipped directory has no e-mail address at all, so nothing can be transferred until an administrator
// fills them in. One row is edited at a time, in place; the server checks the addresses and audits each change.
import type { TForeignHotline } from '@abri/contracts';
import { type FormEvent, Fragment, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from '../../i18n/index.ts';
import { CheckboxField, SubmitButton, TextField } from '../../ui/fields.tsx';
import { TableWrap } from '../../ui/table-wrap.tsx';
import { useLoad } from '../../ui/use-load.ts';
import { type ForeignHotlineUpdate, hotlineApi } from './api.ts';
import { countryName, openableUrl } from './display.ts';
import { fieldErrors, HotlineError } from './hotline-error.tsx';
import { useHotlineT } from './i18n.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const COLUMNS = 6;

/** The form's text as the API takes it: an empty field is null. */
function updateOf(email: string, url: string, active: boolean): ForeignHotlineUpdate {
  return { email: email.trim() || null, url: url.trim() || null, active };
}

export function ForeignHotlinesEditor() {
  const t = useHotlineT();
  const { t: tt, i18n } = useTranslation();
  const id = useId();
  const { data: hotlines, setData, error, reload } = useLoad(() => hotlineApi.foreignHotlines(), []);
  const [editing, setEditing] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const editButtons = useRef(new Map<string, HTMLButtonElement>());
  // Where the focus goes back once a form closes (its row's edit button).
  const [returnTo, setReturnTo] = useState<string | null>(null);

  useEffect(() => {
    if (returnTo === null) return;
    editButtons.current.get(returnTo)?.focus();
    setReturnTo(null);
  }, [returnTo]);

  const close = (code: string) => {
    setEditing(null);
    setReturnTo(code);
  };
  const saved = (hotline: TForeignHotline) => {
    setData((current) => (current ?? []).map((entry) => (entry.code === hotline.code ? hotline : entry)));
    setMessage(t('directory.saved', { name: hotline.name }));
    close(hotline.code);
  };

  const missing = (hotlines ?? []).filter((hotline) => hotline.active && !hotline.email).length;
  const titleId = `${id}-title`;
  return (
    <section className="card hotline-directory" aria-labelledby={titleId} data-testid="hotline-directory">
      <h2 id={titleId}>{t('directory.title')}</h2>
      <p>{t('directory.intro')}</p>
      <HotlineError error={error} onRetry={() => void reload()} />
      {!hotlines && !error && (
        <p className="loading" role="status">
          {tt('common.loading')}
        </p>
      )}
      {hotlines && hotlines.length === 0 && <p>{t('directory.empty')}</p>}
      {missing > 0 && (
        <p className="notice notice--info" data-testid="hotline-directory-missing">
          {t('directory.missing', { count: missing })}
        </p>
      )}
      <div aria-live="polite">
        {message && (
          <p className="notice notice--success" data-testid="hotline-directory-message">
            {message}
          </p>
        )}
      </div>
      {hotlines && hotlines.length > 0 && (
        <TableWrap label={t('directory.caption')}>
          <table className="table table--dense">
            <caption>{t('directory.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('directory.colName')}</th>
                <th scope="col">{t('directory.colCountries')}</th>
                <th scope="col">{t('directory.colEmail')}</th>
                <th scope="col">{t('directory.colUrl')}</th>
                <th scope="col">{t('directory.colActive')}</th>
                <th scope="col">{t('directory.colActions')}</th>
              </tr>
            </thead>
            <tbody>
              {hotlines.map((hotline) => {
                const open = editing === hotline.code;
                const formRow = `${id}-${hotline.code}-form`;
                const website = openableUrl(hotline.url);
                return (
                  <Fragment key={hotline.code}>
                    <tr data-testid="hotline-directory-row">
                      <th scope="row" className="hotline-directory__name">
                        {hotline.name}
                        <br />
                        <code className="muted">{hotline.code}</code>
                      </th>
                      <td>
                        <ul className="plain-list">
                          {hotline.countries.map((country) => (
                            <li key={country}>{countryName(country, i18n.language)}</li>
                          ))}
                        </ul>
                      </td>
                      <td className="hotline-directory__address">
                        {hotline.email ?? <span className="muted">{t('directory.noEmail')}</span>}
                      </td>
                      <td className="hotline-directory__address">
                        {website ? (
                          <a href={website} target="_blank" rel="noreferrer noopener">
                            {hotline.url}
                            <span className="visually-hidden"> {t('directory.newTab')}</span>
                          </a>
                        ) : (
                          (hotline.url ?? <span className="muted">{t('directory.noUrl')}</span>)
                        )}
                      </td>
                      <td>{hotline.active ? t('directory.isActive') : t('directory.isInactive')}</td>
                      <td>
                        <button
                          type="button"
                          className="button button--small"
                          aria-expanded={open}
                          aria-controls={open ? formRow : undefined}
                          data-testid="hotline-directory-edit"
                          ref={(button) => {
                            if (button) editButtons.current.set(hotline.code, button);
                            else editButtons.current.delete(hotline.code);
                          }}
                          onClick={() => {
                            setMessage(null);
                            if (open) close(hotline.code);
                            else setEditing(hotline.code);
                          }}
                        >
                          {t('directory.edit')}
                          <span className="visually-hidden"> {hotline.name}</span>
                        </button>
                      </td>
                    </tr>
                    {open && (
                      <tr id={formRow}>
                        <td colSpan={COLUMNS}>
                          <HotlineForm
                            hotline={hotline}
                            onCancel={() => close(hotline.code)}
                            onSaved={saved}
                          />
                        </td>
                      </tr>
                    )}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}

function HotlineForm({
  hotline,
  onCancel,
  onSaved,
}: {
  hotline: TForeignHotline;
  onCancel: () => void;
  onSaved: (hotline: TForeignHotline) => void;
}) {
  const t = useHotlineT();
  const [email, setEmail] = useState(hotline.email ?? '');
  const [url, setUrl] = useState(hotline.url ?? '');
  const [active, setActive] = useState(hotline.active);
  const [invalid, setInvalid] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const form = useRef<HTMLFormElement>(null);
  const server = fieldErrors(error);
  // The server's refusals are said in the interface's language; the alert below lists them too.
  const errors: Record<string, string | undefined> = {
    email: invalid.email ?? (server.email ? t('directory.emailInvalid') : undefined),
    url: invalid.url ?? (server.url ? t('directory.urlInvalid') : undefined),
  };

  useEffect(() => {
    form.current?.querySelector<HTMLInputElement>('input')?.focus();
  }, []);

  const focusFirstInvalid = () =>
    window.setTimeout(() => form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const update = updateOf(email, url, active);
    const found: Record<string, string> = {};
    if (update.email !== null && (!EMAIL.test(update.email) || update.email.length > 254)) {
      found.email = t('directory.emailInvalid');
    }
    if (update.url !== null && (!openableUrl(update.url) || update.url.length > 500)) {
      found.url = t('directory.urlInvalid');
    }
    setInvalid(found);
    if (Object.keys(found).length > 0) {
      setError(null);
      focusFirstInvalid();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onSaved(await hotlineApi.updateForeignHotline(hotline.code, update));
    } catch (caught) {
      setError(caught);
      focusFirstInvalid();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      ref={form}
      className="form form--inline-card hotline-directory__form"
      onSubmit={(event) => void submit(event)}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !busy) {
          event.preventDefault();
          onCancel();
        }
      }}
      noValidate
      aria-label={t('directory.formLabel', { name: hotline.name })}
      data-testid="hotline-directory-form"
    >
      <TextField
        label={t('directory.email')}
        hint={t('directory.emailHint')}
        type="email"
        inputMode="email"
        autoComplete="off"
        spellCheck={false}
        maxLength={254}
        value={email}
        error={errors.email}
        onChange={(event) => setEmail(event.target.value)}
      />
      <TextField
        label={t('directory.url')}
        hint={t('directory.urlHint')}
        type="url"
        inputMode="url"
        autoComplete="off"
        spellCheck={false}
        maxLength={500}
        value={url}
        error={errors.url}
        onChange={(event) => setUrl(event.target.value)}
      />
      <CheckboxField
        label={t('directory.active')}
        checked={active}
        onChange={(event) => setActive(event.target.checked)}
      />
      <HotlineError
        error={error}
        labels={{
          email: t('directory.email'),
          url: t('directory.url'),
          active: t('directory.active'),
        }}
      />
      <div className="actions">
        <SubmitButton busy={busy}>{t('directory.save')}</SubmitButton>
        <button type="button" className="button button--secondary" onClick={onCancel} disabled={busy}>
          {t('directory.cancel')}
        </button>
      </div>
    </form>
  );
}
