// Canned responses (ability settings.manage): list, create, edit, delete, in French and English.
import './chat.css';
import type { TCannedResponse } from '@abri/contracts';
import { Fragment, useCallback, useEffect, useState } from 'react';
import { api } from '../../api/client.ts';
import { useTranslation } from '../../i18n/index.ts';
import { ErrorMessage, SuccessMessage } from '../../ui/error-message.tsx';
import { usePageTitle } from '../../ui/page-title.ts';
import { TableWrap } from '../../ui/table-wrap.tsx';
import { CannedForm } from './canned-form.tsx';
import { useChatT } from './i18n.ts';

type List = { responses: TCannedResponse[] };

/** The same list counsellors read: the server lets administrators read it too. */
async function listCanned(): Promise<TCannedResponse[]> {
  return (await api.get<List>('/api/chat/canned-responses')).responses;
}

export default function CannedAdminPage() {
  const t = useChatT();
  const { t: tt } = useTranslation();
  usePageTitle(t('admin.title'), tt('console.brand'));
  const [responses, setResponses] = useState<TCannedResponse[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      setResponses(await listCanned());
    } catch (caught) {
      setLoadError(caught);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const replace = (saved: TCannedResponse) =>
    setResponses((current) => {
      const list = current ?? [];
      return list.some((entry) => entry.id === saved.id)
        ? list.map((entry) => (entry.id === saved.id ? saved : entry))
        : [...list, saved];
    });

  const remove = async (response: TCannedResponse) => {
    if (!window.confirm(t('admin.deleteConfirm', { title: response.title }))) return;
    setActionError(null);
    setMessage(null);
    try {
      await api.delete(`/api/admin/canned-responses/${response.id}`);
      setResponses((current) => (current ?? []).filter((entry) => entry.id !== response.id));
      setMessage(t('admin.deleted'));
    } catch (caught) {
      setActionError(caught);
    }
  };

  const sorted = [...(responses ?? [])].sort(
    (a, b) => a.language.localeCompare(b.language) || a.shortcut.localeCompare(b.shortcut),
  );
  return (
    <>
      <h1>{t('admin.title')}</h1>
      <p>{t('admin.intro')}</p>
      <section className="card">
        <CannedForm
          existing={null}
          onSaved={(saved) => {
            replace(saved);
            setMessage(t('admin.created'));
          }}
        />
      </section>
      <SuccessMessage>{message}</SuccessMessage>
      <ErrorMessage error={actionError} />
      <section className="card">
        <h2 id="canned-list-title">{t('admin.listTitle')}</h2>
        <ErrorMessage error={loadError} onRetry={() => void load()} />
        {responses && responses.length === 0 && <p>{t('admin.empty')}</p>}
        {sorted.length > 0 && (
          <TableWrap label={t('admin.listTitle')}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('admin.colLanguage')}</th>
                  <th scope="col">{t('admin.colShortcut')}</th>
                  <th scope="col">{t('admin.colTitle')}</th>
                  <th scope="col">{t('admin.colBody')}</th>
                  <th scope="col">{t('admin.colActions')}</th>
                </tr>
              </thead>
              <tbody>
                {sorted.map((response) => (
                  <Fragment key={response.id}>
                    <tr>
                      <td lang={response.language}>
                        {response.language === 'fr' ? t('admin.languageFr') : t('admin.languageEn')}
                      </td>
                      <td>
                        <code>/{response.shortcut}</code>
                      </td>
                      <td lang={response.language}>{response.title}</td>
                      <td lang={response.language} className="preserve-lines chat-canned-admin__body">
                        {response.body}
                      </td>
                      <td>
                        <div className="row-actions">
                          <button
                            type="button"
                            className="button button--small"
                            aria-expanded={editing === response.id}
                            aria-label={t('admin.editLabel', { title: response.title })}
                            onClick={() => setEditing(editing === response.id ? null : response.id)}
                          >
                            {t('admin.edit')}
                          </button>
                          <button
                            type="button"
                            className="button button--small button--danger"
                            aria-label={t('admin.deleteLabel', { title: response.title })}
                            onClick={() => void remove(response)}
                          >
                            {t('admin.delete')}
                          </button>
                        </div>
                      </td>
                    </tr>
                    {editing === response.id && (
                      <tr>
                        <td colSpan={5}>
                          <CannedForm
                            existing={response}
                            onCancel={() => setEditing(null)}
                            onSaved={(saved) => {
                              replace(saved);
                              setEditing(null);
                              setMessage(t('admin.updated'));
                            }}
                          />
                        </td>
                      </tr>
                    )}
                  </Fragment>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>
    </>
  );
}
