// The person's own account: the name children see in the chat, password, two-step verification, sessions.
import type { TSessionInfo } from '@abri/contracts';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { api } from '../api/client.ts';
import { useTranslation } from '../i18n/index.ts';
import { ErrorMessage, SuccessMessage } from '../ui/error-message.tsx';
import { SubmitButton, TextField } from '../ui/fields.tsx';
import { usePageTitle } from '../ui/page-title.ts';
import { TableWrap } from '../ui/table-wrap.tsx';
import { formatDateTime } from './format.ts';
import { PasswordForm } from './password-form.tsx';
import { hasAbility, useActiveSession, useSession } from './session.tsx';
import { RecoveryCodes, TotpSetup } from './totp-setup.tsx';

type OwnSession = {
  id: string;
  current: boolean;
  createdAt: string;
  lastSeenAt: string;
  userAgent: string | null;
};

export default function AccountPage() {
  const { t } = useTranslation();
  usePageTitle(t('console.account.title'), t('console.brand'));
  const session = useActiveSession();
  return (
    <>
      <h1>{t('console.account.title')}</h1>
      {hasAbility(session, 'helpline.answer') && <AliasSection />}
      <PasswordSection />
      <TotpSection />
      <SessionsSection />
    </>
  );
}

/** The alias: what children see of this person in the chat, never the account's name. */
function AliasSection() {
  const { t } = useTranslation();
  const session = useActiveSession();
  const { setSession } = useSession();
  const [alias, setAlias] = useState(session.user.alias ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      const next = await api.patch<TSessionInfo>('/api/auth/account', {
        alias: alias.trim() === '' ? null : alias.trim(),
      });
      setSession(next);
      setAlias(next.user.alias ?? '');
      setSaved(true);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="alias-title">
      <h2 id="alias-title">{t('console.account.aliasTitle')}</h2>
      <p>{t('console.account.aliasIntro')}</p>
      <p>
        <strong>
          {session.user.alias
            ? t('console.account.aliasCurrent', { alias: session.user.alias })
            : t('console.account.aliasNone')}
        </strong>
      </p>
      {saved && <SuccessMessage>{t('console.account.aliasSaved')}</SuccessMessage>}
      <form className="form" onSubmit={(event) => void submit(event)} aria-labelledby="alias-title">
        <TextField
          label={t('console.account.aliasLabel')}
          hint={t('console.account.aliasHint')}
          value={alias}
          onChange={(event) => setAlias(event.target.value)}
          maxLength={40}
        />
        <ErrorMessage error={error} />
        <div className="actions">
          <SubmitButton busy={busy}>{t('console.account.aliasSave')}</SubmitButton>
        </div>
      </form>
    </section>
  );
}

function PasswordSection() {
  const { t } = useTranslation();
  const { setSession } = useSession();
  const [done, setDone] = useState(false);
  return (
    <section className="card" aria-labelledby="password-title">
      <h2 id="password-title">{t('console.account.passwordTitle')}</h2>
      {done && <SuccessMessage>{t('console.password.changed')}</SuccessMessage>}
      <PasswordForm
        withCurrent
        onSubmit={async (passwords) => {
          setDone(false);
          setSession(await api.post<TSessionInfo>('/api/auth/password', passwords));
          setDone(true);
        }}
      />
    </section>
  );
}

function TotpSection() {
  const { t } = useTranslation();
  const session = useActiveSession();
  const { setSession } = useSession();
  const [enrolling, setEnrolling] = useState(false);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const action = submitter instanceof HTMLButtonElement ? submitter.value : 'regenerate';
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      if (action === 'disable') {
        setSession(await api.post<TSessionInfo>('/api/auth/totp/disable', { code: code.trim() }));
        setMessage(t('console.account.disabled'));
      } else {
        const response = await api.post<{ recoveryCodes: string[] }>('/api/auth/recovery-codes', {
          code: code.trim(),
        });
        setCodes(response.recoveryCodes);
      }
      setCode('');
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="totp-title">
      <h2 id="totp-title">{t('console.account.totpTitle')}</h2>
      <p>
        <strong>
          {session.user.totpEnabled ? t('console.account.totpOn') : t('console.account.totpOff')}
        </strong>
      </p>
      <SuccessMessage>{message}</SuccessMessage>
      {codes && <RecoveryCodes codes={codes} onDone={() => setCodes(null)} />}
      {!session.user.totpEnabled &&
        (enrolling ? (
          <TotpSetup
            onDone={(next) => {
              setEnrolling(false);
              setSession(next);
            }}
          />
        ) : (
          <button type="button" className="button button--primary" onClick={() => setEnrolling(true)}>
            {t('console.account.totpStart')}
          </button>
        ))}
      {session.user.totpEnabled && !codes && (
        <form
          className="form"
          onSubmit={(event) => void submit(event)}
          aria-label={t('console.account.totpTitle')}
        >
          <TextField
            label={t('console.totp.code')}
            hint={t('console.account.totpManageHint')}
            inputMode="numeric"
            autoComplete="one-time-code"
            value={code}
            onChange={(event) => setCode(event.target.value)}
            required
            maxLength={32}
          />
          <ErrorMessage error={error} />
          <div className="actions">
            <button type="submit" value="regenerate" className="button button--primary" disabled={busy}>
              {t('console.account.regenerate')}
            </button>
            <button type="submit" value="disable" className="button button--danger" disabled={busy}>
              {t('console.account.disable')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function SessionsSection() {
  const { t, i18n } = useTranslation();
  const { refresh } = useSession();
  const [sessions, setSessions] = useState<OwnSession[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    setError(null);
    try {
      const response = await api.get<OwnSession[] | { sessions: OwnSession[] }>('/api/auth/sessions');
      setSessions(Array.isArray(response) ? response : response.sessions);
    } catch (caught) {
      setError(caught);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const logoutEverywhere = async () => {
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      await api.post('/api/auth/logout-everywhere');
      // If the current session was closed too, refresh() finds none and the console goes to login.
      if (await refresh()) {
        setMessage(t('console.account.loggedOutEverywhere'));
        await load();
      }
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card">
      <h2 id="sessions-title">{t('console.account.sessionsTitle')}</h2>
      <p>{t('console.account.sessionsIntro')}</p>
      <SuccessMessage>{message}</SuccessMessage>
      <ErrorMessage error={error} onRetry={() => void load()} />
      {sessions && (
        <TableWrap label={t('console.account.sessionsTitle')}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('console.account.device')}</th>
                <th scope="col">{t('console.account.createdAt')}</th>
                <th scope="col">{t('console.account.lastSeenAt')}</th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((own) => (
                <tr key={own.id}>
                  <td>
                    {own.userAgent || t('console.account.unknownDevice')}
                    {own.current && <strong className="badge">{t('console.account.current')}</strong>}
                  </td>
                  <td>{formatDateTime(own.createdAt, i18n.language)}</td>
                  <td>{formatDateTime(own.lastSeenAt, i18n.language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <div className="actions">
        <button
          type="button"
          className="button button--danger"
          onClick={() => void logoutEverywhere()}
          disabled={busy}
        >
          {t('console.account.logoutEverywhere')}
        </button>
      </div>
    </section>
  );
}
