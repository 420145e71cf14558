// Routes. Public pages are in the entry chunk; the staff console is lazy-loaded, so none of its code
// (nor its CSS) is downloaded by a visitor.
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Route, Routes } from 'react-router';
import ConfidentialityPage from './public/confidentiality-page.tsx';
import HomePage from './public/home-page.tsx';
import NotFoundPage from './public/not-found-page.tsx';
import PublicLayout from './public/public-layout.tsx';
import ReportPage from './public/report-page.tsx';
import ResourcesPage from './public/resources-page.tsx';
import TalkPage from './public/talk-page.tsx';

const ConsoleApp = lazy(() => import('./console/console-app.tsx'));

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
