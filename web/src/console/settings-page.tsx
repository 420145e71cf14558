// Run-time settings (ability settings.manage): what the public pages show, the live chat's rules and a few
// security rules. The whole object is sent back on save, so every section keeps its values.
// The server validates; its `details` (with paths) are shown next to the save button, and the chat fields
// it names are marked as well.
import type { TAdminSettings, TSettings, TSettingsWarning } from '@abri/contracts';
import { type FormEvent, useCallback, useEffect, useMemo, useState } from 'react';
import { api } from '../api/client.ts';
import { useTranslation } from '../i18n/index.ts';
import { ErrorMessage, SuccessMessage } from '../ui/error-message.tsx';
import { SubmitButton, TextAreaField, TextField } from '../ui/fields.tsx';
import { usePageTitle } from '../ui/page-title.ts';
import { RecordsSettingsEditor } from './guidance/records-settings-editor.tsx';
import { HotlineSettingsEditor } from './hotline/index.ts';
import { RoleCheckboxes } from './role-checkboxes.tsx';
import {
  ChatSettingsEditor,
  type Edit,
  HolidaysEditor,
  PhoneNumbersEditor,
  WeeklyHoursEditor,
} from './settings-editors.tsx';

/** A stored value as an administrator reads it: as JSON, so that text and numbers are told apart. */
function shown(value: unknown): string {
  return JSON.stringify(value) ?? 'null';
}

/**
 * Values found out of range in the database (an older version's, or written by hand): their defaults are
 * in force, and saving the page stores them.
 */
function StoredValueWarnings({ warnings }: { warnings: TSettingsWarning[] }) {
  const { t } = useTranslation();
  if (warnings.length === 0) return null;
  return (
    <section className="card card--warning" aria-labelledby="stored-warnings-title" role="alert">
      <h2 id="stored-warnings-title">{t('console.settings.storedWarningsTitle')}</h2>
      <p>{t('console.settings.storedWarningsIntro')}</p>
      <ul>
        {warnings.map((warning) => (
          <li key={warning.key}>
            {t('console.settings.storedWarning', {
              key: warning.key,
              stored: shown(warning.stored),
              usedDefault: shown(warning.usedDefault),
            })}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The settings and their warnings, apart: the warnings are never sent back. */
function split(answer: TAdminSettings): { settings: TSettings; warnings: TSettingsWarning[] } {
  const { warnings, ...settings } = answer;
  return { settings, warnings: warnings ?? [] };
}

function timeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['Europe/Paris'];
  }
}

export default function SettingsPage() {
  const { t } = useTranslation();
  usePageTitle(t('console.settings.title'), t('console.brand'));
  const [settings, setSettings] = useState<TSettings | null>(null);
  const [warnings, setWarnings] = useState<TSettingsWarning[]>([]);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const zones = useMemo(timeZones, []);

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      const answer = split(await api.get<TAdminSettings>('/api/admin/settings'));
      setSettings(answer.settings);
      setWarnings(answer.warnings);
    } catch (caught) {
      setLoadError(caught);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const edit: Edit = useCallback((mutate) => {
    setSaved(false);
    setSettings((current) => {
      if (!current) return current;
      const next = structuredClone(current);
      mutate(next);
      return next;
    });
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!settings) return;
    setBusy(true);
    setSaveError(null);
    setSaved(false);
    const roles = settings.security.totpRequiredRoles;
    const body: TSettings = {
      ...settings,
      security: { totpRequiredRoles: roles.includes('admin') ? roles : [...roles, 'admin'] },
    };
    try {
      const stored = await api.put<TAdminSettings | undefined>('/api/admin/settings', body);
      if (stored && typeof stored === 'object' && 'helplineName' in stored) {
        const answer = split(stored);
        setSettings(answer.settings);
        setWarnings(answer.warnings);
      } else setSettings(body);
      setSaved(true);
    } catch (caught) {
      setSaveError(caught);
    } finally {
      setBusy(false);
    }
  };

  if (!settings) {
    return (
      <>
        <h1>{t('console.settings.title')}</h1>
        {loadError ? (
          <ErrorMessage error={loadError} onRetry={() => void load()} />
        ) : (
          <p className="loading" role="status">
            {t('common.loading')}
          </p>
        )}
      </>
    );
  }

  return (
    <>
      <h1>{t('console.settings.title')}</h1>
      <StoredValueWarnings warnings={warnings} />
      <form
        className="form"
        onSubmit={(event) => void submit(event)}
        aria-label={t('console.settings.title')}
        noValidate
      >
        <section className="card" aria-labelledby="general-title">
          <h2 id="general-title">{t('console.settings.generalTitle')}</h2>
          <div className="form-grid">
            <TextField
              label={t('console.settings.helplineName')}
              value={settings.helplineName}
              required
              maxLength={80}
              onChange={(event) =>
                edit((draft) => {
                  draft.helplineName = event.target.value;
                })
              }
            />
            <TextField
              label={t('console.settings.quickExitUrl')}
              hint={t('console.settings.quickExitHint')}
              type="url"
              value={settings.quickExitUrl}
              required
              maxLength={500}
              onChange={(event) =>
                edit((draft) => {
                  draft.quickExitUrl = event.target.value;
                })
              }
            />
            <TextField
              label={t('console.settings.timeZone')}
              value={settings.openingHours.timeZone}
              list="time-zones"
              required
              onChange={(event) =>
                edit((draft) => {
                  draft.openingHours.timeZone = event.target.value;
                })
              }
            />
            <datalist id="time-zones">
              {zones.map((zone) => (
                <option key={zone} value={zone} />
              ))}
            </datalist>
          </div>
        </section>

        <PhoneNumbersEditor settings={settings} edit={edit} />
        <WeeklyHoursEditor settings={settings} edit={edit} />
        <HolidaysEditor settings={settings} edit={edit} />

        <ChatSettingsEditor settings={settings} edit={edit} saveError={saveError} />
        <RecordsSettingsEditor settings={settings} edit={edit} saveError={saveError} />
        <HotlineSettingsEditor settings={settings} edit={edit} saveError={saveError} />

        <section className="card" aria-labelledby="confidentiality-title">
          <h2 id="confidentiality-title">{t('console.settings.confidentialityTitle')}</h2>
          <TextAreaField
            label={t('console.settings.confidentialityFr')}
            lang="fr"
            rows={6}
            maxLength={5000}
            value={settings.confidentiality.fr}
            onChange={(event) =>
              edit((draft) => {
                draft.confidentiality.fr = event.target.value;
              })
            }
          />
          <TextAreaField
            label={t('console.settings.confidentialityEn')}
            lang="en"
            rows={6}
            maxLength={5000}
            value={settings.confidentiality.en}
            onChange={(event) =>
              edit((draft) => {
                draft.confidentiality.en = event.target.value;
              })
            }
          />
        </section>

        <section className="card" aria-labelledby="security-title">
          <h2 id="security-title">{t('console.settings.securityTitle')}</h2>
          <RoleCheckboxes
            legend={t('console.settings.totpRoles')}
            value={settings.security.totpRequiredRoles}
            locked={['admin']}
            onChange={(roles) =>
              edit((draft) => {
                draft.security.totpRequiredRoles = roles;
              })
            }
          />
          <p className="muted">{t('console.settings.adminAlways')}</p>
        </section>

        <div className="sticky-actions">
          <ErrorMessage error={saveError} />
          {saved && <SuccessMessage>{t('console.settings.saved')}</SuccessMessage>}
          <SubmitButton busy={busy}>{t('console.settings.submit')}</SubmitButton>
        </div>
      </form>
    </>
  );
}
