// The staff console, loaded on demand (React.lazy in app.tsx) so that visitors never download it.
import './console.css';
import '../i18n/console-strings.ts';
import { Link, Route, Routes } from 'react-router';
import { useTranslation } from '../i18n/index.ts';
import AccountPage from './account-page.tsx';
import AuditPage from './audit-page.tsx';
import { bankRoutes } from './banks/index.ts';
import BoardPage from './chat/board-page.tsx';
import CannedAdminPage from './chat/canned-admin-page.tsx';
import ChatArea from './chat/chat-area.tsx';
import WorkspacePage from './chat/workspace-page.tsx';
import { AuthFrame, ConsoleLayout, RequireAbility } from './console-layout.tsx';
import ForcedPasswordPage from './forced-password-page.tsx';
import OutboxPage from './guidance/outbox-page.tsx';
import PartnersPage from './guidance/partners-page.tsx';
import PlatformsPage from './guidance/platforms-page.tsx';
import ProtocolEditorPage from './guidance/protocol-editor-page.tsx';
import ProtocolsPage from './guidance/protocols-page.tsx';
import TaxonomiesPage from './guidance/taxonomies-page.tsx';
import ConsoleHomePage from './home-page.tsx';
import { hotlineRoutes } from './hotline/index.ts';
import LoginPage from './login-page.tsx';
import { recordRoutes } from './records/routes.tsx';
import ResetPage from './reset-page.tsx';
import { RequireStage, SessionProvider } from './session.tsx';
import SettingsPage from './settings-page.tsx';
import { TotpEnrolPage, TotpVerifyPage } from './totp-pages.tsx';
import UsersPage from './users-page.tsx';

export default function ConsoleApp() {
  return (
    <SessionProvider>
      <Routes>
        <Route
          path="login"
          element={
            <AuthFrame>
              <LoginPage />
            </AuthFrame>
          }
        />
        <Route
          path="reset/:token"
          element={
            <AuthFrame>
              <ResetPage />
            </AuthFrame>
          }
        />
        <Route
          path="password"
          element={
            <AuthFrame>
              <RequireStage stage="password_change">
                <ForcedPasswordPage />
              </RequireStage>
            </AuthFrame>
          }
        />
        <Route
          path="2fa/enrol"
          element={
            <AuthFrame>
              <RequireStage stage="totp_enrol">
                <TotpEnrolPage />
              </RequireStage>
            </AuthFrame>
          }
        />
        <Route
          path="2fa"
          element={
            <AuthFrame>
              <RequireStage stage="totp_verify">
                <TotpVerifyPage />
              </RequireStage>
            </AuthFrame>
          }
        />
        <Route
          element={
            <RequireStage stage="active">
              <ConsoleLayout />
            </RequireStage>
          }
        >
          <Route index element={<ConsoleHomePage />} />
          <Route path="account" element={<AccountPage />} />
          <Route path="chat" element={<ChatArea />}>
            <Route
              index
              element={
                <RequireAbility ability="helpline.answer">
                  <WorkspacePage />
                </RequireAbility>
              }
            />
            <Route
              path="board"
              element={
                <RequireAbility ability="helpline.supervise">
                  <BoardPage />
                </RequireAbility>
              }
            />
          </Route>
          <Route
            path="admin/canned-responses"
            element={
              <RequireAbility ability="settings.manage">
                <CannedAdminPage />
              </RequireAbility>
            }
          />
          <Route
            path="admin/users"
            element={
              <RequireAbility ability="users.manage">
                <UsersPage />
              </RequireAbility>
            }
          />
          <Route
            path="admin/audit"
            element={
              <RequireAbility ability="audit.read">
                <AuditPage />
              </RequireAbility>
            }
          />
          <Route
            path="admin/settings"
            element={
              <RequireAbility ability="settings.manage">
                <SettingsPage />
              </RequireAbility>
            }
          />
          <Route
            path="admin/protocols"
            element={
              <RequireAbility ability="settings.manage">
                <ProtocolsPage />
              </RequireAbility>
            }
          />
          <Route
            path="admin/protocols/:topic"
            element={
              <RequireAbility ability="settings.manage">
                <ProtocolEditorPage />
              </RequireAbility>
            }
          />
          <Route
            path="admin/platforms"
            element={
              <RequireAbility ability="settings.manage">
                <PlatformsPage />
              </RequireAbility>
            }
          />
          <Route
            path="admin/taxonomies"
            element={
              <RequireAbility ability="settings.manage">
                <TaxonomiesPage />
              </RequireAbility>
            }
          />
          <Route
            path="admin/partners"
            element={
              <RequireAbility ability="settings.manage">
                <PartnersPage />
              </RequireAbility>
            }
          />
          <Route
            path="admin/outbox"
            element={
              <RequireAbility ability="settings.manage">
                <OutboxPage />
              </RequireAbility>
            }
          />
          {recordRoutes()}
          {hotlineRoutes()}
          {bankRoutes()}
          <Route path="*" element={<ConsoleNotFound />} />
        </Route>
      </Routes>
    </SessionProvider>
  );
}

function ConsoleNotFound() {
  const { t } = useTranslation();
  return (
    <>
      <h1>{t('console.notFound')}</h1>
      <p>
        <Link to="/console">{t('console.backHome')}</Link>
      </p>
    </>
  );
}
