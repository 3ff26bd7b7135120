import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { api, failureMessage, unwrap } from './api';
import { CORE_TEXT } from './core.text';
import { useText } from './language';
import { session } from './session';
import { homeOf } from './home';

interface Credentials {
  username: string;
  password: string;
}

/** 登录: after it she returns to the page she was sent away from. */
export function LoginPage() {
  const text = useText(CORE_TEXT);
  const navigate = useNavigate();
  const location = useLocation();
  const state = (location.state ?? {}) as { from?: string };
  const ended = session.endReason();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (values: Credentials) => {
    setBusy(true);
    setError(null);
    try {
      const login = await unwrap(api.POST('/auth/login', { body: values }));
      session.start(login.accessToken, login.user);
      void navigate(state.from && state.from !== '/login' ? state.from : homeOf(login.user.role), {
        replace: true,
      });
    } catch (failure) {
      setError(failureMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main
      style={{ display: 'grid', placeItems: 'center', minHeight: '100vh', background: '#f0f2f5' }}
    >
      <Card style={{ width: 360 }}>
        <Typography.Title level={1} style={{ fontSize: 22, textAlign: 'center' }}>
          {text.appName}
        </Typography.Title>
        {ended === 'idle' && (
          <Alert type="info" showIcon title={text.loggedOutIdle} style={{ marginBottom: 16 }} />
        )}
        {ended === 'expired' && !error && (
          <Alert type="info" showIcon title={text.sessionExpired} style={{ marginBottom: 16 }} />
        )}
        {error && (
          <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />
        )}
        <Form<Credentials>
          layout="vertical"
          onFinish={(values) => void submit(values)}
          requiredMark={false}
        >
          <Form.Item
            label={text.username}
            name="username"
            rules={[{ required: true, message: text.usernameRequired }]}
          >
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            label={text.password}
            name="password"
            rules={[{ required: true, message: text.passwordRequired }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {text.login}
          </Button>
        </Form>
      </Card>
    </main>
  );
}
