// The outbox (ability settings.manage): the e-mails Abri sends (escalations to partners), their status,
// and each one's text and attachments. Without an SMTP server (SMTP_URL) e-mails are held here, not lost;
// a held or failed one can be sent again.
import type { TOutboxMail, TOutboxMailSummary } from '@abri/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from '../../i18n/index.ts';
import { SuccessMessage } from '../../ui/error-message.tsx';
import { SelectField } from '../../ui/fields.tsx';
import { usePageTitle } from '../../ui/page-title.ts';
import { TableWrap } from '../../ui/table-wrap.tsx';
import { formatDateTime } from '../format.ts';
import { guidanceApi } from './api.ts';
import { MAIL_STATUSES, type TMailStatus } from './constants.ts';
import { GuidanceError } from './errors.tsx';
import { type GuidanceT, useGuidanceT } from './i18n.ts';
import { byteSize } from './labels.ts';

const recipients = (mail: TOutboxMailSummary) => mail.to.join(', ');
const canRetry = (mail: TOutboxMailSummary) => mail.status === 'held' || mail.status === 'failed';

function StatusBadge({ t, status }: { t: GuidanceT; status: TMailStatus }) {
  return (
    <span className={`guidance-status guidance-status--${status}`}>{t(`outbox.statuses.${status}`)}</span>
  );
}

