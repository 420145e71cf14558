// Page skeleton pieces shared by the public site and the console: the skip link and the main region.
import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from '../i18n/index.ts';

export const MAIN_ID = 'main';

function focusMain(): void {
  const main = document.getElementById(MAIN_ID);
  if (!main) return;
  main.focus();
  main.scrollIntoView();
}

/**
 * "Skip to content". It moves focus itself instead of following #main: a hash change would add a
 * history entry, and the quick exit relies on Abri occupying a single one.
 */
export function SkipLink() {
  const { t } = useTranslation();
  return (
    <a
      className="skip-link"
      href={`#${MAIN_ID}`}
      onClick={(event) => {
        event.preventDefault();
        focusMain();
      }}
    >
      {t('skipLink')}
    </a>
  );
}

/**
 * The main landmark; after a client-side navigation (a new `pathname`, from whichever router the page
 * uses), focus moves to it so screen readers follow.
 */
export function Main({
  children,
  className,
  pathname,
}: {
  children: ReactNode;
  className?: string;
  pathname: string;
}) {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (pathname) document.getElementById(MAIN_ID)?.focus();
    window.scrollTo(0, 0);
  }, [pathname]);
  return (
    <main id={MAIN_ID} tabIndex={-1} className={className}>
      {children}
    </main>
  );
}
