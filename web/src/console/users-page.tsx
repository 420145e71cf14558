// Accounts (ability users.manage): list, create, edit, unlock, reset two-step verification, reset link.
// Secrets the server returns once (one-time password, reset link) are shown once, with a copy button.
import type { TRole, TUser } from '@abri/contracts';
import { type FormEvent, Fragment, useCallback, useEffect, useState } from 'react';
import { api } from '../api/client.ts';
import { useTranslation } from '../i18n/index.ts';
import { CopyButton } from '../ui/copy-button.tsx';
import { ErrorMessage, SuccessMessage } from '../ui/error-message.tsx';
import { SubmitButton, TextField } from '../ui/fields.tsx';
import { usePageTitle } from '../ui/page-title.ts';
import { TableWrap } from '../ui/table-wrap.tsx';
import { formatDateTime } from './format.ts';
import { RoleCheckboxes } from './role-checkboxes.tsx';
import { EditUserForm } from './user-edit-form.tsx';

type Secret = { title: string; intro: string; value: string; kind: 'password' | 'link' };

export default function UsersPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('console.users.title'), t('console.brand'));
  const [users, setUsers] = useState<TUser[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [secret, setSecret] = useState<Secret | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [editing, setEditing] = useState<string | null>(null);

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      setUsers((await api.get<{ users: TUser[] }>('/api/admin/users')).users);
    } catch (caught) {
      setLoadError(caught);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const replaceUser = (user: TUser) =>
    setUsers((current) => current?.map((existing) => (existing.id === user.id ? user : existing)) ?? [user]);

  const notify = (text: string | null, nextSecret: Secret | null = null) => {
    setMessage(text);
    setSecret(nextSecret);
    setActionError(null);
  };

  const runAction = async (user: TUser, action: 'unlock' | 'reset-totp' | 'reset-link') => {
    notify(null);
    try {
      if (action === 'unlock') {
        const updated = await api.post<TUser | undefined>(`/api/admin/users/${user.id}/unlock`);
        if (updated?.id) replaceUser(updated);
        else await load();
        notify(t('console.users.unlocked', { username: user.username }));
      } else if (action === 'reset-totp') {
        if (!window.confirm(t('console.users.resetTotpConfirm', { username: user.username }))) return;
        const updated = await api.post<TUser | undefined>(`/api/admin/users/${user.id}/reset-totp`);
        if (updated?.id) replaceUser(updated);
        else await load();
        notify(t('console.users.totpReset', { username: user.username }));
      } else {
        const link = await api.post<{ resetUrl: string; expiresAt: string }>(
          `/api/admin/users/${user.id}/reset-link`,
        );
        const resetUrl = new URL(link.resetUrl, window.location.origin).toString();
        notify(null, {
          title: t('console.users.resetLinkTitle', { username: user.username }),
          intro: t('console.users.resetLinkIntro', { when: formatDateTime(link.expiresAt, i18n.language) }),
          value: resetUrl,
          kind: 'link',
        });
      }
    } catch (caught) {
      setActionError(caught);
    }
  };

  return (
    <>
      <h1>{t('console.users.title')}</h1>
      <CreateUserForm
        onCreated={(user, oneTimePassword) => {
          setUsers((current) => [...(current ?? []), user]);
          notify(t('console.users.created', { username: user.username }), {
            title: t('console.users.oneTimePassword'),
            intro: t('console.users.oneTimePasswordIntro'),
            value: oneTimePassword,
            kind: 'password',
          });
        }}
      />

      <SuccessMessage>{message}</SuccessMessage>
      {secret && (
        <section className="card card--warning" aria-labelledby="secret-title">
          <h2 id="secret-title">{secret.title}</h2>
          <p>{secret.intro}</p>
          <p>
            <code className="secret">{secret.value}</code>
          </p>
          <CopyButton text={secret.value} />
        </section>
      )}
      <ErrorMessage error={actionError} />

      <section className="card">
        <h2 id="users-list-title">{t('console.users.listTitle')}</h2>
        <ErrorMessage error={loadError} onRetry={() => void load()} />
        {users && users.length === 0 && <p>{t('console.users.empty')}</p>}
        {users && users.length > 0 && (
          <UsersTable
            users={users}
            editing={editing}
            onEdit={(id) => setEditing(id === editing ? null : id)}
            onAction={(user, action) => void runAction(user, action)}
            onSaved={(user) => {
              replaceUser(user);
              setEditing(null);
              notify(t('console.users.updated', { username: user.username }));
            }}
          />
        )}
      </section>
    </>
  );
}

