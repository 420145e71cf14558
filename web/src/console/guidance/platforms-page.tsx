// The platform how-tos (ability settings.manage): for each platform, how to block someone, lock down the
// account's privacy and report, in both languages. Counsellors see them under the advice cards that name
// the platform. Saved as one versioned document, like a protocol.
import type { TGuidePlatform, TPlatformGuideBody, TPlatformHowTo } from '@abri/contracts';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from '../../i18n/index.ts';
import { SuccessMessage } from '../../ui/error-message.tsx';
import { SubmitButton, TextField } from '../../ui/fields.tsx';
import { usePageTitle } from '../../ui/page-title.ts';
import { formatDateTime } from '../format.ts';
import { guidanceApi, rememberPlatformGuide, type TPlatformGuide } from './api.ts';
import { GUIDE_PLATFORMS, PLATFORM_NAMES } from './constants.ts';
import {
  ConflictNotice,
  errorAt,
  GuidanceError,
  hasErrorUnder,
  isConflict,
  listErrorAt,
  relativePath,
} from './errors.tsx';
import { type GuidanceT, useGuidanceT } from './i18n.ts';
import { LinesField } from './lines-field.tsx';
import { type Language, lineError } from './protocol-form.tsx';
import { Tabs, tabPanelProps } from './tabs.tsx';
import { useUnsavedChanges } from './unsaved.ts';

const KINDS = ['block', 'privacy', 'report'] as const;

/** "English › Discord › Report (line 2)" for a path of the server's details. */
function describePath(t: GuidanceT, body: TPlatformGuideBody, path: string): string | null {
  const rest = relativePath(path, 'body');
  if (rest === null) return null;
  const [language, index, field, line] = rest.split('.');
  if (language !== 'fr' && language !== 'en') return null;
  const words = [t(`languages.${language}`)];
  const entry = index !== undefined ? body[language][Number(index)] : undefined;
  if (entry) words.push(PLATFORM_NAMES[entry.platform]);
  if (field === 'name') words.push(t('platforms.name'));
  if (field === 'block' || field === 'privacy' || field === 'report') words.push(t(`howTo.${field}`));
  if (line !== undefined) words.push(t('paths.line', { index: Number(line) + 1 }));
  return words.join(' › ');
}

