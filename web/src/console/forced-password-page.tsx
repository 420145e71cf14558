import type { TSessionInfo } from '@abri/contracts';
import { useNavigate } from 'react-router';
import { api } from '../api/client.ts';
import { useTranslation } from '../i18n/index.ts';
import { usePageTitle } from '../ui/page-title.ts';
import { PasswordForm } from './password-form.tsx';
import { routeForStage, useSession } from './session.tsx';

/** First login (or after an administrator's reset): the given password must be replaced. */
export default function ForcedPasswordPage() {
  const { t } = useTranslation();
  usePageTitle(t('console.forcedPassword.title'), t('console.brand'));
  const { setSession } = useSession();
  const navigate = useNavigate();
  return (
    <>
      <h1>{t('console.forcedPassword.title')}</h1>
      <p>{t('console.forcedPassword.intro')}</p>
      <div className="card">
        <PasswordForm
          onSubmit={async ({ newPassword }) => {
            const next = await api.post<TSessionInfo>('/api/auth/password', { newPassword });
            setSession(next);
            void navigate(routeForStage(next.stage), { replace: true });
          }}
        />
      </div>
    </>
  );
}
