// Routes. The public frame and home page are in the entry chunk, the other public pages are lazy-loaded
// (PublicLayout shows a loading line meanwhile); the staff console is lazy-loaded too, so none of its
// code (nor its CSS, nor its strings) is downloaded by a visitor.
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Route, Routes } from 'react-router';
import HomePage from './public/home-page.tsx';
import PublicLayout from './public/public-layout.tsx';

const ConsoleApp = lazy(() => import('./console/console-app.tsx'));
// Each public page but the home page is its own small chunk, so that no page carries the others' code
// (the live chat, on /parler, is the big one).
const TalkPage = lazy(() => import('./public/talk-page.tsx'));
const ReportPage = lazy(() => import('./public/report-page.tsx'));
const ResourcesPage = lazy(() => import('./public/resources-page.tsx'));
const ConfidentialityPage = lazy(() => import('./public/confidentiality-page.tsx'));
const NotFoundPage = lazy(() => import('./public/not-found-page.tsx'));

function Loading() {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      {t('common.loading')}
    </p>
  );
}

export function App() {
  return (
    <BrowserRouter>
      <Routes>
        <Route
          path="/console/*"
          element={
            <Suspense fallback={<Loading />}>
              <ConsoleApp />
            </Suspense>
          }
        />
        <Route element={<PublicLayout />}>
          <Route index element={<HomePage />} />
          <Route path="parler" element={<TalkPage />} />
          <Route path="signaler" element={<ReportPage />} />
          <Route path="ressources" element={<ResourcesPage />} />
          <Route path="confidentialite" element={<ConfidentialityPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
