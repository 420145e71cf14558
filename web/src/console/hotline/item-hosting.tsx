// Where the content is hosted, from the address's DNS and the IP-range table: addresses, country, network,
// provider, when it was looked up, and why not when it failed; "look up again" asks the server to redo it.
import type { THotlineItem } from '@abri/contracts';
import { useState } from 'react';
import { useTranslation } from '../../i18n/index.ts';
import { formatDateTime } from '../format.ts';
import { hotlineApi } from './api.ts';
import { countryName } from './display.ts';
import { HotlineError } from './hotline-error.tsx';
import { useHotlineT } from './i18n.ts';

type Props = { item: THotlineItem; onChanged: (item: THotlineItem, message: string) => void };

export function ItemHosting({ item, onChanged }: Props) {
  const t = useHotlineT();
  const { i18n } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const hosting = item.hosting;

  const lookUp = async () => {
    setBusy(true);
    setError(null);
    try {
      onChanged(await hotlineApi.lookUpHosting(item.id), t('hosting.lookedUp'));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="hotline-hosting-title" data-testid="hotline-hosting">
      <h2 id="hotline-hosting-title">{t('hosting.title')}</h2>
      {!hosting && (
        <p className="muted">{item.kind === 'account' ? t('hosting.account') : t('hosting.none')}</p>
      )}
      {hosting && (
        <>
          {hosting.error && <p className="notice notice--info">{t(`hosting.errors.${hosting.error}`)}</p>}
          <dl className="hotline-facts hotline-facts--compact">
            <div>
              <dt>{t('hosting.country')}</dt>
              <dd>{countryName(hosting.country, i18n.language)}</dd>
            </div>
            <div>
              <dt>{t('hosting.provider')}</dt>
              <dd>{hosting.provider ?? t('hosting.unknown')}</dd>
            </div>
            <div>
              <dt>{t('hosting.asn')}</dt>
              <dd>{hosting.asn === null ? t('hosting.unknown') : `AS${hosting.asn}`}</dd>
            </div>
            <div>
              <dt>{t('hosting.resolvedAt')}</dt>
              <dd>{formatDateTime(hosting.resolvedAt, i18n.language)}</dd>
            </div>
          </dl>
          {hosting.addresses.length > 0 ? (
            <ul className="plain-list hotline-ips" aria-label={t('hosting.ips')}>
              {hosting.addresses.map((address) => (
                <li key={address.ip}>
                  <code>{address.ip}</code>{' '}
                  <span className="muted">
                    {address.hosting
                      ? `${countryName(address.hosting.country, i18n.language)} · AS${address.hosting.asn} · ${address.hosting.provider}`
                      : t('hosting.notInTable')}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            hosting.ips.length > 0 && (
              <ul className="plain-list hotline-ips" aria-label={t('hosting.ips')}>
                {hosting.ips.map((ip) => (
                  <li key={ip}>
                    <code>{ip}</code>
                  </li>
                ))}
              </ul>
            )
          )}
        </>
      )}
      {item.kind === 'url' && (
        <div className="row-actions">
          <button
            type="button"
            className="button button--secondary"
            disabled={busy}
            aria-busy={busy || undefined}
            onClick={() => void lookUp()}
          >
            {t('hosting.lookUp')}
          </button>
        </div>
      )}
      <HotlineError error={error} />
    </section>
  );
}
