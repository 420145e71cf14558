import type { TSessionInfo } from '@abri/contracts';
import { type FormEvent, useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { api } from '../api/client.ts';
import { useTranslation } from '../i18n/index.ts';
import { ErrorMessage, SuccessMessage } from '../ui/error-message.tsx';
import { SubmitButton, TextField } from '../ui/fields.tsx';
import { usePageTitle } from '../ui/page-title.ts';
import { ConsoleLoading, routeForStage, useSession } from './session.tsx';

export default function LoginPage() {
  const { t } = useTranslation();
  usePageTitle(t('console.login.title'), t('console.brand'));
  const { session, setSession, sessionEnded, bootstrapError } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const resetDone = (location.state as { reset?: boolean } | null)?.reset === true;
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  if (session === undefined) return <ConsoleLoading />;
  if (session && !busy) return <Navigate to={routeForStage(session.stage)} replace />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const next = await api.post<TSessionInfo>('/api/auth/login', { username, password });
      setSession(next);
      void navigate(routeForStage(next.stage), { replace: true });
    } catch (caught) {
      setError(caught);
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h1>{t('console.login.title')}</h1>
      {resetDone && <SuccessMessage>{t('console.login.resetDone')}</SuccessMessage>}
      {sessionEnded && !error && <p className="notice notice--info">{t('console.login.sessionEnded')}</p>}
      {bootstrapError && !error ? <ErrorMessage error={bootstrapError} /> : null}
      <form
        className="form card"
        onSubmit={(event) => void submit(event)}
        aria-label={t('console.login.title')}
      >
        <TextField
          label={t('console.login.username')}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          value={username}
          onChange={(event) => setUsername(event.target.value)}
          required
          maxLength={64}
        />
        <TextField
          label={t('console.login.password')}
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          required
          maxLength={256}
        />
        <ErrorMessage error={error} />
        <SubmitButton busy={busy}>{t('console.login.submit')}</SubmitButton>
      </form>
    </>
  );
}
