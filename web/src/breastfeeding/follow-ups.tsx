import {
  Button,
  Card,
  Checkbox,
  Col,
  Form,
  Input,
  Modal,
  Row,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { classifyRecall, type Recall } from '../../../src/breastfeeding/rules/feeding-recall';
import type { Schemas } from '../core/api';
import { useDateRules, useFormSave, withoutBlanks } from '../core/form-save';
import { formatDateTime, hospitalDateOf, hospitalToday } from '../core/hospital-time';
import { fill, optionsOf, useText } from '../core/language';
import { QueryFailure } from '../core/query-failure';
import { tableEmpty } from '../core/table-empty';
import {
  FOLLOW_UP_CONTACTS,
  POSTPARTUM_TEXT,
  PROBLEMS,
  RECALL_CLASSES,
  RECALL_ITEMS,
  REFERRALS,
} from './breastfeeding.text';
import {
  useBreastfeedingFollowUps,
  useRecordFollowUp,
  useSetReferralOutcome,
} from './postpartum-queries';

type Baby = Schemas['NewbornDto'];
type FollowUp = Schemas['BreastfeedingFollowUpRecordDto'];
type FollowUpInput = Schemas['BreastfeedingFollowUpDto'];

/** Nothing received: each item of the 24-hour recall unticked. */
const NOTHING = Object.fromEntries(
  Object.keys(RECALL_ITEMS.zh).map((item) => [item, false]),
) as unknown as Recall;

/** The words of a follow-up: the feature's, and its picklists'. */
function useFollowUpText() {
  return {
    text: useText(POSTPARTUM_TEXT),
    contacts: useText(FOLLOW_UP_CONTACTS),
    classes: useText(RECALL_CLASSES),
    items: useText(RECALL_ITEMS),
    problems: useText(PROBLEMS),
    referrals: useText(REFERRALS),
  };
}

/** 母乳喂养随访 of one baby: what was recorded, and the form for the next one. */
export function FollowUps({ baby, canRecord }: { baby: Baby; canRecord: boolean }) {
  const { text, contacts, classes, items, problems, referrals } = useFollowUpText();
  const followUps = useBreastfeedingFollowUps(baby.id);
  const [outcomeOf, setOutcomeOf] = useState<FollowUp | null>(null);
  const name = fill(text.baby, { order: baby.birthOrder });
  const received = (f: FollowUp) =>
    (Object.keys(items) as (keyof Recall)[])
      .filter((item) => f[item])
      .map((item) => items[item])
      .join('、') || text.none;

  return (
    <Card
      title={
        <h2 style={{ fontSize: 16, margin: 0 }}>
          {text.followUpsTitle}：{name}（{text[baby.sex]}，{text.bornOn}{' '}
          {formatDateTime(baby.bornAt)}）
        </h2>
      }
      extra={<Link to={`/newborns/${baby.id}`}>{name}</Link>}
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {canRecord && <FollowUpForm baby={baby} name={name} />}
        {followUps.error && <QueryFailure error={followUps.error} />}
        <Table<FollowUp>
          rowKey="id"
          loading={followUps.isLoading}
          dataSource={[...(followUps.data ?? [])].reverse()}
          pagination={false}
          size="small"
          scroll={{ x: 'max-content' }}
          locale={tableEmpty(text.noFollowUps)}
          columns={[
            { title: text.followedUpOn, dataIndex: 'followedUpOn' },
            { title: text.contact, render: (_, f) => contacts[f.contact] },
            { title: text.ageMonths, render: (_, f) => `${f.ageMonths} ${text.months}` },
            { title: text.feeding, render: (_, f) => classes[f.classification] },
            { title: text.recall, render: (_, f) => received(f) },
            {
              title: text.problems,
              render: (_, f) => f.problems.map((p) => problems[p]).join('、') || text.none,
            },
            { title: text.guidance, render: (_, f) => f.guidance ?? '—' },
            {
              title: text.referral,
              render: (_, f) => (f.referral ? referrals[f.referral] : text.none),
            },
            {
              title: text.referralOutcome,
              render: (_, f) =>
                f.referralOutcome ??
                (f.referral && canRecord ? (
                  <Button size="small" onClick={() => setOutcomeOf(f)}>
                    {text.recordReferralOutcome}
                  </Button>
                ) : (
                  '—'
                )),
            },
          ]}
        />
      </Space>
      <ReferralOutcome
        newbornId={baby.id}
        followUp={outcomeOf}
        onClose={() => setOutcomeOf(null)}
      />
    </Card>
  );
}

type FollowUpValues = Omit<FollowUpInput, 'guidance' | 'referral' | 'referralOutcome'> & {
  guidance?: string;
  referral?: FollowUpInput['referral'];
  referralOutcome?: string;
};

/** The 24-hour recall ticked item by item; its WHO class shows as she ticks (the service's rule). */
function FollowUpForm({ baby, name }: { baby: Baby; name: string }) {
  const { text, contacts, classes, items, problems, referrals } = useFollowUpText();
  const today = hospitalToday();
  const bornOn = hospitalDateOf(baby.bornAt);
  const dateRules = useDateRules({ earliest: bornOn, tooEarly: text.notBeforeBirth });
  const record = useRecordFollowUp(baby.id);
  const [form] = Form.useForm<FollowUpValues>();
  const { busy, alert, submit } = useFormSave(
    form,
    (values) => record.mutateAsync(withoutBlanks(values)),
    text.followUpSaved,
  );
  const recall = Form.useWatch([], form) as Partial<Recall> | undefined;
  const recallItems = Object.keys(items) as (keyof Recall)[];
  const title = `${text.recordFollowUp}（${name}）`;

  return (
    <Form<FollowUpValues>
      form={form}
      name={`breastfeeding-follow-up-${baby.id}`}
      aria-label={title}
      layout="vertical"
      initialValues={{
        contact: 'postpartum_visit',
        followedUpOn: today,
        ...NOTHING,
        breastMilk: true,
        problems: [],
      }}
      onFinish={submit}
    >
      <Typography.Title level={3} style={{ fontSize: 14 }}>
        {title}
      </Typography.Title>
      {alert}
      <Row gutter={12}>
        <Col xs={12} md={6}>
          <Form.Item name="contact" label={text.contact}>
            <Select options={optionsOf(contacts)} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="followedUpOn" label={text.followedUpOn} rules={dateRules}>
            <Input type="date" min={bornOn} max={today} />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <fieldset style={{ border: 0, margin: '0 0 16px', padding: 0 }}>
            <legend style={{ fontSize: 14, marginBottom: 4, border: 0 }}>
              {text.recallLegend}
            </legend>
            <Space wrap size={[16, 4]}>
              {recallItems.map((item) => (
                <Form.Item key={item} name={item} valuePropName="checked" noStyle>
                  <Checkbox>{items[item]}</Checkbox>
                </Form.Item>
              ))}
            </Space>
            {recall && (
              <Typography.Text role="status" strong style={{ display: 'block', marginTop: 8 }}>
                {text.classifiedAs}
                {classes[classifyRecall({ ...NOTHING, ...recall })]}
              </Typography.Text>
            )}
          </fieldset>
        </Col>
        <Col xs={24}>
          <Form.Item name="problems" label={text.problems}>
            <Checkbox.Group options={optionsOf(problems)} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="guidance" label={text.guidance}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="referral" label={text.referral}>
            <Select allowClear placeholder={text.none} options={optionsOf(referrals)} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="referralOutcome" label={text.referralOutcome}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
      </Row>
      <Button type="primary" htmlType="submit" loading={busy}>
        {text.recordFollowUp}
      </Button>
    </Form>
  );
}

/** The outcome of a referral, once the clinic has seen her. */
function ReferralOutcome({
  newbornId,
  followUp,
  onClose,
}: {
  newbornId: number;
  followUp: FollowUp | null;
  onClose: () => void;
}) {
  const text = useText(POSTPARTUM_TEXT);
  const save = useSetReferralOutcome(newbornId);
  const [form] = Form.useForm<{ referralOutcome: string }>();
  const { busy, alert, submit } = useFormSave(
    form,
    async ({ referralOutcome }) => {
      await save.mutateAsync({ id: followUp!.id, referralOutcome: referralOutcome.trim() });
      onClose();
    },
    text.referralOutcomeSaved,
  );
  return (
    <Modal
      open={followUp !== null}
      title={text.recordReferralOutcome}
      onCancel={onClose}
      okText={text.save}
      cancelText={text.cancel}
      confirmLoading={busy}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form
        form={form}
        name={`referral-outcome-${newbornId}`}
        layout="vertical"
        onFinish={submit}
        preserve={false}
      >
        {alert}
        <Form.Item
          name="referralOutcome"
          label={text.referralOutcome}
          rules={[{ required: true, whitespace: true, message: text.referralOutcomeRequired }]}
        >
          <Input.TextArea rows={2} maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
