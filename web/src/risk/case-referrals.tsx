import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Col,
  Form,
  Input,
  Modal,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { api, unwrap, type Schemas } from '../core/api';
import { hospitalToday, localNow, localToInstant } from '../core/hospital-time';
import { fill, useText } from '../core/language';
import { useSessionUser } from '../core/use-session';
import { fieldErrors } from '../core/messages';
import { REFERRAL_TEXT, RISK_TEXT } from './risk.text';
import { useFacilities } from './risk-queries';
import { useSave } from './use-save';

type Referral = Schemas['ReferralDto'];
type Urgency = Referral['urgency'];
const URGENCIES: readonly Urgency[] = ['routine', 'urgent', 'critical'];

/** Where a referral stands: its result followed up, declined, received, or awaited (late). */
function stateOf(referral: Referral, today: string): keyof (typeof REFERRAL_TEXT)['zh'] {
  if (referral.resultFollowedUpOn) return 'followedUp';
  if (referral.declinedAt) return 'declined';
  if (referral.receivedAt) return 'received';
  return referral.followUpDueOn < today ? 'awaitingLate' : 'awaiting';
}

/** Tag colours with text dark enough on them for AA contrast. */
const STATE_STYLE: Record<keyof (typeof REFERRAL_TEXT)['zh'], { color: string; text?: string }> = {
  routine: { color: 'default' },
  urgent: { color: 'orange', text: '#873800' },
  critical: { color: 'red', text: '#820014' },
  awaiting: { color: 'blue', text: '#002c8c' },
  awaitingLate: { color: 'red', text: '#820014' },
  received: { color: 'blue', text: '#002c8c' },
  declined: { color: 'orange', text: '#873800' },
  followedUp: { color: 'green', text: '#135200' },
};

function StateTag({ state }: { state: keyof (typeof REFERRAL_TEXT)['zh'] }) {
  const words = useText(REFERRAL_TEXT);
  const style = STATE_STYLE[state];
  return (
    <Tag color={style.color} style={style.text ? { color: style.text } : undefined}>
      {words[state]}
    </Tag>
  );
}

/**
 * 转诊: the case's referrals with where each stands, and (for those who write) a new referral and
 * the result of each followed up. A refused save keeps what she typed, errors on their fields.
 */
export function CaseReferrals({
  caseId,
  pregnancyId,
  referrals,
  canWrite,
}: {
  caseId: number;
  pregnancyId: number;
  referrals: Referral[];
  canWrite: boolean;
}) {
  const text = useText(RISK_TEXT);
  const words = useText(REFERRAL_TEXT);
  const [followingUp, setFollowingUp] = useState<Referral | null>(null);
  const today = hospitalToday();
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Table<Referral>
        rowKey="id"
        dataSource={referrals}
        pagination={false}
        size="small"
        locale={{
          emptyText: <Typography.Text type="secondary">{text.noReferrals}</Typography.Text>,
        }}
        columns={[
          { title: text.referredOn, dataIndex: 'referredOn' },
          { title: text.toFacility, dataIndex: 'toFacilityName' },
          { title: text.reason, dataIndex: 'reason' },
          {
            title: text.urgency,
            render: (_, r) =>
              r.urgency === 'routine' ? words.routine : <StateTag state={r.urgency} />,
          },
          { title: text.referralState, render: (_, r) => <StateTag state={stateOf(r, today)} /> },
          { title: text.followUpDueOn, dataIndex: 'followUpDueOn' },
          {
            title: text.result,
            render: (_, r) =>
              r.result ? (
                `${r.resultFollowedUpOn ?? ''} ${r.result}`
              ) : canWrite ? (
                <Button
                  size="small"
                  aria-label={`${text.recordFollowUp} ${r.referredOn} ${r.toFacilityName}`}
                  onClick={() => setFollowingUp(r)}
                >
                  {text.recordFollowUp}
                </Button>
              ) : (
                ''
              ),
          },
        ]}
      />
      {canWrite && <ReferralForm caseId={caseId} pregnancyId={pregnancyId} />}
      {followingUp && (
        <FollowUpDialog
          referral={followingUp}
          pregnancyId={pregnancyId}
          onClose={() => setFollowingUp(null)}
        />
      )}
    </Space>
  );
}

/** The picker's choice of a facility outside the system: its name is typed instead. */
const OUTSIDE = 'outside';

interface ReferralValues {
  referredOn: string;
  toFacilityId: number | typeof OUTSIDE;
  toFacilityName?: string;
  reason: string;
  urgency: Urgency;
  receiverContactedAtLocal?: string;
  escorted?: boolean;
}

