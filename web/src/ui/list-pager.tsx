// Previous / next for a console list, with "page n of m"; the page lives in the address (?page=) so that
// the back button and a shared link return to it, and a change of filters goes back to the first page.
// Each area gives its own words (its strings file) and class name.
import { useSearchParams } from 'react-router';

/** The current page (1-based) and the offset to ask for. */
export function usePage(pageSize: number): { page: number; offset: number } {
  const [params] = useSearchParams();
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  return { page, offset: (page - 1) * pageSize };
}

export interface PagerTexts {
  previous: string;
  next: string;
  page: (page: number, pages: number) => string;
  total: (count: number) => string;
}

export function ListPager(props: {
  total: number;
  label: string;
  pageSize: number;
  texts: PagerTexts;
  className: string;
}) {
  const { total, label, pageSize, texts } = props;
  const [params, setParams] = useSearchParams();
  const { page } = usePage(pageSize);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (total <= pageSize && page === 1) return <p className="muted">{texts.total(total)}</p>;
  const go = (next: number) => {
    const copy = new URLSearchParams(params);
    if (next <= 1) copy.delete('page');
    else copy.set('page', String(next));
    setParams(copy);
  };
  return (
    <nav className={props.className} aria-label={label}>
      <button
        type="button"
        className="button button--secondary"
        disabled={page <= 1}
        onClick={() => go(page - 1)}
      >
        {texts.previous}
      </button>
      <span aria-live="polite">
        {texts.page(page, pages)} · {texts.total(total)}
      </span>
      <button
        type="button"
        className="button button--secondary"
        disabled={page >= pages}
        onClick={() => go(page + 1)}
      >
        {texts.next}
      </button>
    </nav>
  );
}

/** Change some filters of the address, back to the first page. */
export function useFilterParams(): [URLSearchParams, (changes: Record<string, string | null>) => void] {
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
