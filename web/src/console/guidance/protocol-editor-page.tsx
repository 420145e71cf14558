// Edit one protocol (ability settings.manage): both languages, each caller's guide, a live preview with
// the view counsellors get, the versions saved so far. Saving sends the version the edit started from:
// if someone saved in between, the server refuses and the person reloads (nothing is overwritten unseen).
import type { TProtocol, TProtocolBody, TProtocolCaller, TProtocolTopic } from '@abri/contracts';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from '../../i18n/index.ts';
import { SuccessMessage } from '../../ui/error-message.tsx';
import { SubmitButton, TextField } from '../../ui/fields.tsx';
import { usePageTitle } from '../../ui/page-title.ts';
import { formatDateTime } from '../format.ts';
import { AdviceEditor } from './advice-editor.tsx';
import {
  guidanceApi,
  platformsIn,
  rememberProtocol,
  type TProtocolVersionInfo,
  usePlatformGuide,
} from './api.ts';
import { isProtocolTopic, PROTOCOL_CALLERS } from './constants.ts';
import { ConflictNotice, GuidanceError, hasErrorUnder, isConflict } from './errors.tsx';
import { useGuidanceT } from './i18n.ts';
import { callerName } from './labels.ts';
import {
  CallerFields,
  EscalationEditor,
  type Language,
  RedFlagsEditor,
  TitleFields,
} from './protocol-form.tsx';
import { ProtocolHistory } from './protocol-history.tsx';
import { describeProtocolPath } from './protocol-paths.ts';
import { ProtocolView } from './protocol-view.tsx';
import { Tabs, tabPanelProps } from './tabs.tsx';
import { useUnsavedChanges } from './unsaved.ts';

export default function ProtocolEditorPage() {
  const { topic } = useParams();
  const t = useGuidanceT();
  if (!isProtocolTopic(topic)) {
    return (
      <>
        <h1>{t('protocols.unknown')}</h1>
        <p>
          <Link to="/console/admin/protocols">{t('protocols.back')}</Link>
        </p>
      </>
    );
  }
  return <ProtocolEditor key={topic} topic={topic} />;
}

