import type { TSessionInfo } from '@abri/contracts';
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../api/client.ts';
import { useTranslation } from '../i18n/index.ts';
import { ErrorMessage } from '../ui/error-message.tsx';
import { SubmitButton, TextField } from '../ui/fields.tsx';
import { usePageTitle } from '../ui/page-title.ts';
import { routeForStage, useSession } from './session.tsx';
import { TotpSetup } from './totp-setup.tsx';

/** Login stage totp_enrol: two-step verification is mandatory for this person's role. */
export function TotpEnrolPage() {
  const { t } = useTranslation();
  usePageTitle(t('console.totp.enrolTitle'), t('console.brand'));
  const { setSession } = useSession();
  const navigate = useNavigate();
  return (
    <>
      <h1>{t('console.totp.enrolTitle')}</h1>
      <p>{t('console.totp.enrolWhy')}</p>
      <div className="card">
        <TotpSetup
          onDone={(session) => {
            setSession(session);
            void navigate(routeForStage(session.stage), { replace: true });
          }}
        />
      </div>
    </>
  );
}

/** Login stage totp_verify: a code from the app, or a recovery code. */
export function TotpVerifyPage() {
  const { t } = useTranslation();
  usePageTitle(t('console.totp.verifyTitle'), t('console.brand'));
  const { setSession } = useSession();
  const navigate = useNavigate();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const next = await api.post<TSessionInfo>('/api/auth/totp/verify', { code: code.trim() });
      setSession(next);
      void navigate(routeForStage(next.stage), { replace: true });
    } catch (caught) {
      setError(caught);
      setCode('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h1>{t('console.totp.verifyTitle')}</h1>
      <p>{t('console.totp.verifyIntro')}</p>
      <form
        className="form card"
        onSubmit={(event) => void submit(event)}
        aria-label={t('console.totp.verifyTitle')}
      >
        <TextField
          label={t('console.totp.code')}
          hint={t('console.totp.verifyHint')}
          autoComplete="one-time-code"
          autoCapitalize="none"
          spellCheck={false}
          value={code}
          onChange={(event) => setCode(event.target.value)}
          required
          maxLength={32}
        />
        <ErrorMessage error={error} />
        <SubmitButton busy={busy}>{t('console.totp.verify')}</SubmitButton>
      </form>
    </>
  );
}
