// Previous / next for the queue, with "page n of m"; the page is in the address (?page=) so that the back
// button and a shared link return to it. Filters changed go back to the first page.
import { useSearchParams } from 'react-router';
import { PAGE_SIZE } from './constants.ts';
import { useHotlineT } from './i18n.ts';

export function usePage(): { page: number; offset: number } {
  const [params] = useSearchParams();
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  return { page, offset: (page - 1) * PAGE_SIZE };
}

export function Pager({ total, label }: { total: number; label: string }) {
  const t = useHotlineT();
  const [params, setParams] = useSearchParams();
  const { page } = usePage();
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  if (total <= PAGE_SIZE && page === 1) {
    return <p className="muted">{t('list.total', { count: total })}</p>;
  }
  const go = (next: number) => {
    const copy = new URLSearchParams(params);
    if (next <= 1) copy.delete('page');
    else copy.set('page', String(next));
    setParams(copy);
  };
  return (
    <nav className="hotline-pager" aria-label={label}>
      <button
        type="button"
        className="button button--secondary"
        disabled={page <= 1}
        onClick={() => go(page - 1)}
      >
        {t('list.previous')}
      </button>
      <span aria-live="polite">
        {t('list.page', { page, pages })} · {t('list.total', { count: total })}
      </span>
      <button
        type="button"
        className="button button--secondary"
        disabled={page >= pages}
        onClick={() => go(page + 1)}
      >
        {t('list.next')}
      </button>
    </nav>
  );
}

/** Change some parameters of the address, back to the first page. */
export function useQueueParams(): [URLSearchParams, (changes: Record<string, string | null>) => void] {
  const [params, setParams] = useSearchParams();
  const update = (changes: Record<string, string | null>) => {
    const copy = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === null || value === '') copy.delete(key);
      else copy.set(key, value);
    }
    copy.delete('page');
    setParams(copy, { replace: true });
  };
  return [params, update];
}