export default function PlatformsPage() {
  const t = useGuidanceT();
  const { t: tt, i18n } = useTranslation();
  usePageTitle(t('platforms.title'), tt('console.brand'));
  const [guide, setGuide] = useState<TPlatformGuide | null>(null);
  const [draft, setDraft] = useState<TPlatformGuideBody | null>(null);
  const [note, setNote] = useState('');
  const [language, setLanguage] = useState<Language>('fr');
  const [loadError, setLoadError] = useState<unknown>(null);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [saved, setSaved] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      const current = await guidanceApi.platforms();
      setGuide(current);
      setDraft(structuredClone(current.body));
      setNote('');
      setSaveError(null);
      rememberPlatformGuide(current);
    } catch (caught) {
      setLoadError(caught);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const dirty =
    guide !== null &&
    draft !== null &&
    (note.trim() !== '' || JSON.stringify(draft) !== JSON.stringify(guide.body));
  useUnsavedChanges(dirty, t('form.leaveConfirm'));

  const edit = (platform: TGuidePlatform, mutate: (entry: TPlatformHowTo) => void) => {
    setSaved(null);
    setDraft((current) => {
      if (!current) return current;
      const next = structuredClone(current);
      const entry = next[language].find((candidate) => candidate.platform === platform);
      if (entry) mutate(entry);
      return next;
    });
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!guide || !draft) return;
    setBusy(true);
    setSaveError(null);
    setSaved(null);
    try {
      const stored = await guidanceApi.savePlatforms({
        baseVersion: guide.version,
        body: draft,
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      setGuide(stored);
      setDraft(structuredClone(stored.body));
      setNote('');
      setSaved(stored.version);
      rememberPlatformGuide(stored);
    } catch (caught) {
      setSaveError(caught);
    } finally {
      setBusy(false);
    }
  };

  const reload = async () => {
    setBusy(true);
    await load();
    setBusy(false);
  };

  if (!guide || !draft) {
    return (
      <>
        <h1>{t('platforms.title')}</h1>
        {loadError ? (
          <GuidanceError error={loadError} onRetry={() => void load()} />
        ) : (
          <p className="loading" role="status">
            {tt('common.loading')}
          </p>
        )}
      </>
    );
  }

  const entries = GUIDE_PLATFORMS.map((platform) => ({
    platform,
    index: draft[language].findIndex((entry) => entry.platform === platform),
  }));
  return (
    <>
      <h1>{t('platforms.title')}</h1>
      <p>{t('platforms.intro')}</p>
      <p className="muted">
        {t('platforms.versionLine', {
          version: guide.version,
          date: formatDateTime(guide.updatedAt, i18n.language),
        })}
      </p>
      <form
        className="form"
        aria-label={t('platforms.title')}
        onSubmit={(event) => void save(event)}
        noValidate
      >
        <Tabs
          id="platforms-language"
          label={t('form.languageTabs')}
          value={language}
          onChange={setLanguage}
          items={(['fr', 'en'] as const).map((lang) => ({
            value: lang,
            label: t(`languages.${lang}`),
            alert: hasErrorUnder(saveError, `body.${lang}`) ? t('form.tabHasErrors') : null,
          }))}
        />
        <div {...tabPanelProps('platforms-language', language)} className="form">
          {entries.map(({ platform, index }) => {
            const entry = draft[language][index];
            const heading = `platform-${platform}-title`;
            if (!entry) {
              return (
                <p key={platform} className="notice notice--error">
                  {t('platforms.missing', { platform: PLATFORM_NAMES[platform] })}
                </p>
              );
            }
            const base = `body.${language}.${index}`;
            return (
              <section key={platform} className="card" aria-labelledby={heading}>
                <h2 id={heading}>{PLATFORM_NAMES[platform]}</h2>
                <div className="form">
                  <TextField
                    label={t('platforms.name')}
                    lang={language}
                    value={entry.name}
                    required
                    maxLength={60}
                    error={errorAt(saveError, `${base}.name`)}
                    onChange={(event) =>
                      edit(platform, (next) => {
                        next.name = event.target.value;
                      })
                    }
                  />
                  <div className="form-grid">
                    {KINDS.map((kind) => (
                      <LinesField
                        key={kind}
                        label={t('platforms.steps', {
                          kind: t(`howTo.${kind}`),
                          platform: PLATFORM_NAMES[platform],
                        })}
                        hint={t('platforms.stepsHint')}
                        lang={language}
                        value={entry[kind]}
                        error={listErrorAt(saveError, `${base}.${kind}`, lineError(t))}
                        onChange={(lines) =>
                          edit(platform, (next) => {
                            next[kind] = lines;
                          })
                        }
                      />
                    ))}
                  </div>
                </div>
              </section>
            );
          })}
        </div>
        <TextField
          label={t('form.note')}
          hint={t('form.noteHint')}
          value={note}
          maxLength={300}
          onChange={(event) => setNote(event.target.value)}
        />
        <div className="sticky-actions">
          {isConflict(saveError) ? (
            <ConflictNotice onReload={() => void reload()} busy={busy} />
          ) : (
            <GuidanceError sticky error={saveError} describe={(path) => describePath(t, draft, path)} />
          )}
          {saved !== null && <SuccessMessage>{t('form.saved', { version: saved })}</SuccessMessage>}
          <SubmitButton busy={busy}>{t('platforms.save')}</SubmitButton>
          {dirty && <p className="muted">{t('form.unsaved')}</p>}
        </div>
      </form>
    </>
  );
}