export default function OutboxPage() {
  const t = useGuidanceT();
  const { t: tt, i18n } = useTranslation();
  usePageTitle(t('outbox.title'), tt('console.brand'));
  const [status, setStatus] = useState<TMailStatus | ''>('');
  const [mails, setMails] = useState<TOutboxMailSummary[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [open, setOpen] = useState<TOutboxMail | null>(null);
  const [retrying, setRetrying] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [openError, setOpenError] = useState<unknown>(null);
  const [loadingId, setLoadingId] = useState<string | null>(null);
  const detailHeading = useRef<HTMLHeadingElement>(null);
  const lastButton = useRef<HTMLButtonElement | null>(null);

  const load = useCallback(async (filter: TMailStatus | '') => {
    setError(null);
    try {
      setMails((await guidanceApi.outbox(filter)).mails);
    } catch (caught) {
      setError(caught);
    }
  }, []);
  useEffect(() => {
    void load(status);
  }, [load, status]);

  useEffect(() => {
    if (open) detailHeading.current?.focus();
  }, [open]);

  const retry = async (mail: TOutboxMailSummary) => {
    setOpenError(null);
    setMessage(null);
    setRetrying(mail.id);
    try {
      const queued = await guidanceApi.retryMail(mail.id);
      setMails((list) => (list ?? []).map((entry) => (entry.id === queued.id ? queued : entry)));
      setOpen((current) => (current?.id === queued.id ? queued : current));
      setMessage(t('outbox.retried', { subject: queued.subject }));
    } catch (caught) {
      setOpenError(caught);
    } finally {
      setRetrying(null);
    }
  };

  const show = async (mail: TOutboxMailSummary, button: HTMLButtonElement) => {
    lastButton.current = button;
    setOpenError(null);
    setLoadingId(mail.id);
    try {
      setOpen(await guidanceApi.mail(mail.id));
    } catch (caught) {
      setOpenError(caught);
    } finally {
      setLoadingId(null);
    }
  };

  const close = () => {
    setOpen(null);
    lastButton.current?.focus();
  };

  const held = mails?.some((mail) => mail.status === 'held') ?? false;
  return (
    <>
      <h1>{t('outbox.title')}</h1>
      <p>{t('outbox.intro')}</p>
      <div className={`notice ${held ? 'notice--error' : 'notice--info'}`}>
        <p className="notice__text">
          {held ? `${t('outbox.heldPresent')} ` : ''}
          {t('outbox.heldExplained')}
        </p>
      </div>
      <div className="card">
        <div className="guidance-row">
          <SelectField
            label={t('outbox.filter')}
            value={status}
            onChange={(value) => setStatus(MAIL_STATUSES.find((entry) => entry === value) ?? '')}
            options={[
              { value: '', label: t('outbox.all') },
              ...MAIL_STATUSES.map((entry) => ({ value: entry, label: t(`outbox.statuses.${entry}`) })),
            ]}
          />
          <button type="button" className="button button--secondary" onClick={() => void load(status)}>
            {t('outbox.refresh')}
          </button>
        </div>
      </div>
      <GuidanceError error={error} onRetry={() => void load(status)} />
      {!mails && !error && (
        <p className="loading" role="status">
          {tt('common.loading')}
        </p>
      )}
      {mails && mails.length === 0 && <p>{t('outbox.empty')}</p>}
      {mails && mails.length > 0 && (
        <TableWrap label={t('outbox.title')}>
          <table className="table guidance-table">
            <thead>
              <tr>
                <th scope="col">{t('outbox.subject')}</th>
                <th scope="col">{t('outbox.to')}</th>
                <th scope="col">{t('outbox.status')}</th>
                <th scope="col">{t('outbox.created')}</th>
                <th scope="col">{t('outbox.sent')}</th>
                <th scope="col">{t('outbox.error')}</th>
                <th scope="col">{t('outbox.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {mails.map((mail) => (
                <tr key={mail.id}>
                  <th scope="row">{mail.subject}</th>
                  <td>{recipients(mail)}</td>
                  <td>
                    <StatusBadge t={t} status={mail.status} />
                  </td>
                  <td>{formatDateTime(mail.createdAt, i18n.language)}</td>
                  <td>{formatDateTime(mail.sentAt, i18n.language)}</td>
                  <td>{mail.lastError ?? '—'}</td>
                  <td>
                    <div className="row-actions">
                      <button
                        type="button"
                        className="button button--small"
                        aria-pressed={open?.id === mail.id}
                        disabled={loadingId === mail.id}
                        onClick={(event) => void show(mail, event.currentTarget)}
                      >
                        {t('outbox.view')}
                        <span className="visually-hidden"> {mail.subject}</span>
                      </button>
                      {canRetry(mail) && (
                        <button
                          type="button"
                          className="button button--small"
                          disabled={retrying === mail.id}
                          onClick={() => void retry(mail)}
                        >
                          {t('outbox.retry')}
                          <span className="visually-hidden"> {mail.subject}</span>
                        </button>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <SuccessMessage>{message}</SuccessMessage>
      <GuidanceError error={openError} />
      {open && (
        <section className="card" aria-labelledby="mail-detail-title">
          <h2 id="mail-detail-title" ref={detailHeading} tabIndex={-1}>
            {open.subject}
          </h2>
          <dl className="hours__list">
            <div className="hours__row">
              <dt>{t('outbox.to')}</dt>
              <dd>{recipients(open)}</dd>
            </div>
            <div className="hours__row">
              <dt>{t('outbox.status')}</dt>
              <dd>
                <StatusBadge t={t} status={open.status} />
              </dd>
            </div>
            <div className="hours__row">
              <dt>{t('outbox.created')}</dt>
              <dd>{formatDateTime(open.createdAt, i18n.language)}</dd>
            </div>
            <div className="hours__row">
              <dt>{t('outbox.sent')}</dt>
              <dd>{formatDateTime(open.sentAt, i18n.language)}</dd>
            </div>
            <div className="hours__row">
              <dt>{t('outbox.attempts')}</dt>
              <dd>{open.attempts}</dd>
            </div>
            {open.lastError && (
              <div className="hours__row">
                <dt>{t('outbox.error')}</dt>
                <dd>{open.lastError}</dd>
              </div>
            )}
            {open.relatedType && (
              <div className="hours__row">
                <dt>{t('outbox.related')}</dt>
                <dd>
                  {open.relatedType === 'escalation' ? t('outbox.relatedTypes.escalation') : open.relatedType}{' '}
                  <code>{open.relatedId}</code>
                </dd>
              </div>
            )}
          </dl>
          <h3>{t('outbox.text')}</h3>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard */}
          <pre className="guidance-mail-text" tabIndex={0}>
            {open.text}
          </pre>
          <h3>{t('outbox.attachments')}</h3>
          {open.attachments.length === 0 ? (
            <p className="muted">{t('outbox.noAttachments')}</p>
          ) : (
            <ul>
              {open.attachments.map((attachment, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: attachments may share a name
                <li key={index}>
                  {t('outbox.attachment', {
                    name: attachment.filename,
                    type: attachment.contentType,
                    size: byteSize(attachment.size, i18n.language),
                  })}
                </li>
              ))}
            </ul>
          )}
          <div className="row-actions">
            {canRetry(open) && (
              <button
                type="button"
                className="button button--primary"
                disabled={retrying === open.id}
                onClick={() => void retry(open)}
              >
                {t('outbox.retry')}
              </button>
            )}
            <button type="button" className="button button--secondary" onClick={close}>
              {t('outbox.close')}
            </button>
          </div>
        </section>
      )}
    </>
  );
}
