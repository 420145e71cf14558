// The warning shown whenever two-step verification is relaxed for a role: on the settings page (with what it
// means) and on every administrator's home page (with a link to the settings).
import type { TRole } from '@abri/contracts';
import type { ReactNode } from 'react';
import { useTranslation } from '../i18n/index.ts';

export function TotpRelaxedWarning({
  relaxed,
  short = false,
  children,
}: {
  relaxed: readonly TRole[];
  /** The home page's one line instead of the settings page's explanation. */
  short?: boolean;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  if (relaxed.length === 0) return null;
  const roles = relaxed.map((role) => t(`roles.${role}`)).join(', ');
  return (
    <div className="notice notice--warning" role="status">
      <p className="notice__text">
        <strong>
          {short
            ? t('console.home.totpRelaxedWarning', { roles })
            : t('console.settings.totpRelaxedWarning', { roles })}
        </strong>
      </p>
      {children}
    </div>
  );
}
