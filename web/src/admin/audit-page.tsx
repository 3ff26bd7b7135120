import {
  Alert,
  Button,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { failureMessage, type Schemas } from '../core/api';
import { formatDateTime, localToInstant } from '../core/hospital-time';
import { fill, useLanguage, useText } from '../core/language';
import { QueryFailure } from '../core/query-failure';
import { tableEmpty } from '../core/table-empty';
import { useSessionUser } from '../core/use-session';
import { type AuditFilter, useAuditEntries, useFacilityUsers, useUnmask } from './audit-queries';
import { ACTION_NAMES, AUDIT_TEXT, ENTITY_NAMES, FIELD_NAMES } from './audit.text';

type Entry = Schemas['AuditEntryDto'];
type Unmasked = Schemas['UnmaskedAuditEntryDto'];
type Values = Record<string, unknown> | null | undefined;

/** Who may reveal an entry's full values: the service answers the others 403. */
const UNMASKERS: readonly string[] = ['admin', 'mch_staff'];
const WITHHELD = '[withheld]';
const PAGE_SIZE = 20;

interface Typed {
  from?: string;
  to?: string;
  userId?: number;
  action?: string;
  entity?: string;
  entityId?: string;
}

function shown(value: unknown, withheld: string): string {
  if (value === WITHHELD) return withheld;
  if (value === null || value === undefined) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Each field an entry names, with its value before and after. */
function rowsOf(before: Values, after: Values) {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  return keys.map((field) => ({ field, before: before?.[field], after: after?.[field] }));
}

/** What an entry holds: each changed field before → after; a new record's filled fields. */
function Changes({ entry, withheld }: { entry: Entry; withheld: string }) {
  const fields = FIELD_NAMES[useLanguage().language];
  const both = !!entry.before && !!entry.after;
  const rows = rowsOf(entry.before, entry.after).filter(
    (row) => both || (entry.after ? row.after : row.before) != null,
  );
  if (rows.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <div style={{ maxWidth: 460, fontSize: 13, lineHeight: 1.6 }}>
      {rows.map((row) => (
        <div key={row.field}>
          <Typography.Text type="secondary">{fields[row.field] ?? row.field}</Typography.Text>{' '}
          {both ? (
            <>
              {shown(row.before, withheld)} → {shown(row.after, withheld)}
            </>
          ) : (
            shown(entry.after ? row.after : row.before, withheld)
          )}
        </div>
      ))}
    </div>
  );
}

/** The entry's full values, once, in a dialog that says the look was audited. */
function UnmaskedDialog({ entry, onClose }: { entry: Unmasked | null; onClose: () => void }) {
  const text = useText(AUDIT_TEXT);
  const fields = FIELD_NAMES[useLanguage().language];
  const both = !!entry?.before && !!entry.after;
  return (
    <Modal
      open={entry !== null}
      title={text.unmaskTitle}
      onCancel={onClose}
      footer={<Button onClick={onClose}>{text.close}</Button>}
      width={720}
      destroyOnHidden
    >
      {entry && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Alert
            type={entry.unmasked ? 'warning' : 'info'}
            showIcon
            title={entry.unmasked ? text.unmaskAudited : text.unmaskNothing}
          />
          <Table
            size="small"
            rowKey="field"
            pagination={false}
            data-testid="unmasked-values"
            dataSource={rowsOf(entry.before, entry.after).filter(
              (row) => both || (entry.after ? row.after : row.before) != null,
            )}
            locale={tableEmpty('—')}
            columns={[
              {
                title: text.field,
                dataIndex: 'field',
                width: 160,
                render: (field: string) => fields[field] ?? field,
              },
              ...(both || entry.before
                ? [
                    {
                      title: both ? text.before : text.value,
                      dataIndex: 'before',
                      render: (value: unknown) => shown(value, text.withheld),
                    },
                  ]
                : []),
              ...(both || entry.after
                ? [
                    {
                      title: both ? text.after : text.value,
                      dataIndex: 'after',
                      render: (value: unknown) => shown(value, text.withheld),
                    },
                  ]
                : []),
            ]}
          />
        </Space>
      )}
    </Modal>
  );
}

/**
 * 审计日志: the facility's trail, newest first, filtered by time (hospital time), user, action,
 * record type and number. Values are as the service lists them (masked); an admin or the
 * maternal-health staff may reveal one entry's full values, which the trail then shows too.
 */
export default function AuditPage() {
  const text = useText(AUDIT_TEXT);
  const { language } = useLanguage();
  const user = useSessionUser();
  const [form] = Form.useForm<Typed>();
  const [filter, setFilter] = useState<AuditFilter>({ page: 1, pageSize: PAGE_SIZE });
  const entries = useAuditEntries(filter);
  const users = useFacilityUsers(user?.role === 'admin');
  const unmask = useUnmask();
  const [revealed, setRevealed] = useState<Unmasked | null>(null);
  const actions = ACTION_NAMES[language];
  const entities = ENTITY_NAMES[language];
  const nameOf = (userId: number | null | undefined) => {
    if (userId === null || userId === undefined) return '—';
    const found = users.data?.items.find((u) => u.id === userId);
    return found ? `${found.displayName}（${found.username}）` : `#${userId}`;
  };

  const search = (typed: Typed) =>
    setFilter({
      page: 1,
      pageSize: filter.pageSize,
      from: typed.from ? localToInstant(typed.from) : undefined,
      to: typed.to ? localToInstant(typed.to) : undefined,
      userId: typed.userId ?? undefined,
      action: typed.action ?? undefined,
      entity: typed.entity ?? undefined,
      entityId: typed.entityId?.trim() || undefined,
    });

  const reveal = (id: number) => unmask.mutate(id, { onSuccess: (entry) => setRevealed(entry) });

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {text.auditTitle}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          {text.auditIntro}
        </Typography.Paragraph>
      </div>
      <Form
        form={form}
        layout="inline"
        aria-label={text.auditTitle}
        onFinish={search}
        style={{ rowGap: 12 }}
      >
        <Form.Item label={`${text.timeRange} ${language === 'zh' ? '从' : 'from'}`} name="from">
          <Input type="datetime-local" style={{ width: 200 }} />
        </Form.Item>
        <Form.Item label={language === 'zh' ? '至' : 'to'} name="to">
          <Input type="datetime-local" style={{ width: 200 }} />
        </Form.Item>
        {users.data ? (
          <Form.Item label={text.user} name="userId">
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              style={{ width: 220 }}
              options={users.data.items.map((u) => ({
                value: u.id,
                label: `${u.displayName}（${u.username}）`,
              }))}
            />
          </Form.Item>
        ) : (
          <Form.Item label={text.userId} name="userId">
            <InputNumber min={1} precision={0} style={{ width: 120 }} />
          </Form.Item>
        )}
        <Form.Item label={text.action} name="action">
          <Select
            allowClear
            style={{ width: 160 }}
            options={Object.entries(actions).map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
        <Form.Item label={text.entity} name="entity">
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 180 }}
            options={Object.entries(entities).map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
        <Form.Item label={text.entityId} name="entityId">
          <Input style={{ width: 120 }} maxLength={40} />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit">
              {text.search}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                setFilter({ page: 1, pageSize: filter.pageSize });
              }}
            >
              {text.reset}
            </Button>
          </Space>
        </Form.Item>
      </Form>
      {unmask.error && (
        <Alert type="error" showIcon title={failureMessage(unmask.error, text.unmaskFailed)} />
      )}
      {entries.error ? (
        <QueryFailure error={entries.error} fallback={text.loadFailed} />
      ) : (
        <Table<Entry>
          rowKey="id"
          size="middle"
          loading={entries.isLoading}
          dataSource={entries.data?.items ?? []}
          locale={tableEmpty(text.noEntries)}
          pagination={{
            current: filter.page,
            pageSize: filter.pageSize,
            total: entries.data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (total) => fill(text.total, { total }),
            onChange: (page) => setFilter({ ...filter, page }),
          }}
          columns={[
            {
              title: text.occurredAt,
              dataIndex: 'occurredAt',
              width: 170,
              render: (at: string) => formatDateTime(at),
            },
            { title: text.user, dataIndex: 'userId', width: 160, render: nameOf },
            {
              title: text.action,
              dataIndex: 'action',
              width: 120,
              render: (action: Entry['action']) => <Tag>{actions[action] ?? action}</Tag>,
            },
            {
              title: text.entity,
              key: 'entity',
              width: 170,
              render: (_, entry) => (
                <span>
                  {entities[entry.entity] ?? entry.entity}{' '}
                  <Typography.Text type="secondary">#{entry.entityId}</Typography.Text>
                </span>
              ),
            },
            {
              title: text.changes,
              key: 'changes',
              render: (_, entry) => <Changes entry={entry} withheld={text.withheld} />,
            },
            {
              title: text.reason,
              dataIndex: 'reason',
              width: 140,
              render: (reason: string | null) => reason ?? '—',
            },
            ...(user && UNMASKERS.includes(user.role)
              ? [
                  {
                    title: text.operations,
                    key: 'unmask',
                    width: 110,
                    render: (_: unknown, entry: Entry) => (
                      <Button
                        size="small"
                        loading={unmask.isPending && unmask.variables === entry.id}
                        onClick={() => reveal(entry.id)}
                        aria-label={`${text.unmask} #${entry.id}`}
                      >
                        {text.unmask}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
      <UnmaskedDialog entry={revealed} onClose={() => setRevealed(null)} />
    </Space>
  );
}