function UsersTable({
  users,
  editing,
  onEdit,
  onAction,
  onSaved,
}: {
  users: TUser[];
  editing: string | null;
  onEdit: (id: string) => void;
  onAction: (user: TUser, action: 'unlock' | 'reset-totp' | 'reset-link') => void;
  onSaved: (user: TUser) => void;
}) {
  const { t, i18n } = useTranslation();
  const now = Date.now();
  return (
    <TableWrap label={t('console.users.listTitle')}>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('console.users.colUser')}</th>
            <th scope="col">{t('console.users.colRoles')}</th>
            <th scope="col">{t('console.users.colStatus')}</th>
            <th scope="col">{t('console.users.colLastLogin')}</th>
            <th scope="col">{t('console.users.colActions')}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => {
            const locked = user.lockedUntil !== null && new Date(user.lockedUntil).getTime() > now;
            return (
              <Fragment key={user.id}>
                <tr>
                  <td className="user-cell">
                    {user.displayName}
                    <br />
                    <span className="muted">{user.username}</span>
                    {user.email && (
                      <>
                        <br />
                        <span className="muted">{user.email}</span>
                      </>
                    )}
                  </td>
                  <td>{user.roles.map((role) => t(`roles.${role}`)).join(', ')}</td>
                  <td>
                    <ul className="plain-list">
                      <li>
                        {user.disabled ? t('console.users.statusDisabled') : t('console.users.statusActive')}
                      </li>
                      {locked && (
                        <li>
                          {t('console.users.statusLocked', {
                            when: formatDateTime(user.lockedUntil, i18n.language),
                          })}
                        </li>
                      )}
                      {user.mustChangePassword && <li>{t('console.users.statusMustChange')}</li>}
                      {user.totpEnabled && <li>{t('console.users.statusTotp')}</li>}
                      {user.roles.some((role) => role === 'counsellor' || role === 'supervisor') && (
                        <li>
                          {user.alias
                            ? t('console.users.statusAlias', { alias: user.alias })
                            : t('console.users.statusNoAlias')}
                        </li>
                      )}
                    </ul>
                  </td>
                  <td>
                    {user.lastLoginAt ? formatDateTime(user.lastLoginAt, i18n.language) : t('common.never')}
                  </td>
                  <td>
                    <div className="row-actions">
                      <button
                        type="button"
                        className="button button--small"
                        aria-expanded={editing === user.id}
                        onClick={() => onEdit(user.id)}
                      >
                        {t('console.users.edit')}
                      </button>
                      {locked && (
                        <button
                          type="button"
                          className="button button--small"
                          onClick={() => onAction(user, 'unlock')}
                        >
                          {t('console.users.unlock')}
                        </button>
                      )}
                      {user.totpEnabled && (
                        <button
                          type="button"
                          className="button button--small"
                          onClick={() => onAction(user, 'reset-totp')}
                        >
                          {t('console.users.resetTotp')}
                        </button>
                      )}
                      <button
                        type="button"
                        className="button button--small"
                        onClick={() => onAction(user, 'reset-link')}
                      >
                        {t('console.users.resetLink')}
                      </button>
                    </div>
                  </td>
                </tr>
                {editing === user.id && (
                  <tr>
                    <td colSpan={5}>
                      <EditUserForm user={user} onSaved={onSaved} onCancel={() => onEdit(user.id)} />
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </TableWrap>
  );
}

function CreateUserForm({ onCreated }: { onCreated: (user: TUser, oneTimePassword: string) => void }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [alias, setAlias] = useState('');
  const [email, setEmail] = useState('');
  const [roles, setRoles] = useState<TRole[]>([]);
  const [checked, setChecked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    setError(null);
    if (roles.length === 0) return;
    setBusy(true);
    try {
      const created = await api.post<{ user: TUser; oneTimePassword: string }>('/api/admin/users', {
        username: username.trim(),
        displayName: displayName.trim(),
        alias: alias.trim() === '' ? null : alias.trim(),
        email: email.trim() === '' ? null : email.trim(),
        roles,
      });
      onCreated(created.user, created.oneTimePassword);
      setUsername('');
      setDisplayName('');
      setAlias('');
      setEmail('');
      setRoles([]);
      setChecked(false);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="create-user-title">
      <h2 id="create-user-title">{t('console.users.createTitle')}</h2>
      <form className="form" onSubmit={(event) => void submit(event)} aria-labelledby="create-user-title">
        <div className="form-grid">
          <TextField
            label={t('console.users.username')}
            hint={t('console.users.usernameHint')}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            value={username}
            onChange={(event) => setUsername(event.target.value)}
            required
            minLength={3}
            maxLength={64}
            pattern="[a-zA-Z0-9._\-]+"
          />
          <TextField
            label={t('console.users.displayName')}
            autoComplete="off"
            value={displayName}
            onChange={(event) => setDisplayName(event.target.value)}
            required
            maxLength={100}
          />
          <TextField
            label={t('console.users.alias')}
            hint={t('console.users.aliasHint')}
            autoComplete="off"
            value={alias}
            onChange={(event) => setAlias(event.target.value)}
            maxLength={40}
          />
          <TextField
            label={t('console.users.email')}
            type="email"
            autoComplete="off"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            maxLength={254}
          />
        </div>
        <RoleCheckboxes
          legend={t('console.users.roles')}
          value={roles}
          onChange={setRoles}
          error={checked && roles.length === 0 ? t('console.users.rolesRequired') : null}
        />
        <ErrorMessage error={error} />
        <SubmitButton busy={busy}>{t('console.users.create')}</SubmitButton>
      </form>
    </section>
  );
}
