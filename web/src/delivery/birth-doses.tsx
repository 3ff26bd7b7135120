import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Descriptions, Form, Input, Space, Tag, Typography } from 'antd';
import { HEPB_BIRTH_DOSE_WITHIN_MINUTES } from '../../../src/delivery/rules/birth-doses';
import { api, ApiFailure, unwrap, type Schemas } from '../core/api';
import { formatDateTime, localNow, localToInstant } from '../core/hospital-time';
import { fill, useText } from '../core/language';
import { fieldErrors } from '../core/messages';
import { BIRTH_DOSE_TEXT } from './delivery.text';
import { useRecordStep } from './record-step';

type Newborn = Schemas['NewbornDto'];
type Vaccine = Schemas['BirthDoseInputDto']['vaccine'];

interface DoseValues {
  givenAt: string;
  batchNumber: string;
  givenBy: string;
}

type Words = (typeof BIRTH_DOSE_TEXT)['zh'];

/** Each vaccine's name and when it is owed, in the chosen words. */
const VACCINES: ReadonlyArray<{
  vaccine: Vaccine;
  label: (w: Words) => string;
  rule: (w: Words) => string;
}> = [
  {
    vaccine: 'hep_b',
    label: (w) => w.hepB,
    rule: (w) => fill(w.hepBRule, { hours: HEPB_BIRTH_DOSE_WITHIN_MINUTES / 60 }),
  },
  { vaccine: 'bcg', label: (w) => w.bcg, rule: (w) => w.bcgRule },
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
  const text = useText(BIRTH_DOSE_TEXT);
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
        <Descriptions.Item label={text.givenAt}>
          {formatDateTime(given.givenAt)}
          {fill(text.afterBirth, {
            h: Math.floor(given.minutesAfterBirth / 60),
            m: given.minutesAfterBirth % 60,
          })}
          {vaccine === 'hep_b' && (
            <Tag
              color={late ? 'red' : 'green'}
              style={{ marginLeft: 8, color: late ? '#820014' : '#135200' }}
            >
              {late ? text.late : text.onTime}
            </Tag>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={text.batchNumber}>{given.batchNumber}</Descriptions.Item>
        <Descriptions.Item label={text.givenBy}>{given.givenBy}</Descriptions.Item>
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
      onFinish={(values) =>
        void act(() => save.mutateAsync(values), fill(text.recorded, { label }))
      }
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
            label={text.givenAt}
            rules={[{ required: true, message: text.givenAtRequired }]}
          >
            <Input type="datetime-local" style={{ width: 200 }} />
          </Form.Item>
          <Form.Item
            name="batchNumber"
            label={text.batchNumber}
            rules={[{ required: true, whitespace: true, message: text.batchNumberRequired }]}
          >
            <Input style={{ width: 140 }} autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="givenBy"
            label={text.givenBy}
            rules={[{ required: true, whitespace: true, message: text.givenByRequired }]}
          >
            <Input style={{ width: 120 }} />
          </Form.Item>
          <Button htmlType="submit" loading={save.isPending}>
            {fill(text.record, { label })}
          </Button>
        </Space>
      </Space>
    </Form>
  );
}

/** 出生接种: the hepatitis B birth dose and BCG every live-born baby is owed. */
export function BirthDoses({ baby }: { baby: Newborn }) {
  const text = useText(BIRTH_DOSE_TEXT);
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{text.title}</h2>}>
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        {VACCINES.map((v) => (
          <Dose
            key={v.vaccine}
            baby={baby}
            vaccine={v.vaccine}
            label={v.label(text)}
            rule={v.rule(text)}
          />
        ))}
      </Space>
    </Card>
  );
}
