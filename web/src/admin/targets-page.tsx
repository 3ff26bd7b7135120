import { Button, Form, InputNumber, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { INDICATOR_GROUP_NAMES } from '../../../src/indicators/definitions/indicator-definition';
import { formatDateTime } from '../core/hospital-time';
import { fill, optionsOf, useLanguage, useText } from '../core/language';
import { QueryFailure } from '../core/query-failure';
import { formatTarget } from '../indicators/value-format';
import { ADMIN_TEXT, DIRECTION_NAMES } from './admin.text';
import { useTargetChanges, useTargets, type FacilityTarget } from './admin-queries';
import { useManagedFacility } from './facility-picker';
import { FormDialog, useAction } from './form-dialog';

type Changes = ReturnType<typeof useTargetChanges>;

const UNIT_SUFFIX: Record<FacilityTarget['unit'], string> = {
  percent: '%',
  per_mille: '‰',
  per_100000: '/10万',
  count: '',
  ratio: '',
};

/** 指标目标: each indicator's national target and the facility's own, which replaces it. */
export default function TargetsPage() {
  const text = useText(ADMIN_TEXT);
  const { language } = useLanguage();
  const act = useAction();
  const { facilityId, picker } = useManagedFacility();
  const targets = useTargets(facilityId);
  const changes = useTargetChanges(facilityId);
  const [editing, setEditing] = useState<FacilityTarget | null>(null);
  const nameOf = (row: FacilityTarget) => (language === 'zh' ? row.nameZh : row.nameEn);

  const clear = (row: FacilityTarget) =>
    act(() => changes.clear.mutateAsync(row.code), text.targetCleared);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {text.targetsTitle}
      </Typography.Title>
      {picker}
      <Typography.Text type="secondary">{text.targetsHelp}</Typography.Text>
      {targets.error ? (
        <QueryFailure error={targets.error} />
      ) : (
        <Table<FacilityTarget>
          rowKey="code"
          size="small"
          loading={targets.isPending}
          dataSource={targets.data ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          style={{ maxWidth: 1200 }}
          columns={[
            {
              title: text.group,
              dataIndex: 'group',
              width: 140,
              render: (group: FacilityTarget['group']) => INDICATOR_GROUP_NAMES[group][language],
              onCell: (row, index = 0) => {
                const rows = targets.data ?? [];
                if (index > 0 && rows[index - 1]?.group === row.group) return { rowSpan: 0 };
                let span = 1;
                while (rows[index + span]?.group === row.group) span += 1;
                return { rowSpan: span, style: { verticalAlign: 'top' } };
              },
            },
            {
              title: text.code,
              dataIndex: 'code',
              width: 170,
              render: (code: string) => (
                <Typography.Text code style={{ whiteSpace: 'nowrap' }}>
                  {code}
                </Typography.Text>
              ),
            },
            { title: text.indicator, key: 'name', render: (_, row) => nameOf(row) },
            {
              title: text.nationalTarget,
              key: 'national',
              render: (_, row) => formatTarget(row.national, row.unit, text.falling),
            },
            {
              title: text.ownTarget,
              key: 'own',
              render: (_, row) =>
                row.own ? (
                  <Space orientation="vertical" size={0}>
                    <Tag color="blue">{formatTarget(row.own, row.unit, text.falling)}</Tag>
                    {row.ownSetAt && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {fill(text.setAt, { time: formatDateTime(row.ownSetAt) })}
                      </Typography.Text>
                    )}
                  </Space>
                ) : (
                  <Typography.Text type="secondary">{text.useNational}</Typography.Text>
                ),
            },
            {
              title: text.actions,
              key: 'actions',
              render: (_, row) => (
                <Space size="small">
                  <Button
                    size="small"
                    onClick={() => setEditing(row)}
                    aria-label={`${text.edit}：${nameOf(row)}`}
                  >
                    {text.edit}
                  </Button>
                  {row.own && (
                    <Popconfirm
                      title={text.clearTargetConfirm}
                      okText={text.yes}
                      cancelText={text.cancel}
                      onConfirm={() => void clear(row)}
                    >
                      <Button size="small" aria-label={`${text.clearTarget}：${nameOf(row)}`}>
                        {text.clearTarget}
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
            },
          ]}
        />
      )}
      {editing && (
        <TargetDialog
          row={editing}
          name={nameOf(editing)}
          changes={changes}
          onClose={() => setEditing(null)}
        />
      )}
    </Space>
  );
}

interface TargetValues {
  direction: 'at_least' | 'at_most' | 'falling';
  value: number | null;
}

function TargetDialog({
  row,
  name,
  changes,
  onClose,
}: {
  row: FacilityTarget;
  name: string;
  changes: Changes;
  onClose: () => void;
}) {
  const text = useText(ADMIN_TEXT);
  const directions = useText(DIRECTION_NAMES);
  const [form] = Form.useForm<TargetValues>();
  const direction = Form.useWatch('direction', form);
  return (
    <FormDialog<TargetValues>
      title={fill(text.editTargetTitle, { name })}
      name={`target-${row.code}`}
      submitLabel={text.save}
      done={text.targetSaved}
      form={form}
      initialValues={row.own ?? row.national ?? { direction: 'at_least', value: null }}
      save={(values) =>
        changes.set.mutateAsync({
          code: row.code,
          direction: values.direction,
          value: values.value ?? null,
        })
      }
      onClose={onClose}
    >
      <Typography.Paragraph type="secondary">
        {text.nationalTarget}：{formatTarget(row.national, row.unit, text.falling)}
      </Typography.Paragraph>
      <Form.Item
        name="direction"
        label={text.direction}
        rules={[{ required: true, message: text.required }]}
      >
        <Select options={optionsOf(directions)} />
      </Form.Item>
      <Form.Item
        name="value"
        label={text.value}
        rules={[{ required: direction !== 'falling', message: text.required }]}
      >
        <InputNumber
          min={0}
          max={row.unit === 'percent' ? 100 : 100_000}
          step={1}
          suffix={UNIT_SUFFIX[row.unit] || undefined}
          style={{ width: 200 }}
        />
      </Form.Item>
    </FormDialog>
  );
}
