import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../api/client.ts';
import { useTranslation } from '../i18n/index.ts';
import { usePageTitle } from '../ui/page-title.ts';
import { PasswordForm } from './password-form.tsx';

/** A one-time link issued by an administrator: choose a new password, then log in. */
export default function ResetPage() {
  const { t } = useTranslation();
  usePageTitle(t('console.reset.title'), t('console.brand'));
  const { token = '' } = useParams();
  const navigate = useNavigate();
  return (
    <>
      <h1>{t('console.reset.title')}</h1>
      <p>{t('console.reset.intro')}</p>
      <div className="card">
        <PasswordForm
          onSubmit={async ({ newPassword }) => {
            await api.post('/api/auth/reset', { token, newPassword });
            void navigate('/console/login', { replace: true, state: { reset: true } });
          }}
        />
      </div>
      <p>
        <Link to="/console/login">{t('console.reset.toLogin')}</Link>
      </p>
    </>
  );
}
