// The hash bank pages under /console, for administrators (ability banks.manage): the list of banks with
// this instance's index and the creation form, and one bank (edit, import, export, imports, delete).
// Returned as <Route> elements for console-app.tsx's <Routes> (call bankRoutes(), not <BankRoutes/>).
import { Route } from 'react-router';
import { RequireAbility } from '../console-layout.tsx';
import BankPage from './bank-page.tsx';
import BanksPage from './banks-page.tsx';

const PAGES = [
  ['admin/banks', BanksPage],
  ['admin/banks/:id', BankPage],
] as const;

export function bankRoutes() {
  return PAGES.map(([path, Page]) => (
    <Route
      key={path}
      path={path}
      element={
        <RequireAbility ability="banks.manage">
          <Page />
        </RequireAbility>
      }
    />
  ));
}
