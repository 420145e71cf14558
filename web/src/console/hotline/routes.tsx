// The hotline pages under /console: the analysts' queue and items (ability hotline.analyse), and the
// IP-range table of the hosting lookup (settings.manage). Returned as <Route> elements for console-app.tsx's
// <Routes> (call hotlineRoutes(), not <HotlineRoutes/>).
import type { TAbility } from '@abri/contracts';
import { Route } from 'react-router';
import { RequireAbility } from '../console-layout.tsx';
import HostingPage from './hosting-page.tsx';
import ItemPage from './item-page.tsx';
import QueuePage from './queue-page.tsx';

const PAGES: readonly (readonly [string, () => React.JSX.Element, TAbility])[] = [
  ['hotline', QueuePage, 'hotline.analyse'],
  ['hotline/items/:id', ItemPage, 'hotline.analyse'],
  ['admin/hosting', HostingPage, 'settings.manage'],
];

export function hotlineRoutes() {
  return PAGES.map(([path, Page, ability]) => (
    <Route
      key={path}
      path={path}
      element={
        <RequireAbility ability={ability}>
          <Page />
        </RequireAbility>
      }
    />
  ));
}