function ProtocolEditor({ topic }: { topic: TProtocolTopic }) {
  const t = useGuidanceT();
  const { t: tt, i18n } = useTranslation();
  const uiLanguage: Language = i18n.language === 'en' ? 'en' : 'fr';
  const [protocol, setProtocol] = useState<TProtocol | null>(null);
  const [draft, setDraft] = useState<TProtocolBody | null>(null);
  const [note, setNote] = useState('');
  const [loadError, setLoadError] = useState<unknown>(null);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [saved, setSaved] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [language, setLanguage] = useState<Language>('fr');
  const [caller, setCaller] = useState<TProtocolCaller>('child');
  const [versions, setVersions] = useState<TProtocolVersionInfo[] | null>(null);
  const [versionsError, setVersionsError] = useState<unknown>(null);
  const [viewing, setViewing] = useState<TProtocol | null>(null);
  const [viewError, setViewError] = useState<unknown>(null);
  const platformGuide = usePlatformGuide();

  const title = protocol?.body[uiLanguage].title || t(`topics.${topic}`);
  usePageTitle(t('protocols.editTitle', { title }), tt('console.brand'));

  const loadVersions = useCallback(async () => {
    setVersionsError(null);
    try {
      setVersions(await guidanceApi.versions(topic));
    } catch (caught) {
      setVersionsError(caught);
    }
  }, [topic]);

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      const current = await guidanceApi.protocol(topic);
      setProtocol(current);
      setDraft(structuredClone(current.body));
      setNote('');
      setSaveError(null);
      rememberProtocol(current);
    } catch (caught) {
      setLoadError(caught);
    }
  }, [topic]);

  useEffect(() => {
    void load();
    void loadVersions();
  }, [load, loadVersions]);

  const dirty =
    protocol !== null &&
    draft !== null &&
    (note.trim() !== '' || JSON.stringify(draft) !== JSON.stringify(protocol.body));
  useUnsavedChanges(dirty, t('form.leaveConfirm'));

  const edit = useCallback((mutate: (next: TProtocolBody) => void) => {
    setSaved(null);
    setDraft((current) => {
      if (!current) return current;
      const next = structuredClone(current);
      mutate(next);
      return next;
    });
  }, []);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!protocol || !draft) return;
    setBusy(true);
    setSaveError(null);
    setSaved(null);
    try {
      const stored = await guidanceApi.saveProtocol(topic, {
        baseVersion: protocol.version,
        body: draft,
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      setProtocol(stored);
      setDraft(structuredClone(stored.body));
      setNote('');
      setSaved(stored.version);
      rememberProtocol(stored);
      void loadVersions();
    } catch (caught) {
      setSaveError(caught);
    } finally {
      setBusy(false);
    }
  };

  const reload = async () => {
    setBusy(true);
    await Promise.all([load(), loadVersions()]);
    setBusy(false);
  };

  const discard = () => {
    if (!protocol || !window.confirm(t('form.discardConfirm'))) return;
    setDraft(structuredClone(protocol.body));
    setNote('');
    setSaveError(null);
  };

  const view = async (version: number) => {
    setViewError(null);
    if (viewing?.version === version) {
      setViewing(null);
      return;
    }
    try {
      setViewing(await guidanceApi.version(topic, version));
      document.getElementById('protocol-preview')?.scrollIntoView({ block: 'start' });
    } catch (caught) {
      setViewError(caught);
    }
  };

  const copyIntoEditor = () => {
    if (!viewing) return;
    if (dirty && !window.confirm(t('preview.copyConfirm', { version: viewing.version }))) return;
    setDraft(structuredClone(viewing.body));
    setNote(t('preview.copyNote', { version: viewing.version }));
    setViewing(null);
  };

  if (!protocol || !draft) {
    return (
      <>
        <p>
          <Link to="/console/admin/protocols">{t('protocols.back')}</Link>
        </p>
        <h1>{t('protocols.editTitle', { title })}</h1>
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

  const languageAlert = (lang: Language) =>
    hasErrorUnder(saveError, `body.${lang}`) ? t('form.tabHasErrors') : null;
  const callerAlert = (who: TProtocolCaller) =>
    hasErrorUnder(saveError, `body.${language}.callers.${who}`) ? t('form.tabHasErrors') : null;
  const shown = viewing ?? { ...protocol, body: draft };
  const conflict = isConflict(saveError);
  const fields = { draft, language, edit, error: saveError };

  return (
    <>
      <p>
        <Link to="/console/admin/protocols">{t('protocols.back')}</Link>
      </p>
      <h1>{t('protocols.editTitle', { title })}</h1>
      <p className="muted">
        {t(protocol.updatedBy ? 'protocols.versionLine' : 'protocols.versionLineInitial', {
          version: protocol.version,
          date: formatDateTime(protocol.updatedAt, i18n.language),
          name: protocol.updatedBy,
        })}{' '}
        <a href="#protocol-preview">{t('preview.skip')}</a>
      </p>
      <div className="guidance-editor">
        <form
          className="guidance-editor__form card"
          aria-label={t('form.label')}
          onSubmit={(event) => void save(event)}
          noValidate
        >
          <Tabs
            id="protocol-language"
            label={t('form.languageTabs')}
            value={language}
            onChange={setLanguage}
            items={(['fr', 'en'] as const).map((lang) => ({
              value: lang,
              label: t(`languages.${lang}`),
              alert: languageAlert(lang),
            }))}
          />
          <div {...tabPanelProps('protocol-language', language)} className="form">
            <TitleFields {...fields} />
            <h2 id="protocol-callers-title">{t('form.callersTitle')}</h2>
            <Tabs
              id="protocol-caller"
              label={t('form.callerTabs')}
              value={caller}
              onChange={setCaller}
              items={PROTOCOL_CALLERS.map((who) => ({
                value: who,
                label: callerName(t, who),
                alert: callerAlert(who),
              }))}
            />
            <div {...tabPanelProps('protocol-caller', caller)} className="form">
              <CallerFields {...fields} caller={caller} />
              <AdviceEditor {...fields} caller={caller} />
            </div>
            <h2>{t('form.commonTitle')}</h2>
            <RedFlagsEditor {...fields} />
            <EscalationEditor {...fields} />
          </div>
          <TextField
            label={t('form.note')}
            hint={t('form.noteHint')}
            value={note}
            maxLength={300}
            onChange={(event) => setNote(event.target.value)}
          />
          <div className="sticky-actions">
            {conflict ? (
              <ConflictNotice onReload={() => void reload()} busy={busy} />
            ) : (
              <GuidanceError sticky error={saveError} describe={(path) => describeProtocolPath(t, path)} />
            )}
            {saved !== null && <SuccessMessage>{t('form.saved', { version: saved })}</SuccessMessage>}
            <div className="row-actions">
              <SubmitButton busy={busy}>{t('form.save')}</SubmitButton>
              <button type="button" className="button button--secondary" disabled={!dirty} onClick={discard}>
                {t('form.discard')}
              </button>
            </div>
            {dirty && <p className="muted">{t('form.unsaved')}</p>}
          </div>
        </form>

        <section
          id="protocol-preview"
          className="guidance-editor__preview card"
          aria-labelledby="preview-title"
        >
          <h2 id="preview-title">
            {viewing ? t('preview.versionTitle', { version: viewing.version }) : t('preview.title')}
          </h2>
          <p className="muted">{t('preview.showing', { language: t(`languagesIn.${language}`) })}</p>
          {viewing && (
            <div className="notice notice--info">
              <p className="notice__text">
                {t(viewing.updatedBy ? 'preview.readOnly' : 'preview.readOnlyInitial', {
                  version: viewing.version,
                  date: formatDateTime(viewing.updatedAt, i18n.language),
                  name: viewing.updatedBy,
                })}
              </p>
              <div className="row-actions">
                <button type="button" className="button button--small" onClick={() => setViewing(null)}>
                  {t('preview.backToDraft')}
                </button>
                <button type="button" className="button button--small" onClick={copyIntoEditor}>
                  {t('preview.copy')}
                </button>
              </div>
            </div>
          )}
          <GuidanceError error={platformGuide.error} onRetry={platformGuide.reload} />
          <ProtocolView
            text={shown.body[language]}
            caller={caller}
            platforms={platformsIn(platformGuide.data, language)}
            lang={language}
            titleLevel={3}
          />
        </section>
      </div>
      <GuidanceError error={viewError} />
      <ProtocolHistory
        versions={versions}
        current={protocol.version}
        viewing={viewing?.version ?? null}
        error={versionsError}
        onRetry={() => void loadVersions()}
        onView={(version) => void view(version)}
      />
    </>
  );
}