function ReferralForm({ caseId, pregnancyId }: { caseId: number; pregnancyId: number }) {
  const text = useText(RISK_TEXT);
  const words = useText(REFERRAL_TEXT);
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<ReferralValues>();
  const { busy, error, run } = useSave(form);
  const urgency = Form.useWatch('urgency', form);
  const receiver = Form.useWatch('toFacilityId', form);
  const user = useSessionUser();
  const facilities = useFacilities();
  const today = hospitalToday();
  // The service refuses her own facility as the receiver. A facility outside the system comes
  // first, where a long list cannot hide it.
  const facilityOptions = [
    { value: OUTSIDE, label: text.outsideFacility },
    ...(facilities.data ?? [])
      .filter((f) => f.id !== user?.facilityId)
      .map((f) => ({
        value: f.id,
        label: fill(text.facilityOption, {
          name: f.name,
          level: text[`level${f.level}` as 'level1'] ?? f.levelName,
        }),
      })),
  ];

  const save = (values: ReferralValues) =>
    run(
      async () => {
        const critical = values.urgency === 'critical';
        await unwrap(
          api.POST('/high-risk-cases/{id}/referrals', {
            params: { path: { id: caseId } },
            body: {
              referredOn: values.referredOn,
              ...(values.toFacilityId === OUTSIDE
                ? { toFacilityName: values.toFacilityName?.trim() }
                : { toFacilityId: values.toFacilityId }),
              reason: values.reason.trim(),
              urgency: values.urgency,
              ...(critical && values.receiverContactedAtLocal
                ? { receiverContactedAt: localToInstant(values.receiverContactedAtLocal) }
                : {}),
              ...(critical ? { escorted: values.escorted === true } : {}),
            },
          }),
        );
        message.success(text.referralAdded);
        form.resetFields();
        await client.invalidateQueries({ queryKey: ['pregnancies', pregnancyId] });
      },
      // The contact time is typed in hospital time in a field of its own name.
      (details) =>
        fieldErrors(
          details.map((detail) =>
            detail.field === 'receiverContactedAt'
              ? { ...detail, field: 'receiverContactedAtLocal' }
              : detail,
          ),
        ),
    );

  return (
    <Form<ReferralValues>
      form={form}
      name={`new-referral-${caseId}`}
      layout="vertical"
      aria-label={text.newReferral}
      initialValues={{ referredOn: today, urgency: 'routine' }}
      onFinish={(values) => void save(values)}
    >
      <h3 style={{ fontSize: 14, margin: '0 0 8px' }}>{text.newReferral}</h3>
      {error && (
        <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />
      )}
      <Row gutter={12}>
        <Col xs={24} md={6}>
          <Form.Item
            name="referredOn"
            label={text.referredOn}
            rules={[{ required: true, message: text.required }]}
          >
            <Input type="date" max={today} />
          </Form.Item>
        </Col>
        <Col xs={24} md={10}>
          <Form.Item
            name="toFacilityId"
            label={text.toFacility}
            rules={[{ required: true, message: text.required }]}
            extra={facilities.error ? text.facilitiesFailed : undefined}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={facilities.isLoading}
              options={facilityOptions}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="urgency" label={text.urgency}>
            <Select options={URGENCIES.map((value) => ({ value, label: words[value] }))} />
          </Form.Item>
        </Col>
        {receiver === OUTSIDE && (
          <Col xs={24} md={16}>
            <Form.Item
              name="toFacilityName"
              label={text.outsideFacilityName}
              rules={[{ required: true, whitespace: true, message: text.required }]}
            >
              <Input maxLength={100} />
            </Form.Item>
          </Col>
        )}
        <Col xs={24}>
          <Form.Item
            name="reason"
            label={text.reason}
            rules={[{ required: true, whitespace: true, message: text.required }]}
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={500} />
          </Form.Item>
        </Col>
        {urgency === 'critical' && (
          <>
            <Col xs={24} md={8}>
              <Form.Item
                name="receiverContactedAtLocal"
                label={text.receiverContactedAt}
                rules={[{ required: true, message: text.required }]}
              >
                <Input type="datetime-local" max={localNow()} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="escorted"
                valuePropName="checked"
                label=" "
                rules={[
                  {
                    validator: (_, value) =>
                      value === true ? Promise.resolve() : Promise.reject(new Error(text.required)),
                  },
                ]}
              >
                <Checkbox>{text.escorted}</Checkbox>
              </Form.Item>
            </Col>
          </>
        )}
      </Row>
      <Button htmlType="submit" loading={busy}>
        {text.addReferral}
      </Button>
    </Form>
  );
}

interface FollowUpValues {
  followedUpOn: string;
  result: string;
}

function FollowUpDialog({
  referral,
  pregnancyId,
  onClose,
}: {
  referral: Referral;
  pregnancyId: number;
  onClose: () => void;
}) {
  const text = useText(RISK_TEXT);
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<FollowUpValues>();
  const { busy, error, run } = useSave(form);
  const today = hospitalToday();

  const save = (values: FollowUpValues) =>
    run(async () => {
      await unwrap(
        api.POST('/referrals/{id}/follow-up', {
          params: { path: { id: referral.id } },
          body: { followedUpOn: values.followedUpOn, result: values.result.trim() },
        }),
      );
      message.success(text.followUpSaved);
      await client.invalidateQueries({ queryKey: ['pregnancies', pregnancyId] });
      onClose();
    });

  const title = `${text.recordFollowUp}：${referral.referredOn} ${referral.toFacilityName}`;
  return (
    <Modal open title={title} onCancel={onClose} footer={null} destroyOnHidden>
      <Form<FollowUpValues>
        form={form}
        name={`referral-follow-up-${referral.id}`}
        layout="vertical"
        aria-label={text.recordFollowUp}
        initialValues={{ followedUpOn: today }}
        onFinish={(values) => void save(values)}
      >
        {error && (
          <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />
        )}
        <Form.Item
          name="followedUpOn"
          label={text.followedUpOn}
          rules={[{ required: true, message: text.required }]}
        >
          <Input type="date" min={referral.referredOn} max={today} />
        </Form.Item>
        <Form.Item
          name="result"
          label={text.result}
          rules={[{ required: true, whitespace: true, message: text.required }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={500} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy}>
            {text.recordFollowUp}
          </Button>
          <Button onClick={onClose}>{text.cancel}</Button>
        </Space>
      </Form>
    </Modal>
  );
}
