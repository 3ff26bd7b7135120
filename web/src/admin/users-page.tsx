import { Button, Form, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  USERNAME_PATTERN,
} from '../../../src/core/users/rules/credentials';
import { withoutBlanks } from '../core/form-save';
import { fill, optionsOf, useText } from '../core/language';
import { QueryFailure } from '../core/query-failure';
import { tableEmpty } from '../core/table-empty';
import { useSessionUser } from '../core/use-session';
import { ADMIN_TEXT, ROLE_NAMES } from './admin.text';
import { useUserChanges, useUsersOfFacility, type User } from './admin-queries';
import { useManagedFacility } from './facility-picker';
import { FormDialog, useAction } from './form-dialog';

type Role = keyof (typeof ROLE_NAMES)['zh'];
type Changes = ReturnType<typeof useUserChanges>;
type Dialog = { kind: 'create' } | { kind: 'role' | 'password'; user: User } | null;

/** The roles she may grant: a system admin every role, a facility admin all but system admin. */
function useRoleOptions() {
  const names = useText(ROLE_NAMES);
  const systemAdmin = useSessionUser()?.role === 'system_admin';
  return optionsOf(names).filter((option) => systemAdmin || option.value !== 'system_admin');
}

/** 用户: the facility's users, and what an administrator does to them. */
export default function UsersPage() {
  const text = useText(ADMIN_TEXT);
  const roleNames = useText(ROLE_NAMES);
  const me = useSessionUser();
  const { facilityId, picker } = useManagedFacility();
  const users = useUsersOfFacility(facilityId);
  const changes = useUserChanges(facilityId);
  const [dialog, setDialog] = useState<Dialog>(null);

  const act = useAction();
  const setActive = (user: User, active: boolean) =>
    act(
      () => changes.update.mutateAsync({ id: user.id, version: user.version, active }),
      active ? text.reactivated : text.deactivated,
    );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {text.usersTitle}
      </Typography.Title>
      <Space wrap size="large" align="center">
        {picker}
        <Button type="primary" onClick={() => setDialog({ kind: 'create' })}>
          {text.newUser}
        </Button>
      </Space>
      <Typography.Text type="secondary">{text.endsSessionsNote}</Typography.Text>
      {users.error ? (
        <QueryFailure error={users.error} />
      ) : (
        <Table<User>
          rowKey="id"
          loading={users.isPending}
          dataSource={users.data?.items ?? []}
          pagination={false}
          locale={tableEmpty(text.noUsers)}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: text.username, dataIndex: 'username' },
            {
              title: text.displayName,
              dataIndex: 'displayName',
              render: (name: string, user) =>
                user.id === me?.userId ? `${name}${text.you}` : name,
            },
            {
              title: text.role,
              dataIndex: 'role',
              render: (role: string) => roleNames[role as Role] ?? role,
            },
            {
              title: text.status,
              dataIndex: 'active',
              render: (active: boolean) =>
                active ? ( // Ant Design's green text on its green falls short of AA contrast: darker text.
                  <Tag color="green" style={{ color: '#135200' }}>
                    {text.active}
                  </Tag>
                ) : (
                  <Tag>{text.inactive}</Tag>
                ),
            },
            {
              title: text.actions,
              key: 'actions',
              render: (_, user) => (
                <UserActions
                  user={user}
                  self={user.id === me?.userId}
                  onRole={() => setDialog({ kind: 'role', user })}
                  onPassword={() => setDialog({ kind: 'password', user })}
                  onEndSessions={() =>
                    act(() => changes.endSessions.mutateAsync(user.id), text.sessionsEnded)
                  }
                  onActive={(active) => setActive(user, active)}
                />
              ),
            },
          ]}
        />
      )}
      {dialog?.kind === 'create' && (
        <CreateUserDialog
          facilityId={facilityId}
          changes={changes}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === 'role' && (
        <RoleDialog user={dialog.user} changes={changes} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'password' && (
        <PasswordDialog user={dialog.user} changes={changes} onClose={() => setDialog(null)} />
      )}
    </Space>
  );
}

