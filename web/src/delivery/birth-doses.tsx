import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Descriptions, Form, Input, Space, Tag, Typography } from 'antd';
import { HEPB_BIRTH_DOSE_WITHIN_MINUTES } from '../../../src/delivery/rules/birth-doses';
import { api, ApiFailure, unwrap, type Schemas } from '../core/api';
import { formatDateTime, localNow, localToInstant } from '../core/hospital-time';
import { fieldErrors } from '../core/messages';
import { useRecordStep } from './record-step';

type Newborn = Schemas['NewbornDto'];
type Vaccine = Schemas['BirthDoseInputDto']['vaccine'];

interface DoseValues {
  givenAt: string;
  batchNumber: string;
  givenBy: string;
}

const VACCINES: ReadonlyArray<{ vaccine: Vaccine; label: string; rule: string }> = [
  {
    vaccine: 'hep_b',
    label: '乙肝疫苗首针',
    rule: `出生后 ${HEPB_BIRTH_DOSE_WITHIN_MINUTES / 60} 小时内接种；母亲 HBsAg 阳性者 12 小时内，并注射乙肝免疫球蛋白`,
  },
  { vaccine: 'bcg', label: '卡介苗', rule: '出生后尽早接种' },
];

/** One vaccine's dose: as given, or a form for when, which batch and who. */
function Dose({
  baby,
  vaccine,
  label,
  rule,
}: {
  baby: Newborn;
  vaccine: Vaccine;
  label: string;
  rule: string;
}) {
  const act = useRecordStep();
  const client = useQueryClient();
  const [form] = Form.useForm<DoseValues>();
  const given = vaccine === 'hep_b' ? baby.birthDoses.hepB : baby.birthDoses.bcg;
  const save = useMutation({
    mutationFn: (values: DoseValues) =>
      unwrap(
        api.PUT('/newborns/{id}/birth-doses', {
          params: { path: { id: baby.id } },
          body: {
            version: baby.version,
            vaccine,
            givenAt: localToInstant(values.givenAt),
            batchNumber: values.batchNumber.trim(),
            givenBy: values.givenBy.trim(),
          },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: ['newborns', baby.id] }),
    onError: (failure) => {
      if (failure instanceof ApiFailure) {
        form.setFields(fieldErrors(failure.details));
        // Changed meanwhile (another step on this baby): read again; what she typed stays.
        if (failure.code === 'STALE_VERSION') {
          void client.invalidateQueries({ queryKey: ['newborns', baby.id] });
        }
      }
    },
  });

  if (given) {
    const late = vaccine === 'hep_b' && baby.birthDoses.hepB?.within24Hours === false;
    return (
      <Descriptions
        size="small"
        bordered
        column={2}
        title={<h3 style={{ fontSize: 14, margin: 0 }}>{label}</h3>}
      >
        <Descriptions.Item label="接种时间">
          {formatDateTime(given.givenAt)}（出生后 {Math.floor(given.minutesAfterBirth / 60)} 小时{' '}
          {given.minutesAfterBirth % 60} 分）
          {vaccine === 'hep_b' && (
            <Tag
              color={late ? 'red' : 'green'}
              style={{ marginLeft: 8, color: late ? '#820014' : '#135200' }}
            >
              {late ? '超过 24 小时' : '24 小时内'}
            </Tag>
          )}
        </Descriptions.Item>
        <Descriptions.Item label="批号">{given.batchNumber}</Descriptions.Item>
        <Descriptions.Item label="接种人">{given.givenBy}</Descriptions.Item>
      </Descriptions>
    );
  }
  return (
    <Form<DoseValues>
      form={form}
      name={`dose-${vaccine}`}
      aria-label={label}
      layout="inline"
      initialValues={{ givenAt: localNow() }}
      onFinish={(values) => void act(() => save.mutateAsync(values), `已记录${label}`)}
    >
      <Space orientation="vertical" size={8} style={{ width: '100%' }}>
        <Typography.Text strong>
          {label}
          <Typography.Text type="secondary" style={{ marginLeft: 8, fontWeight: 'normal' }}>
            {rule}
          </Typography.Text>
        </Typography.Text>
        <Space wrap>
          <Form.Item
            name="givenAt"
            label="接种时间"
            rules={[{ required: true, message: '请填写接种时间' }]}
          >
            <Input type="datetime-local" style={{ width: 200 }} />
          </Form.Item>
          <Form.Item
            name="batchNumber"
            label="批号"
            rules={[{ required: true, whitespace: true, message: '请填写疫苗批号' }]}
          >
            <Input style={{ width: 140 }} autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="givenBy"
            label="接种人"
            rules={[{ required: true, whitespace: true, message: '请填写接种人' }]}
          >
            <Input style={{ width: 120 }} />
          </Form.Item>
          <Button htmlType="submit" loading={save.isPending}>
            记录{label}
          </Button>
        </Space>
      </Space>
    </Form>
  );
}

/** 出生接种: the hepatitis B birth dose and BCG every live-born baby is owed. */
export function BirthDoses({ baby }: { baby: Newborn }) {
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>出生接种</h2>}>
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        {VACCINES.map((v) => (
          <Dose key={v.vaccine} baby={baby} {...v} />
        ))}
      </Space>
    </Card>
  );
}
