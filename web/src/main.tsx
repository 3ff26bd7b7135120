import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode, Suspense, lazy, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { AppLayout } from './core/layout';
import { LanguageProvider, useLanguage } from './core/language';
import { LoginPage } from './core/login-page';
import { useSessionUser } from './core/use-session';
import { homeOf } from './core/home';

dayjs.locale('zh-cn');

const WorkbenchPage = lazy(() => import('./antenatal/workbench-page'));
const SearchPage = lazy(() => import('./women/search-page'));
const PregnancyPage = lazy(() => import('./women/pregnancy-page'));
const RegistrationPage = lazy(() => import('./women/registration-page'));
const NewbornPage = lazy(() => import('./delivery/newborn-page'));
const DashboardPage = lazy(() => import('./indicators/dashboard-page'));
const IndicatorPage = lazy(() => import('./indicators/indicator-page'));
const ReportPage = lazy(() => import('./indicators/report-page'));
const BreastfeedingAuditPage = lazy(() => import('./breastfeeding/audit-page'));
const AuditPage = lazy(() => import('./admin/audit-page'));
const CataloguesPage = lazy(() => import('./admin/catalogues-page'));
const DuplicatesPage = lazy(() => import('./admin/duplicates-page'));
const UsersPage = lazy(() => import('./admin/users-page'));
const SchedulePage = lazy(() => import('./admin/schedule-page'));
const TargetsPage = lazy(() => import('./admin/targets-page'));

/**
 * Ant Design's default blue (#1677ff), its lighter hover blue and grey secondary text fall short
 * of WCAG AA contrast on white; these pass (4.5:1 and more), hovered too.
 */
const THEME = {
  token: {
    colorPrimary: '#0958d9',
    colorPrimaryHover: '#003eb3',
    colorPrimaryActive: '#002c8c',
    colorLink: '#0958d9',
    colorLinkHover: '#003eb3',
    colorError: '#cf1322',
    colorErrorHover: '#a8071a',
    colorTextSecondary: '#595959',
    colorTextDescription: '#595959',
  },
};

const queries = new QueryClient({
  defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } },
});

/** Signed-in pages; without a session, the login, which brings her back here. */
function RequireSession({ children }: { children: ReactNode }) {
  const user = useSessionUser();
  const location = useLocation();
  if (!user)
    return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return children;
}

/**
 * Anything else: where her role starts; signed out, the login, which then takes her to her role's
 * start (not to the office's, which is where an unknown role would start).
 */
function Home() {
  const user = useSessionUser();
  return <Navigate to={user ? homeOf(user.role) : '/login'} replace />;
}

function Localised({ children }: { children: ReactNode }) {
  const { language } = useLanguage();
  dayjs.locale(language === 'zh' ? 'zh-cn' : 'en');
  return (
    <ConfigProvider locale={language === 'zh' ? zhCN : enUS} theme={THEME}>
      <AntApp>
        <div lang={language === 'zh' ? 'zh-CN' : 'en'}>{children}</div>
      </AntApp>
    </ConfigProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queries}>
      <LanguageProvider>
        <Localised>
          <BrowserRouter basename="/app">
            <Suspense fallback={null}>
              <Routes>
                <Route path="/login" element={<LoginPage />} />
                <Route
                  element={
                    <RequireSession>
                      <AppLayout />
                    </RequireSession>
                  }
                >
                  <Route path="/workbench" element={<WorkbenchPage />} />
                  <Route path="/search" element={<SearchPage />} />
                  <Route path="/registrations/new" element={<RegistrationPage />} />
                  <Route path="/newborns/:id" element={<NewbornPage />} />
                  <Route path="/pregnancies/:id" element={<PregnancyPage />} />
                  <Route path="/indicators" element={<DashboardPage />} />
                  <Route path="/indicators/:code" element={<IndicatorPage />} />
                  <Route path="/reports" element={<ReportPage />} />
                  <Route path="/breastfeeding-audit" element={<BreastfeedingAuditPage />} />
                  <Route path="/admin/audit" element={<AuditPage />} />
                  <Route path="/admin/catalogues" element={<CataloguesPage />} />
                  <Route path="/admin/duplicates" element={<DuplicatesPage />} />
                  <Route path="/admin/users" element={<UsersPage />} />
                  <Route path="/admin/schedule" element={<SchedulePage />} />
                  <Route path="/admin/targets" element={<TargetsPage />} />
                </Route>
                <Route path="*" element={<Home />} />
              </Routes>
            </Suspense>
          </BrowserRouter>
        </Localised>
      </LanguageProvider>
    </QueryClientProvider>
  </StrictMode>,
);
