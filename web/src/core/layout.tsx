import { Button, Layout, Menu, Space, Typography } from 'antd';
import { Link, Outlet, useLocation } from 'react-router';
import { api } from './api';
import { CORE_TEXT } from './core.text';
import { IdleLogout } from './idle-logout';
import { useLanguage, useText } from './language';
import { session } from './session';
import { useSessionUser } from './use-session';

/** The frame of every signed-in page: the menu, who she is, language, logout. */
export function AppLayout() {
  const text = useText(CORE_TEXT);
  const { language, setLanguage } = useLanguage();
  const user = useSessionUser();
  const location = useLocation();
  const items = [
    { key: '/workbench', label: <Link to="/workbench">{text.workbench}</Link> },
    { key: '/search', label: <Link to="/search">{text.search}</Link> },
    { key: '/registrations', label: <Link to="/registrations/new">{text.register}</Link> },
  ];
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
      <Layout.Content style={{ padding: 24 }}>
        <main>
          <Outlet />
        </main>
      </Layout.Content>
      <IdleLogout />
    </Layout>
  );
}
