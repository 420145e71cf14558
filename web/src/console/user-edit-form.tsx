import type { TRole, TUser } from '@abri/contracts';
import { type FormEvent, useState } from 'react';
import { api } from '../api/client.ts';
import { useTranslation } from '../i18n/index.ts';
import { ErrorMessage } from '../ui/error-message.tsx';
import { CheckboxField, SubmitButton, TextField } from '../ui/fields.tsx';
import { RoleCheckboxes } from './role-checkboxes.tsx';

/** Edit display name, alias, e-mail, roles and the disabled flag; sends only what changed. */
export function EditUserForm({
  user,
  onSaved,
  onCancel,
}: {
  user: TUser;
  onSaved: (user: TUser) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [displayName, setDisplayName] = useState(user.displayName);
  const [alias, setAlias] = useState(user.alias ?? '');
  const [email, setEmail] = useState(user.email ?? '');
  const [team, setTeam] = useState(user.team ?? '');
  const [roles, setRoles] = useState<TRole[]>(user.roles);
  const [disabled, setDisabled] = useState(user.disabled);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const title = t('console.users.editTitle', { username: user.username });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (roles.length === 0) return;
    const patch: Record<string, unknown> = {};
    if (displayName.trim() !== user.displayName) patch.displayName = displayName.trim();
    const nextAlias = alias.trim() === '' ? null : alias.trim();
    if (nextAlias !== user.alias) patch.alias = nextAlias;
    const nextEmail = email.trim() === '' ? null : email.trim();
    if (nextEmail !== user.email) patch.email = nextEmail;
    const nextTeam = team.trim() === '' ? null : team.trim();
    if (nextTeam !== user.team) patch.team = nextTeam;
    if (roles.join() !== user.roles.join()) patch.roles = roles;
    if (disabled !== user.disabled) patch.disabled = disabled;
    if (Object.keys(patch).length === 0) {
      onCancel();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onSaved(await api.patch<TUser>(`/api/admin/users/${user.id}`, patch));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form form--inline-card" onSubmit={(event) => void submit(event)} aria-label={title}>
      <h3>{title}</h3>
      <div className="form-grid">
        <TextField
          label={t('console.users.displayName')}
          value={displayName}
          onChange={(event) => setDisplayName(event.target.value)}
          required
          maxLength={100}
        />
        <TextField
          label={t('console.users.alias')}
          hint={t('console.users.aliasHint')}
          value={alias}
          onChange={(event) => setAlias(event.target.value)}
          maxLength={40}
        />
        <TextField
          label={t('console.users.email')}
          type="email"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          maxLength={254}
        />
        <TextField
          label={t('console.users.team')}
          hint={t('console.users.teamHint')}
          value={team}
          onChange={(event) => setTeam(event.target.value)}
          maxLength={60}
        />
      </div>
      <RoleCheckboxes
        legend={t('console.users.roles')}
        value={roles}
        onChange={setRoles}
        error={roles.length === 0 ? t('console.users.rolesRequired') : null}
      />
      <CheckboxField
        label={t('console.users.disabledLabel')}
        checked={disabled}
        onChange={(event) => setDisabled(event.target.checked)}
      />
      <ErrorMessage error={error} />
      <div className="actions">
        <SubmitButton busy={busy}>{t('common.save')}</SubmitButton>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
