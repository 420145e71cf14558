// After sending: the tracking code (big, copyable, shown once), the addresses accepted and refused with
// the reason in plain words, what happens next, and the way to the status page.
import type { TReportReceipt } from '@abri/contracts';
import { useEffect, useRef } from 'react';
import { type TFunction, useTranslation } from '../../i18n/index.ts';
import { CopyButton } from '../../ui/copy-button.tsx';
import { PublicLink } from '../../ui/public-link.tsx';
import { STATUS_PAGE_PATH, URL_REFUSAL_REASONS, type UrlRefusalReason } from './constants.ts';

function reasonText(t: TFunction, reason: string): string {
  return (URL_REFUSAL_REASONS as readonly string[]).includes(reason)
    ? t(`report.receipt.reasons.${reason as UrlRefusalReason}`)
    : t('report.receipt.reasons.other');
}

export function ReportReceipt({ receipt, onAnother }: { receipt: TReportReceipt; onAnother: () => void }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  const code = receipt.trackingCode;
  return (
    <section className="card report-receipt" aria-labelledby="report-receipt-title">
      <h2 id="report-receipt-title" ref={heading} tabIndex={-1} className="report-receipt__title">
        {t('report.receipt.title')}
      </h2>
      <div className="report-code">
        <h3 id="report-code-title">{t('report.receipt.codeTitle')}</h3>
        <p className="report-code__row">
          <code className="report-code__value" data-testid="tracking-code">
            {code}
          </code>
        </p>
        <CopyButton text={code} label={t('report.receipt.copy')} />
        <p className="report-code__keep">{t('report.receipt.codeKeep')}</p>
      </div>

      {receipt.urls.length > 0 && (
        <>
          <h3>{t('report.receipt.accepted')}</h3>
          <ul className="bullets report-receipt__urls">
            {receipt.urls.map((url) => (
              <li key={url}>
                <span className="report-url">{url}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {receipt.refusedUrls.length > 0 && (
        <>
          <h3>{t('report.receipt.refused')}</h3>
          <ul className="bullets report-receipt__urls">
            {receipt.refusedUrls.map((refused, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the same refused text may appear twice
              <li key={index}>
                <span className="report-url">{refused.url || '—'}</span> : {reasonText(t, refused.reason)}
              </li>
            ))}
          </ul>
        </>
      )}

      <h3>{t('report.receipt.nextTitle')}</h3>
      <ol className="bullets">
        <li>{t('report.receipt.next1')}</li>
        <li>{t('report.receipt.next2')}</li>
        <li>{t('report.receipt.next3')}</li>
      </ol>
      <p className="actions">
        <PublicLink
          to={`${STATUS_PAGE_PATH}?${new URLSearchParams({ code })}`}
          className="button button--primary"
        >
          {t('report.receipt.statusLink')}
        </PublicLink>
        <button type="button" className="button button--secondary" onClick={onAnother}>
          {t('report.receipt.another')}
        </button>
      </p>
      <p>
        <PublicLink to="/parler">{t('report.receipt.talk')}</PublicLink>
      </p>
    </section>
  );
}
