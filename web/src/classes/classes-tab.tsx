import { Button, Card, Col, Descriptions, Form, Row, Select, Space, Table, Tag } from 'antd';
import { addDays } from '../../../src/core/time/calendar-date';
import {
  formatGestationalAge,
  gestationalAgeDays,
  PREGNANCY_LENGTH_DAYS,
  trimesterOf,
} from '../../../src/women/rules/gestational-age';
import type { Schemas } from '../core/api';
import type { PregnancyTabProps } from '../women/pregnancy-tab';
import { useFormSave } from '../core/form-save';
import { formatDateTime, hospitalToday } from '../core/hospital-time';
import { fill, optionsOf, useText } from '../core/language';
import { QueryFailure } from '../core/query-failure';
import { tableEmpty } from '../core/table-empty';
import { useCheckIn, useSessionsBetween, useWomanClasses } from './classes-queries';
import { CLASSES_TEXT, COMPANIONS, TRIMESTER_TEXT } from './classes.text';

type Attended = Schemas['WomanClassDto'];

/** A register entered later: sessions this many days back can still be signed. */
const SIGN_IN_LOOKBACK_DAYS = 30;

interface SignInValues {
  sessionId: number;
  companion?: Schemas['CheckInDto']['companion'];
}

/** Where in this pregnancy a class fell: before it, its gestational age and trimester, or after. */
function useStageOf(pregnancy: PregnancyTabProps['pregnancy']) {
  const text = useText(CLASSES_TEXT);
  const trimesters = useText(TRIMESTER_TEXT);
  const start = addDays(pregnancy.edd, -PREGNANCY_LENGTH_DAYS);
  const end = pregnancy.status === 'open' ? null : (pregnancy.outcomeDate ?? pregnancy.statusDate);
  const delivered = pregnancy.status === 'delivered' || pregnancy.status === 'closed';
  return (date: string): string => {
    if (date < start) return text.beforePregnancy;
    if (end && date >= end) return delivered ? text.postpartum : text.afterPregnancy;
    const days = gestationalAgeDays(pregnancy.edd, date);
    return `${fill(text.ga, { ga: formatGestationalAge(days) })}（${trimesters[trimesterOf(days)]}）`;
  };
}

/** 孕妇学校: the classes she attended, and signing her into one of the facility's sessions. */
export function ClassesTab({ pregnancy, canRecord }: PregnancyTabProps) {
  const text = useText(CLASSES_TEXT);
  const companions = useText(COMPANIONS);
  const classes = useWomanClasses(pregnancy.womanId);
  const stageOf = useStageOf(pregnancy);
  if (classes.error) return <QueryFailure error={classes.error} />;
  const summary = classes.data?.pregnancies.find((p) => p.pregnancyId === pregnancy.id);

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      {canRecord && (
        <SignIn
          womanId={pregnancy.womanId}
          attended={new Set(classes.data?.classes.map((c) => c.sessionId))}
        />
      )}
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{text.attended}</h2>}>
        {summary && (
          <Descriptions bordered size="small" column={2} style={{ marginBottom: 12 }}>
            <Descriptions.Item
              label={`${text.thisPregnancy}${summary.deliveredOn ? text.beforeDelivery : text.soFar}`}
            >
              {summary.classesBeforeDelivery} {text.times}
            </Descriptions.Item>
            <Descriptions.Item label={text.breastfeedingStep}>
              {summary.breastfeedingClassBeforeDelivery ? text.attendedYes : text.attendedNo}
            </Descriptions.Item>
          </Descriptions>
        )}
        <Table<Attended>
          rowKey="sessionId"
          loading={classes.isLoading}
          dataSource={[...(classes.data?.classes ?? [])].reverse()}
          pagination={false}
          size="small"
          locale={tableEmpty(text.noClasses)}
          columns={[
            { title: text.date, dataIndex: 'sessionDate' },
            {
              title: text.topic,
              render: (_, c) => (
                <Space size={4}>
                  {c.topicName}
                  {c.breastfeeding && (
                    <Tag color="blue" style={{ color: '#002c8c' }}>
                      {text.breastfeedingClass}
                    </Tag>
                  )}
                </Space>
              ),
            },
            { title: text.stage, render: (_, c) => stageOf(c.sessionDate) },
            {
              title: text.companion,
              render: (_, c) => (c.companion ? companions[c.companion] : text.none),
            },
          ]}
        />
      </Card>
    </Space>
  );
}

/** 课程签到: one of the sessions held lately that she is not yet on the register of. */
function SignIn({ womanId, attended }: { womanId: number; attended: ReadonlySet<number> }) {
  const text = useText(CLASSES_TEXT);
  const companions = useText(COMPANIONS);
  const today = hospitalToday();
  const sessions = useSessionsBetween(addDays(today, -SIGN_IN_LOOKBACK_DAYS), today);
  const checkIn = useCheckIn(womanId);
  const [form] = Form.useForm<SignInValues>();
  const { busy, alert, submit } = useFormSave(
    form,
    ({ sessionId, companion }) =>
      checkIn.mutateAsync({ sessionId, womanId, ...(companion ? { companion } : {}) }),
    text.signedIn,
  );
  const options = (sessions.data?.items ?? [])
    .filter((s) => !attended.has(s.id))
    .map((s) => {
      const left = s.capacity - s.seatsTaken;
      return {
        value: s.id,
        disabled: left <= 0,
        label: `${formatDateTime(s.startsAt)} ${s.topicName}（${s.instructor}，${s.place}，${
          left > 0 ? `${text.seatsLeft} ${left}` : text.full
        }）`,
      };
    });

  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{text.signInTitle}</h2>}>
      <Form<SignInValues>
        form={form}
        name="class-sign-in"
        aria-label={text.signInTitle}
        layout="vertical"
        onFinish={submit}
      >
        {alert}
        {sessions.error && <QueryFailure error={sessions.error} />}
        <Row gutter={12}>
          <Col xs={24} md={13}>
            <Form.Item
              name="sessionId"
              label={text.session}
              rules={[{ required: true, message: text.sessionRequired }]}
              extra={
                options.length === 0 && !sessions.isLoading ? text.noSessions : text.sessionsHint
              }
            >
              <Select options={options} loading={sessions.isLoading} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="companion" label={text.companion}>
              <Select allowClear placeholder={text.none} options={optionsOf(companions)} />
            </Form.Item>
          </Col>
          <Col xs={12} md={5}>
            {/* An empty label keeps the button on the line of the inputs. */}
            <Form.Item label=" " colon={false}>
              <Button type="primary" htmlType="submit" loading={busy}>
                {text.signIn}
              </Button>
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Card>
  );
}
