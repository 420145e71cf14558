// Routes. The public site does not use react-router: its tiny router (ui/public-router.tsx) keeps the
// visitors' JavaScript small. The public frame and home page are in the entry chunk, the other public
// pages are lazy-loaded together with their strings (PublicLayout shows a loading line meanwhile). The
// staff console is lazy-loaded too, with react-router, so none of its code (nor its CSS, nor its strings)
// is downloaded by a visitor.
import { lazy, Suspense } from 'react';
import { loadStrings, type StringSection, useTranslation } from './i18n/index.ts';
import HomePage from './public/home-page.tsx';
import PublicLayout from './public/public-layout.tsx';
import { isConsolePath, PublicRouter, routePath, usePathname } from './ui/public-router.tsx';

const ConsoleRoot = lazy(() => import('./console/console-root.tsx'));

/** A lazy page whose strings (their own small chunk, in the current language) load alongside its code. */
function page(load: () => Promise<{ default: () => React.ReactNode }>, strings?: StringSection) {
  return lazy(async () => {
    // Should the strings fail to come, the page still shows (as the console does, see console-strings.ts).
    const [module] = await Promise.all([load(), strings && loadStrings(strings).catch(() => {})]);
    return module;
  });
}

// Each public page but the home page is its own small chunk, so that no page carries the others' code
// (the live chat, on /parler, is the big one).
const TalkPage = page(() => import('./public/talk-page.tsx'), 'talk');
const ReportPage = page(() => import('./public/report-page.tsx'), 'report');
const ResourcesPage = page(() => import('./public/resources-page.tsx'), 'resources');
const ConfidentialityPage = page(() => import('./public/confidentiality-page.tsx'), 'confidentiality');
const NotFoundPage = page(() => import('./public/not-found-page.tsx'));

function Loading() {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      {t('common.loading')}
    </p>
  );
}

function PublicPage() {
  const path = routePath(usePathname());
  switch (path) {
    case '/':
      return <HomePage />;
    case '/parler':
      return <TalkPage />;
    case '/signaler':
    case '/signaler/suivi':
      // The status page shares the report chunk and strings (see report-page.tsx).
      return <ReportPage />;
    case '/ressources':
      return <ResourcesPage />;
    case '/confidentialite':
      return <ConfidentialityPage />;
    default:
      return <NotFoundPage />;
  }
}

export function App() {
  // Public links never lead to the console without loading the page afresh, nor the console's to the
  // public site (see console-root.tsx), so which app to show is settled once.
  if (isConsolePath(window.location.pathname)) {
    return (
      <Suspense fallback={<Loading />}>
        <ConsoleRoot />
      </Suspense>
    );
  }
  return (
    <PublicRouter>
      <PublicLayout>
        <PublicPage />
      </PublicLayout>
    </PublicRouter>
  );
}
