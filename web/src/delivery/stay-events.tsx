import { Button, Form, Input, Select, Space } from 'antd';
import type { Schemas } from '../core/api';
import { fill, optionsOf, useText } from '../core/language';
import { DISCHARGE_FEEDING_TEXT, STAY_TEXT, SUPPLEMENT_TEXT } from './delivery.text';
import { useAddFeedingEvent, useEndFeedingEvent } from './delivery-queries';
import { useRecordStep } from './record-step';

type Event = Schemas['FeedingEventRecordDto'];
type DischargeFeeding = keyof (typeof DISCHARGE_FEEDING_TEXT)['zh'];

/**
 * The rest of the stay: a separation from the mother (started and ended, with its reason and the
 * medical one if any), a supplement (what, and the medical reason if any), and the feeding at
 * discharge. A blank medical reason is no reason, as the indicators count it.
 */
export function StayEvents({ newbornId, events }: { newbornId: number; events: Event[] }) {
  const text = useText(STAY_TEXT);
  const supplements = useText(SUPPLEMENT_TEXT);
  const feedings = useText(DISCHARGE_FEEDING_TEXT);
  const act = useRecordStep();
  const add = useAddFeedingEvent(newbornId);
  const end = useEndFeedingEvent(newbornId);
  const [separation] = Form.useForm<{ detail: string; medicalReason?: string }>();
  const [supplement] = Form.useForm<{ detail: string; medicalReason?: string }>();
  const [discharge] = Form.useForm<{ dischargeFeeding: DischargeFeeding }>();
  const separated = events.find((e) => e.kind === 'separation' && !e.endAt) ?? null;
  const discharged = events.some((e) => e.kind === 'discharge');

  const now = () => new Date().toISOString();
  const reason = (value?: string) => (value?.trim() ? { medicalReason: value.trim() } : {});

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {separated ? (
        <Space>
          <span>{fill(text.separatedNow, { detail: separated.detail ?? '' })}</span>
          <Button
            onClick={() =>
              void act(
                () => end.mutateAsync({ id: separated.id, version: separated.version }),
                text.separationEnded,
              )
            }
          >
            {text.endSeparation}
          </Button>
        </Space>
      ) : (
        <Form
          form={separation}
          name="separation"
          layout="inline"
          aria-label={text.separation}
          onFinish={(v) =>
            void act(
              () =>
                add.mutateAsync({
                  kind: 'separation',
                  startAt: now(),
                  detail: v.detail,
                  ...reason(v.medicalReason),
                }),
              text.separationRecorded,
              () => separation.resetFields(),
            )
          }
        >
          <Form.Item
            name="detail"
            label={text.separationReason}
            rules={[{ required: true, message: text.separationReasonRequired }]}
          >
            <Input style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="medicalReason" label={text.medicalReason}>
            <Input style={{ width: 160 }} />
          </Form.Item>
          <Button htmlType="submit">{text.startSeparation}</Button>
        </Form>
      )}
      <Form
        form={supplement}
        name="supplement"
        layout="inline"
        aria-label={text.supplement}
        onFinish={(v) =>
          void act(
            () =>
              add.mutateAsync({
                kind: 'supplement',
                startAt: now(),
                detail: v.detail,
                ...reason(v.medicalReason),
              }),
            text.supplementRecorded,
            () => supplement.resetFields(),
          )
        }
      >
        <Form.Item
          name="detail"
          label={text.supplementGiven}
          rules={[{ required: true, message: text.supplementRequired }]}
        >
          {/* The Chinese word is what is stored, whichever language she reads. */}
          <Select
            style={{ width: 160 }}
            options={(Object.keys(supplements) as Array<keyof typeof supplements>).map((key) => ({
              value: SUPPLEMENT_TEXT.zh[key],
              label: supplements[key],
            }))}
          />
        </Form.Item>
        <Form.Item name="medicalReason" label={text.supplementMedicalReason}>
          <Input style={{ width: 160 }} />
        </Form.Item>
        <Button htmlType="submit">{text.recordSupplement}</Button>
      </Form>
      {!discharged && (
        <Form
          form={discharge}
          name="discharge"
          layout="inline"
          aria-label={text.discharge}
          onFinish={(v) =>
            void act(
              () =>
                add.mutateAsync({
                  kind: 'discharge',
                  startAt: now(),
                  dischargeFeeding: v.dischargeFeeding,
                }),
              text.dischargeRecorded,
            )
          }
        >
          <Form.Item
            name="dischargeFeeding"
            label={text.dischargeFeeding}
            rules={[{ required: true, message: text.dischargeFeedingRequired }]}
          >
            <Select style={{ width: 200 }} options={optionsOf(feedings)} />
          </Form.Item>
          <Button htmlType="submit">{text.recordDischarge}</Button>
        </Form>
      )}
    </Space>
  );
}
