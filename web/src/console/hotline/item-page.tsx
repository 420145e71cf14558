// /console/hotline/items/:id: one reported address (or account) with its reports and screenshots, where it
// is hosted, its assessment, the actions to take, the removal follow-up and its history. Screenshots are
// revealed one at a time across the whole page (known material never is); the exposure line stays at the top.
// A confirmed item's picture hashes can be added to a hash bank.
import './hotline.css';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from '../../i18n/index.ts';
import { usePageTitle } from '../../ui/page-title.ts';
import { useLoad } from '../../ui/use-load.ts';
import { ConsoleLoading } from '../session.tsx';
import { hotlineApi, hotlineLinks } from './api.ts';
import { AssessmentForm } from './assessment-form.tsx';
import { ExposureBanner } from './exposure.tsx';
import { HotlineError } from './hotline-error.tsx';
import { useHotlineT } from './i18n.ts';
import { AddToBank, ItemActions } from './item-actions.tsx';
import { ItemHeader } from './item-header.tsx';
import { ItemHistory } from './item-history.tsx';
import { ItemHosting } from './item-hosting.tsx';
import { ItemReports } from './item-reports.tsx';
import { RemovalTracking } from './removal-tracking.tsx';

/** Pictures checked at once are waited for together before the item is read again. */
const CHECKED_RELOAD_MS = 400;

export default function ItemPage() {
  const t = useHotlineT();
  const { t: tt } = useTranslation();
  const { id = '' } = useParams();
  const { data: item, setData, error, reload } = useLoad(() => hotlineApi.item(id), [id]);
  const offences = useLoad(() => hotlineApi.offences(), []);
  const [revealed, setRevealed] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const messageRef = useRef<HTMLDivElement>(null);
  // Pictures checked against the banks while the page was open: one new reading of the item for all of them.
  const refreshTimer = useRef<number | null>(null);
  const refreshSoon = useCallback(() => {
    if (refreshTimer.current !== null) window.clearTimeout(refreshTimer.current);
    refreshTimer.current = window.setTimeout(() => {
      refreshTimer.current = null;
      void reload();
    }, CHECKED_RELOAD_MS);
  }, [reload]);
  useEffect(
    () => () => {
      if (refreshTimer.current !== null) window.clearTimeout(refreshTimer.current);
    },
    [],
  );
  usePageTitle(item ? t('item.pageTitle', { host: item.host }) : t('queue.title'), tt('console.brand'));

  if (error && !item) {
    return (
      <div className="hotline">
        <p className="hotline-breadcrumb">
          <Link to="/console/hotline">{t('item.back')}</Link>
        </p>
        <h1>{t('item.notLoaded')}</h1>
        <HotlineError error={error} onRetry={() => void reload()} />
      </div>
    );
  }
  if (!item) return <ConsoleLoading />;

  // A panel that closes or a button that gives way to another leaves focus nowhere: it goes to the message.
  const say = (text: string) => {
    setMessage(text);
    window.setTimeout(() => {
      const active = document.activeElement;
      if (!active || active === document.body || !active.isConnected) messageRef.current?.focus();
    }, 0);
  };
  const changed = (updated: typeof item, text: string) => {
    setData(updated);
    say(text);
  };

  return (
    <div className="hotline">
      <p className="hotline-breadcrumb">
        <Link to="/console/hotline">{t('item.back')}</Link>
      </p>
      <h1>
        {item.kind === 'account'
          ? t('item.headingAccount', { platform: item.platform ?? item.host })
          : t('item.heading', { host: item.host })}
      </h1>
      <ExposureBanner />
      <div
        className="hotline-message"
        role="status"
        data-testid="hotline-message"
        ref={messageRef}
        tabIndex={-1}
      >
        {message && <p className="notice notice--success">{message}</p>}
      </div>
      <HotlineError error={error} onRetry={() => void reload()} />
      <ItemHeader item={item} onChanged={changed} />

      <div className="hotline-layout">
        <div className="hotline-layout__main">
          <ItemReports item={item} revealed={revealed} onReveal={setRevealed} onChecked={refreshSoon} />
          <HotlineError error={offences.error} onRetry={() => void offences.reload()} />
          <AssessmentForm
            key={`${item.id}-${item.assessment?.revision ?? 0}`}
            item={item}
            offences={offences.data ?? []}
            onSaved={changed}
            onReload={() => void reload()}
          />
          <ItemActions item={item} onChanged={changed} onMessage={say} onReload={() => void reload()} />
          <AddToBank item={item} onAdded={() => void reload()} />
        </div>
        <div className="hotline-layout__side">
          <ItemHosting item={item} onChanged={changed} />
          <RemovalTracking item={item} />
          <ItemHistory actions={item.actions} />
          <p>
            <a className="button button--secondary" href={hotlineLinks.itemExport(item.id)} download>
              {t('item.exportJson')}
            </a>
          </p>
        </div>
      </div>
    </div>
  );
}
