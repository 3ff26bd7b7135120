import { Button, Layout, Menu, Space, Typography } from 'antd';
import { Link, Outlet, useLocation } from 'react-router';
import { api } from './api';
import { CORE_TEXT } from './core.text';
import { IdleLogout } from './idle-logout';
import { useLanguage, useText } from './language';
import { session } from './session';
import { useSessionUser } from './use-session';

/** The roles of the ward desk, and of the maternal-health office and the report desk. */
const WARD_ROLES: readonly string[] = ['nurse', 'mch_staff'];
const OFFICE_ROLES: readonly string[] = ['mch_staff', 'statistician', 'admin'];
/** The breastfeeding audit: the office works through it; statisticians read it. */
const BREASTFEEDING_AUDIT_ROLES: readonly string[] = ['mch_staff', 'statistician'];
/** The audit log and the duplicate queue: the service answers them to these roles only. */
const AUDIT_READERS: readonly string[] = ['admin', 'mch_staff'];
const CATALOGUE_READERS: readonly string[] = ['admin', 'system_admin'];
/** A facility's administrator, and the system administrator who manages every facility. */
const ADMIN_ROLES: readonly string[] = ['admin', 'system_admin'];

/** The frame of every signed-in page: the menu, who she is, language, logout. */
export function AppLayout() {
  const text = useText(CORE_TEXT);
  const { language, setLanguage } = useLanguage();
  const user = useSessionUser();
  const location = useLocation();
  const role = user?.role ?? '';
  const items = [
    { key: '/workbench', to: '/workbench', label: text.workbench, roles: WARD_ROLES },
    { key: '/search', to: '/search', label: text.search, roles: WARD_ROLES },
    { key: '/registrations', to: '/registrations/new', label: text.register, roles: WARD_ROLES },
    { key: '/indicators', to: '/indicators', label: text.indicators, roles: OFFICE_ROLES },
    { key: '/reports', to: '/reports', label: text.reports, roles: OFFICE_ROLES },
    {
      key: '/breastfeeding-audit',
      to: '/breastfeeding-audit',
      label: text.breastfeedingAudit,
      roles: BREASTFEEDING_AUDIT_ROLES,
    },
    { key: '/admin/users', to: '/admin/users', label: text.adminUsers, roles: ADMIN_ROLES },
    {
      key: '/admin/schedule',
      to: '/admin/schedule',
      label: text.adminSchedule,
      roles: ADMIN_ROLES,
    },
    { key: '/admin/targets', to: '/admin/targets', label: text.adminTargets, roles: ADMIN_ROLES },
    { key: '/admin/audit', to: '/admin/audit', label: text.auditLog, roles: AUDIT_READERS },
    {
      key: '/admin/catalogues',
      to: '/admin/catalogues',
      label: text.catalogues,
      roles: CATALOGUE_READERS,
    },
    {
      key: '/admin/duplicates',
      to: '/admin/duplicates',
      label: text.duplicates,
      roles: AUDIT_READERS,
    },
  ]
    .filter((item) => item.roles.includes(role))
    .map(({ key, to, label }) => ({ key, label: <Link to={to}>{label}</Link> }));
  const selected = items.find((item) => location.pathname.startsWith(item.key))?.key;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 24 }}>
        <Typography.Text strong style={{ color: '#fff', fontSize: 18, whiteSpace: 'nowrap' }}>
          {text.appName}
        </Typography.Text>
        <nav aria-label={text.appName} style={{ flex: 1, minWidth: 0 }}>
          <Menu
            theme="dark"
            mode="horizontal"
            selectedKeys={selected ? [selected] : []}
            items={items}
          />
        </nav>
        <Space>
          <Typography.Text style={{ color: '#fff' }}>{user?.username}</Typography.Text>
          <Button
            size="small"
            onClick={() => setLanguage(language === 'zh' ? 'en' : 'zh')}
            lang={language === 'zh' ? 'en' : 'zh'}
          >
            {text.language}
          </Button>
          <Button
            size="small"
            onClick={() => {
              void api.POST('/auth/logout').finally(() => session.end());
            }}
          >
            {text.logout}
          </Button>
        </Space>
      </Layout.Header>
      {/* Ant Design's Content is the page's one <main>. */}
      <Layout.Content style={{ padding: 24 }}>
        <Outlet />
      </Layout.Content>
      <IdleLogout />
    </Layout>
  );
}
