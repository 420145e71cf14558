// /signaler (the report form, then its receipt) and /signaler/suivi (a report's status by its code): one
// chunk with the report strings (see app.tsx). The same form without JavaScript is served by the server
// at /signaler/simple.
import type { TReportReceipt } from '@abri/contracts';
import { useState } from 'react';
import { useTranslation } from '../i18n/index.ts';
import { usePageTitle } from '../ui/page-title.ts';
import { PublicLink } from '../ui/public-link.tsx';
import { routePath, usePathname } from '../ui/public-router.tsx';
import { ReachUs } from './contact-info.tsx';
import { SIMPLE_FORM_PATH, STATUS_PAGE_PATH } from './report/constants.ts';
import { ReportReceipt } from './report/receipt.tsx';
import { ReportForm } from './report/report-form.tsx';
import { ReportStatusView } from './report/status-view.tsx';
import { useHelplineName } from './settings-context.tsx';
import './report/report.css';

export default function ReportPage() {
  return routePath(usePathname()) === STATUS_PAGE_PATH ? <StatusPage /> : <FormPage />;
}

function FormPage() {
  const { t } = useTranslation();
  usePageTitle(t('report.title'), useHelplineName(t('common.appName')));
  const [receipt, setReceipt] = useState<TReportReceipt | null>(null);
  // A new form each time (key): nothing of the last report stays in it.
  const [round, setRound] = useState(0);
  const sent = (value: TReportReceipt) => {
    setReceipt(value);
    window.scrollTo(0, 0);
  };
  if (receipt) {
    return (
      <>
        <h1>{t('report.title')}</h1>
        <ReportReceipt
          receipt={receipt}
          onAnother={() => {
            setReceipt(null);
            setRound((value) => value + 1);
          }}
        />
      </>
    );
  }
  return (
    <>
      <h1>{t('report.title')}</h1>
      <p className="lead">{t('report.lead')}</p>
      <p>{t('report.anonymous')}</p>

      <section className="card card--warning" aria-labelledby="rule-title">
        <h2 id="rule-title">{t('report.ruleTitle')}</h2>
        <p>{t('report.ruleBody')}</p>
      </section>

      <p className="report-simple">
        <SimpleFormLink>{t('report.simpleLink')}</SimpleFormLink>
      </p>

      <section className="card">
        <ReportForm key={round} onSent={sent} />
      </section>

      <p>
        <PublicLink to={STATUS_PAGE_PATH}>{t('report.haveCode')}</PublicLink>
      </p>
      <p>{t('report.pharos')}</p>
      <ReachUs title={t('phones.title')} />
    </>
  );
}

function StatusPage() {
  const { t } = useTranslation();
  usePageTitle(t('report.status.title'), useHelplineName(t('common.appName')));
  return (
    <>
      <h1>{t('report.status.title')}</h1>
      <p className="lead">{t('report.status.lead')}</p>
      <ReportStatusView />
    </>
  );
}

/**
 * The JavaScript-free form is a page of the server, not of this client: it is loaded afresh, replacing
 * the history entry as every public link does (the quick exit relies on Abri holding a single one).
 */
function SimpleFormLink({ children }: { children: React.ReactNode }) {
  const { i18n } = useTranslation();
  const href = i18n.language === 'fr' ? SIMPLE_FORM_PATH : `${SIMPLE_FORM_PATH}?lang=${i18n.language}`;
  return (
    <a
      href={href}
      onClick={(event) => {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        window.location.replace(href);
      }}
    >
      {children}
    </a>
  );
}
