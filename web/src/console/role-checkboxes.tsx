import type { TRole } from '@abri/contracts';
import { useTranslation } from '../i18n/index.ts';
import { CheckboxField } from '../ui/fields.tsx';
import { ROLES } from './constants.ts';

/** One checkbox per role, labelled with the role's name ("Écoutant·e", "Analyste", ...). */
export function RoleCheckboxes({
  legend,
  value,
  onChange,
  error,
  locked = [],
}: {
  legend: string;
  value: readonly TRole[];
  onChange: (roles: TRole[]) => void;
  error?: string | null;
  /** Roles shown checked and not changeable. */
  locked?: readonly TRole[];
}) {
  const { t } = useTranslation();
  const toggle = (role: TRole, checked: boolean) => {
    const next = new Set(value);
    if (checked) next.add(role);
    else next.delete(role);
    onChange(ROLES.filter((candidate) => next.has(candidate)));
  };
  return (
    <fieldset className="fieldset">
      <legend>{legend}</legend>
      <div className="checkbox-row">
        {ROLES.map((role) => (
          <CheckboxField
            key={role}
            label={t(`roles.${role}`)}
            checked={locked.includes(role) || value.includes(role)}
            disabled={locked.includes(role)}
            onChange={(event) => toggle(role, event.target.checked)}
          />
        ))}
      </div>
      {error && <p className="field__error">{error}</p>}
    </fieldset>
  );
}
