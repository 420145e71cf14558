// Turning on two-step verification: ask the server for a secret, show it as a QR code and as text,
// check a first code, then show the recovery codes once. Used at login (totp_enrol) and on the account page.
import type { TSessionInfo } from '@abri/contracts';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { api } from '../api/client.ts';
import { useTranslation } from '../i18n/index.ts';
import { CopyButton } from '../ui/copy-button.tsx';
import { ErrorMessage } from '../ui/error-message.tsx';
import { SubmitButton, TextField } from '../ui/fields.tsx';

type SetupResponse = { secret: string; otpauthUrl: string; qrCodeDataUrl: string };
type EnableResponse = { recoveryCodes: string[]; session: TSessionInfo };

export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="card card--warning" aria-labelledby="recovery-title">
      <h2 id="recovery-title">{t('console.totp.recoveryTitle')}</h2>
      <p>{t('console.totp.recoveryIntro')}</p>
      <ol className="codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <div className="actions">
        <CopyButton text={codes.join('\n')} label={t('console.totp.copyCodes')} />
        <button type="button" className="button button--primary" onClick={onDone}>
          {t('console.totp.saved')}
        </button>
      </div>
    </section>
  );
}

/** The whole enrolment; `onDone` receives the session the server returned, once the codes are saved. */
export function TotpSetup({ onDone }: { onDone: (session: TSessionInfo) => void }) {
  const { t } = useTranslation();
  const [setup, setSetup] = useState<SetupResponse | null>(null);
  const [setupError, setSetupError] = useState<unknown>(null);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [enabled, setEnabled] = useState<EnableResponse | null>(null);
  // Each setup call makes a new secret: ask once per screen, even when React runs effects twice.
  const requested = useRef(false);

  const start = () => {
    requested.current = true;
    setSetupError(null);
    api
      .post<SetupResponse>('/api/auth/totp/setup')
      .then(setSetup)
      .catch((caught: unknown) => setSetupError(caught));
  };

  useEffect(() => {
    if (!requested.current) start();
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setEnabled(await api.post<EnableResponse>('/api/auth/totp/enable', { code: code.trim() }));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  if (enabled) return <RecoveryCodes codes={enabled.recoveryCodes} onDone={() => onDone(enabled.session)} />;
  if (setupError) return <ErrorMessage error={setupError} onRetry={start} />;
  if (!setup) {
    return (
      <p className="loading" role="status">
        {t('console.totp.preparing')}
      </p>
    );
  }

  return (
    <div className="totp-setup">
      <p>{t('console.totp.enrolIntro')}</p>
      <img
        className="totp-setup__qr"
        src={setup.qrCodeDataUrl}
        alt={t('console.totp.qrAlt')}
        width={200}
        height={200}
      />
      <p>{t('console.totp.secretLabel')}</p>
      <p>
        <code className="secret">{setup.secret}</code>
      </p>
      <form
        className="form"
        onSubmit={(event) => void submit(event)}
        aria-label={t('console.totp.enrolTitle')}
      >
        <TextField
          label={t('console.totp.code')}
          hint={t('console.totp.codeHint')}
          inputMode="numeric"
          autoComplete="one-time-code"
          value={code}
          onChange={(event) => setCode(event.target.value)}
          required
          maxLength={32}
        />
        <ErrorMessage error={error} />
        <SubmitButton busy={busy}>{t('console.totp.enable')}</SubmitButton>
      </form>
    </div>
  );
}
