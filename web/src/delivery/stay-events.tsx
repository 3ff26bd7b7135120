import { Button, Form, Input, Select, Space } from 'antd';
import type { Schemas } from '../core/api';
import { useAddFeedingEvent, useEndFeedingEvent } from './delivery-queries';
import { useRecordStep } from './record-step';

type Event = Schemas['FeedingEventRecordDto'];

const SUPPLEMENTS = ['配方奶', '葡萄糖水', '水', '其他'];
const DISCHARGE = [
  { value: 'exclusive', label: '纯母乳' },
  { value: 'mixed', label: '混合喂养' },
  { value: 'formula_only', label: '人工喂养' },
  { value: 'none', label: '未喂养' },
] as const;

/**
 * The rest of the stay: a separation from the mother (started and ended, with its reason and the
 * medical one if any), a supplement (what, and the medical reason if any), and the feeding at
 * discharge. A blank medical reason is no reason, as the indicators count it.
 */
export function StayEvents({ newbornId, events }: { newbornId: number; events: Event[] }) {
  const act = useRecordStep();
  const add = useAddFeedingEvent(newbornId);
  const end = useEndFeedingEvent(newbornId);
  const [separation] = Form.useForm<{ detail: string; medicalReason?: string }>();
  const [supplement] = Form.useForm<{ detail: string; medicalReason?: string }>();
  const [discharge] = Form.useForm<{ dischargeFeeding: (typeof DISCHARGE)[number]['value'] }>();
  const separated = events.find((e) => e.kind === 'separation' && !e.endAt) ?? null;
  const discharged = events.some((e) => e.kind === 'discharge');

  const now = () => new Date().toISOString();
  const reason = (value?: string) => (value?.trim() ? { medicalReason: value.trim() } : {});

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {separated ? (
        <Space>
          <span>母婴分离中（{separated.detail}）</span>
          <Button
            onClick={() =>
              void act(
                () => end.mutateAsync({ id: separated.id, version: separated.version }),
                '母婴分离已结束',
              )
            }
          >
            结束母婴分离
          </Button>
        </Space>
      ) : (
        <Form
          form={separation}
          name="separation"
          layout="inline"
          aria-label="母婴分离"
          onFinish={(v) =>
            void act(
              () =>
                add.mutateAsync({
                  kind: 'separation',
                  startAt: now(),
                  detail: v.detail,
                  ...reason(v.medicalReason),
                }),
              '已记录母婴分离',
              () => separation.resetFields(),
            )
          }
        >
          <Form.Item
            name="detail"
            label="分离原因"
            rules={[{ required: true, message: '请填写分离原因' }]}
          >
            <Input style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="medicalReason" label="医学指征（如有）">
            <Input style={{ width: 160 }} />
          </Form.Item>
          <Button htmlType="submit">开始母婴分离</Button>
        </Form>
      )}
      <Form
        form={supplement}
        name="supplement"
        layout="inline"
        aria-label="添加"
        onFinish={(v) =>
          void act(
            () =>
              add.mutateAsync({
                kind: 'supplement',
                startAt: now(),
                detail: v.detail,
                ...reason(v.medicalReason),
              }),
            '已记录添加',
            () => supplement.resetFields(),
          )
        }
      >
        <Form.Item
          name="detail"
          label="添加了"
          rules={[{ required: true, message: '请选择添加的是什么' }]}
        >
          <Select
            style={{ width: 140 }}
            options={SUPPLEMENTS.map((s) => ({ value: s, label: s }))}
          />
        </Form.Item>
        <Form.Item name="medicalReason" label="添加的医学指征（如有）">
          <Input style={{ width: 160 }} />
        </Form.Item>
        <Button htmlType="submit">记录添加</Button>
      </Form>
      {!discharged && (
        <Form
          form={discharge}
          name="discharge"
          layout="inline"
          aria-label="出院"
          onFinish={(v) =>
            void act(
              () =>
                add.mutateAsync({
                  kind: 'discharge',
                  startAt: now(),
                  dischargeFeeding: v.dischargeFeeding,
                }),
              '已记录出院',
            )
          }
        >
          <Form.Item
            name="dischargeFeeding"
            label="出院时喂养方式"
            rules={[{ required: true, message: '请选择出院时喂养方式' }]}
          >
            <Select style={{ width: 140 }} options={DISCHARGE.map((d) => ({ ...d }))} />
          </Form.Item>
          <Button htmlType="submit">记录出院</Button>
        </Form>
      )}
    </Space>
  );
}
