// Choosing a new password: used for the forced change at first login, the change from the account
// page and the reset link. Checks length and confirmation here; the server refuses weak or common ones.
import { type FormEvent, useState } from 'react';
import { useTranslation } from '../i18n/index.ts';
import { ErrorMessage } from '../ui/error-message.tsx';
import { SubmitButton, TextField } from '../ui/fields.tsx';
import { PASSWORD_MIN_LENGTH } from './constants.ts';

type Props = {
  /** Ask for the current password too (change from the account page). */
  withCurrent?: boolean;
  onSubmit: (passwords: { currentPassword?: string; newPassword: string }) => Promise<void>;
  submitLabel?: string;
};

export function PasswordForm({ withCurrent = false, onSubmit, submitLabel }: Props) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [checked, setChecked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const tooShort = password.length < PASSWORD_MIN_LENGTH;
  const mismatch = password !== confirm;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    setError(null);
    if (tooShort || mismatch) return;
    setBusy(true);
    try {
      await onSubmit(
        withCurrent ? { currentPassword: current, newPassword: password } : { newPassword: password },
      );
      setCurrent('');
      setPassword('');
      setConfirm('');
      setChecked(false);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form" onSubmit={(event) => void submit(event)} noValidate>
      {withCurrent && (
        <TextField
          label={t('console.password.current')}
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(event) => setCurrent(event.target.value)}
          required
        />
      )}
      <TextField
        label={t('console.password.new')}
        hint={t('console.password.policy', { min: PASSWORD_MIN_LENGTH })}
        error={checked && tooShort ? t('console.password.tooShort', { min: PASSWORD_MIN_LENGTH }) : null}
        type="password"
        autoComplete="new-password"
        value={password}
        onChange={(event) => setPassword(event.target.value)}
        minLength={PASSWORD_MIN_LENGTH}
        required
      />
      <TextField
        label={t('console.password.confirm')}
        error={checked && !tooShort && mismatch ? t('console.password.mismatch') : null}
        type="password"
        autoComplete="new-password"
        value={confirm}
        onChange={(event) => setConfirm(event.target.value)}
        required
      />
      <ErrorMessage error={error} />
      <SubmitButton busy={busy}>{submitLabel ?? t('console.password.submit')}</SubmitButton>
    </form>
  );
}
