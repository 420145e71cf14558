// The records pages under /console: contacts, cases and escalations, for people who answer the helpline.
// Returned as <Route> elements for console-app.tsx's <Routes> (call recordRoutes(), not <RecordRoutes/>).
import { Route } from 'react-router';
import { RequireAbility } from '../console-layout.tsx';
import CaseNewPage from './case-new-page.tsx';
import CasePage from './case-page.tsx';
import CasesPage from './cases-page.tsx';
import ContactPage from './contact-page.tsx';
import ContactsPage from './contacts-page.tsx';
import EscalationNewPage from './escalation-new-page.tsx';
import EscalationPage from './escalation-page.tsx';
import EscalationsPage from './escalations-page.tsx';

const PAGES = [
  ['contacts', ContactsPage],
  ['contacts/:id', ContactPage],
  ['cases', CasesPage],
  ['cases/new', CaseNewPage],
  ['cases/:id', CasePage],
  ['escalations', EscalationsPage],
  ['escalations/new', EscalationNewPage],
  ['escalations/:id', EscalationPage],
] as const;

export function recordRoutes() {
  return PAGES.map(([path, Page]) => (
    <Route
      key={path}
      path={path}
      element={
        <RequireAbility ability="helpline.answer">
          <Page />
        </RequireAbility>
      }
    />
  ));
}
