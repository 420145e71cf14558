// This area's list pager: the shared one (ui/list-pager.tsx) with the area's words and page size.
import { ListPager, useFilterParams, usePage as usePageOf } from '../../ui/list-pager.tsx';
import { PAGE_SIZE } from './constants.ts';
import { useHotlineT } from './i18n.ts';

export { useFilterParams as useQueueParams };

/** The current page (1-based) and the offset to ask for. */
export const usePage = () => usePageOf(PAGE_SIZE);

export function Pager({ total, label }: { total: number; label: string }) {
  const t = useHotlineT();
  const texts = {
    previous: t('list.previous'),
    next: t('list.next'),
    page: (page: number, pages: number) => t('list.page', { page, pages }),
    total: (count: number) => t('list.total', { count }),
  };
  return (
    <ListPager total={total} label={label} pageSize={PAGE_SIZE} texts={texts} className="hotline-pager" />
  );
}