function UserActions({
  user,
  self,
  onRole,
  onPassword,
  onEndSessions,
  onActive,
}: {
  user: User;
  self: boolean;
  onRole: () => void;
  onPassword: () => void;
  onEndSessions: () => Promise<void>;
  onActive: (active: boolean) => Promise<void>;
}) {
  const text = useText(ADMIN_TEXT);
  const name = user.displayName;
  // Her own account: she would lock herself out; another administrator does that.
  if (self) return null;
  return (
    <Space wrap size="small">
      <Button size="small" onClick={onRole} aria-label={`${text.changeRole}：${name}`}>
        {text.changeRole}
      </Button>
      <Button size="small" onClick={onPassword} aria-label={`${text.resetPassword}：${name}`}>
        {text.resetPassword}
      </Button>
      <Popconfirm
        title={fill(text.endSessionsConfirm, { name })}
        okText={text.yes}
        cancelText={text.cancel}
        onConfirm={() => void onEndSessions()}
      >
        <Button size="small" aria-label={`${text.endSessions}：${name}`}>
          {text.endSessions}
        </Button>
      </Popconfirm>
      {user.active ? (
        <Popconfirm
          title={fill(text.deactivateConfirm, { name })}
          okText={text.yes}
          cancelText={text.cancel}
          okButtonProps={{ danger: true }}
          onConfirm={() => void onActive(false)}
        >
          <Button size="small" danger aria-label={`${text.deactivate}：${name}`}>
            {text.deactivate}
          </Button>
        </Popconfirm>
      ) : (
        <Popconfirm
          title={fill(text.reactivateConfirm, { name })}
          okText={text.yes}
          cancelText={text.cancel}
          onConfirm={() => void onActive(true)}
        >
          <Button size="small" aria-label={`${text.reactivate}：${name}`}>
            {text.reactivate}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );
}

interface CreateValues {
  username: string;
  displayName: string;
  role: Role;
  password: string;
}

function CreateUserDialog({
  facilityId,
  changes,
  onClose,
}: {
  facilityId: number;
  changes: Changes;
  onClose: () => void;
}) {
  const text = useText(ADMIN_TEXT);
  const roles = useRoleOptions();
  return (
    <FormDialog<CreateValues>
      title={text.newUser}
      name="new-user"
      submitLabel={text.create}
      done={text.created}
      initialValues={{ role: 'nurse' }}
      save={(values) => changes.create.mutateAsync({ ...withoutBlanks(values), facilityId })}
      onClose={onClose}
    >
      <Form.Item
        name="username"
        label={text.username}
        extra={text.usernameHelp}
        rules={[
          { required: true, message: text.required },
          { pattern: USERNAME_PATTERN, message: text.usernameInvalid },
        ]}
      >
        <Input autoComplete="off" maxLength={64} />
      </Form.Item>
      <Form.Item
        name="displayName"
        label={text.displayName}
        rules={[{ required: true, whitespace: true, message: text.required }]}
      >
        <Input autoComplete="off" maxLength={100} />
      </Form.Item>
      <Form.Item name="role" label={text.role} rules={[{ required: true, message: text.required }]}>
        <Select options={roles} />
      </Form.Item>
      <PasswordItem label={text.initialPassword} />
    </FormDialog>
  );
}

/** A password typed by an administrator: the service's rule shown before she saves. */
function PasswordItem({ label }: { label: string }) {
  const text = useText(ADMIN_TEXT);
  return (
    <Form.Item
      name="password"
      label={label}
      extra={fill(text.passwordHelp, { min: PASSWORD_MIN_LENGTH })}
      rules={[
        { required: true, message: text.required },
        {
          min: PASSWORD_MIN_LENGTH,
          message: fill(text.passwordTooShort, { min: PASSWORD_MIN_LENGTH }),
        },
      ]}
    >
      <Input.Password autoComplete="new-password" maxLength={PASSWORD_MAX_LENGTH} />
    </Form.Item>
  );
}

function RoleDialog({
  user,
  changes,
  onClose,
}: {
  user: User;
  changes: Changes;
  onClose: () => void;
}) {
  const text = useText(ADMIN_TEXT);
  const roles = useRoleOptions();
  return (
    <FormDialog<{ role: Role }>
      title={fill(text.changeRoleTitle, { name: user.displayName })}
      name={`user-role-${user.id}`}
      submitLabel={text.save}
      done={text.roleChanged}
      initialValues={{ role: user.role }}
      save={({ role }) => changes.update.mutateAsync({ id: user.id, version: user.version, role })}
      onClose={onClose}
    >
      <Form.Item name="role" label={text.role} rules={[{ required: true, message: text.required }]}>
        <Select options={roles} />
      </Form.Item>
    </FormDialog>
  );
}

function PasswordDialog({
  user,
  changes,
  onClose,
}: {
  user: User;
  changes: Changes;
  onClose: () => void;
}) {
  const text = useText(ADMIN_TEXT);
  return (
    <FormDialog<{ password: string }>
      title={fill(text.resetPasswordTitle, { name: user.displayName })}
      name={`user-password-${user.id}`}
      submitLabel={text.resetPassword}
      done={text.passwordReset}
      save={({ password }) =>
        changes.update.mutateAsync({ id: user.id, version: user.version, password })
      }
      onClose={onClose}
    >
      <PasswordItem label={text.newPassword} />
    </FormDialog>
  );
}
