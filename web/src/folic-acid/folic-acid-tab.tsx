import {
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import {
  ADHERENCE_NOT_EVALUABLE,
  ADHERENCE_THRESHOLD,
  daysCovered,
  TABLET_MG,
  tabletsPerDay,
  UPTAKE_DAYS_AFTER_LMP,
  UPTAKE_DAYS_BEFORE_LMP,
} from '../../../src/folic-acid/rules/folic-acid';
import type { Schemas } from '../core/api';
import type { PregnancyTabProps } from '../women/pregnancy-tab';
import { useDateRules, useFormSave, withoutBlanks } from '../core/form-save';
import { hospitalToday } from '../core/hospital-time';
import { fill, useText } from '../core/language';
import { QueryFailure } from '../core/query-failure';
import { tableEmpty } from '../core/table-empty';
import {
  useDispense,
  useFolicAcidRecords,
  useFolicAcidSummary,
  useReportIntake,
} from './folic-acid-queries';
import { FOLIC_ACID_TEXT } from './folic-acid.text';

type Dose = Schemas['DispenseDto']['doseMg'];
const DOSES: readonly Dose[] = [0.4, 0.8];
const PERCENT = Math.round(ADHERENCE_THRESHOLD * 100);

const h2 = (title: string) => <h2 style={{ fontSize: 16, margin: 0 }}>{title}</h2>;

/** A verdict: green when it is met, red when not, grey when it cannot be told yet. */
function Verdict({ met, children }: { met: boolean | null; children: string }) {
  if (met === null) return <Tag>{children}</Tag>;
  return (
    <Tag color={met ? 'green' : 'red'} style={{ color: met ? '#135200' : '#820014' }}>
      {children}
    </Tag>
  );
}

/**
 * 叶酸: the pregnancy's verdicts (uptake in the periconceptional window, adherence, awareness),
 * what was dispensed and what she reports taking, and the forms to record both.
 */
export function FolicAcidTab({ pregnancy, canRecord }: PregnancyTabProps) {
  const text = useText(FOLIC_ACID_TEXT);
  const records = useFolicAcidRecords(pregnancy.womanId);
  const yesNo = (value: boolean) => (value ? text.yes : text.no);

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Summary pregnancyId={pregnancy.id} />
      {canRecord && (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={12}>
            <DispensingForm womanId={pregnancy.womanId} pregnancyId={pregnancy.id} />
          </Col>
          <Col xs={24} xl={12}>
            <IntakeForm womanId={pregnancy.womanId} pregnancyId={pregnancy.id} />
          </Col>
        </Row>
      )}
      {records.error && <QueryFailure error={records.error} />}
      <Card title={h2(text.dispensingsTitle)}>
        <Table<Schemas['DispensingRecordDto']>
          rowKey="id"
          loading={records.isLoading}
          dataSource={[...(records.data?.dispensings ?? [])].reverse()}
          pagination={false}
          size="small"
          locale={tableEmpty(text.noRecords)}
          columns={[
            { title: text.dispensedOn, dataIndex: 'dispensedOn' },
            { title: text.dose, render: (_, d) => `${d.doseMg} mg` },
            { title: text.bottles, dataIndex: 'bottles' },
            { title: text.tabletsPerBottle, dataIndex: 'tabletsPerBottle' },
            { title: text.daysCovered, render: (_, d) => `${d.daysCovered} ${text.days}` },
            { title: text.batchNumber, render: (_, d) => d.batchNumber ?? '—' },
          ]}
        />
      </Card>
      <Card title={h2(text.intakeTitle)}>
        <Table<Schemas['IntakeRecordDto']>
          rowKey="id"
          loading={records.isLoading}
          dataSource={[...(records.data?.intakeReports ?? [])].reverse()}
          pagination={false}
          size="small"
          locale={tableEmpty(text.noRecords)}
          columns={[
            { title: text.reportedOn, dataIndex: 'reportedOn' },
            { title: text.startedOn, render: (_, r) => r.startedOn ?? '—' },
            {
              title: text.stoppedOn,
              render: (_, r) => r.stoppedOn ?? (r.startedOn ? text.stillTaking : '—'),
            },
            { title: text.missedDays, render: (_, r) => r.missedDays ?? '—' },
            { title: text.estimatedDaysTaken, render: (_, r) => r.estimatedDaysTaken ?? '—' },
          ]}
        />
      </Card>
      <Card title={h2(text.surveysTitle)}>
        <Table<Schemas['SurveyRecordDto']>
          rowKey="id"
          loading={records.isLoading}
          dataSource={[...(records.data?.surveys ?? [])].reverse()}
          pagination={false}
          size="small"
          locale={tableEmpty(text.noRecords)}
          columns={[
            { title: text.askedOn, dataIndex: 'askedOn' },
            { title: text.knowsNtd, render: (_, s) => yesNo(s.knowsPreventsNeuralTubeDefects) },
            { title: text.knowsWhen, render: (_, s) => yesNo(s.knowsWhenToTake) },
          ]}
        />
      </Card>
    </Space>
  );
}

/** The service's verdicts for the pregnancy, in words, with the windows they were judged on. */
function Summary({ pregnancyId }: { pregnancyId: number }) {
  const text = useText(FOLIC_ACID_TEXT);
  const summary = useFolicAcidSummary(pregnancyId);
  if (summary.error) return <QueryFailure error={summary.error} />;
  const s = summary.data;
  const { adherence, uptake, awareness } = s ?? {};
  const notEvaluable: Record<string, string> = {
    [ADHERENCE_NOT_EVALUABLE.beforeGa13]: text.beforeGa13,
    [ADHERENCE_NOT_EVALUABLE.noIntake]: text.noIntake,
  };
  return (
    <Card title={h2(text.summaryTitle)} loading={summary.isLoading}>
      <Typography.Paragraph type="secondary">
        {fill(text.periconception, {
          before: UPTAKE_DAYS_BEFORE_LMP,
          after: UPTAKE_DAYS_AFTER_LMP,
          mg: TABLET_MG,
        })}
      </Typography.Paragraph>
      {s && uptake && adherence && awareness && (
        <Descriptions bordered size="small" column={1} data-testid="folic-acid-summary">
          <Descriptions.Item label={text.lmp}>
            {s.lmp}（{text.evaluatedOn} {s.evaluatedOn}）
          </Descriptions.Item>
          <Descriptions.Item label={text.uptake}>
            <Space wrap>
              <Verdict met={uptake.took}>{uptake.took ? text.uptakeYes : text.uptakeNo}</Verdict>
              <span>
                {text.window} {uptake.window.from} ~ {uptake.window.to}
              </span>
              {uptake.firstEvidence && (
                <span>
                  {text.firstEvidence} {uptake.firstEvidence}
                </span>
              )}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={text.adherence}>
            <Space wrap>
              {adherence.evaluable ? (
                <Verdict met={adherence.adherent}>
                  {adherence.adherent ? text.adherent : text.notAdherent}
                </Verdict>
              ) : (
                <Verdict met={null}>{text.notEvaluable}</Verdict>
              )}
              {!adherence.evaluable && (
                <span>
                  {(adherence.reason && notEvaluable[adherence.reason]) ?? text.notEvaluable}
                </span>
              )}
              {adherence.startedOn && (
                <span>
                  {text.startedOnLabel} {adherence.startedOn}（
                  {adherence.startedBeforeLmp ? text.startedBeforeLmp : text.notStartedBeforeLmp}）
                </span>
              )}
              {adherence.evaluable && (
                <span>
                  {fill(text.daysTakenOf, {
                    days: adherence.daysInWindow,
                    taken: adherence.daysTaken,
                    pct: Math.floor((adherence.ratio ?? 0) * 100),
                  })}
                </span>
              )}
            </Space>
            <Typography.Text type="secondary" style={{ display: 'block' }}>
              {fill(text.adherenceRule, { pct: PERCENT })}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={text.awareness}>
            <Space wrap>
              {awareness.surveyed ? (
                <Verdict met={awareness.aware}>
                  {awareness.aware ? text.aware : text.unaware}
                </Verdict>
              ) : (
                <Verdict met={null}>{text.notSurveyed}</Verdict>
              )}
              {awareness.askedOn && (
                <span>
                  {text.askedOn} {awareness.askedOn}
                </span>
              )}
            </Space>
          </Descriptions.Item>
        </Descriptions>
      )}
    </Card>
  );
}

interface DispensingValues {
  dispensedOn: string;
  doseMg: Dose;
  bottles?: number;
  tabletsPerBottle?: number;
  batchNumber?: string;
}

/** 记录发放: the days the tablets cover show as she types (the service's own arithmetic). */
function DispensingForm({ womanId, pregnancyId }: { womanId: number; pregnancyId: number }) {
  const text = useText(FOLIC_ACID_TEXT);
  const today = hospitalToday();
  const dateRules = useDateRules();
  const dispense = useDispense(womanId, pregnancyId);
  const [form] = Form.useForm<DispensingValues>();
  const { busy, alert, submit } = useFormSave(
    form,
    (values) => dispense.mutateAsync(withoutBlanks(values) as Schemas['DispenseDto']),
    text.dispensed,
  );
  const values = Form.useWatch([], form) ?? {};
  const whole = (n?: number | null): n is number => Number.isInteger(n) && (n ?? 0) > 0;
  const covers =
    whole(values.bottles) && whole(values.tabletsPerBottle) && DOSES.includes(values.doseMg)
      ? daysCovered({
          dispensedOn: values.dispensedOn,
          doseMg: values.doseMg,
          bottles: values.bottles,
          tabletsPerBottle: values.tabletsPerBottle,
        })
      : null;

  return (
    <Card title={h2(text.recordDispensing)} style={{ height: '100%' }}>
      <Form<DispensingValues>
        form={form}
        name="folic-acid-dispensing"
        aria-label={text.recordDispensing}
        layout="vertical"
        initialValues={{ dispensedOn: today, doseMg: 0.4, tabletsPerBottle: 31 }}
        onFinish={submit}
      >
        {alert}
        <Row gutter={12}>
          <Col xs={12} md={8}>
            <Form.Item name="dispensedOn" label={text.dispensedOn} rules={dateRules}>
              <Input type="date" max={today} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="doseMg" label={text.dose}>
              <Select
                options={DOSES.map((dose) => ({
                  value: dose,
                  label: `${dose} mg（${fill(text.perDay, { n: tabletsPerDay(dose) })}）`,
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="batchNumber" label={text.batchNumber}>
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item
              name="bottles"
              label={text.bottles}
              rules={[{ required: true, message: text.countRequired }]}
            >
              <InputNumber style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item
              name="tabletsPerBottle"
              label={text.tabletsPerBottle}
              rules={[{ required: true, message: text.countRequired }]}
            >
              <InputNumber style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={busy}>
            {text.recordDispensing}
          </Button>
          {covers !== null && (
            <Typography.Text role="status">{fill(text.covers, { days: covers })}</Typography.Text>
          )}
        </Space>
      </Form>
    </Card>
  );
}

interface IntakeValues {
  reportedOn: string;
  startedOn?: string;
  stoppedOn?: string;
  missedDays?: number;
  estimatedDaysTaken?: number;
}

/** 记录服用情况: her own account, with dates and missed days or, failing dates, an estimate. */
function IntakeForm({ womanId, pregnancyId }: { womanId: number; pregnancyId: number }) {
  const text = useText(FOLIC_ACID_TEXT);
  const today = hospitalToday();
  const dateRules = useDateRules();
  const optionalDate = useDateRules({ required: false });
  const report = useReportIntake(womanId, pregnancyId);
  const [form] = Form.useForm<IntakeValues>();
  const { busy, alert, submit } = useFormSave(
    form,
    (values) => report.mutateAsync(withoutBlanks(values)),
    text.intakeSaved,
  );

  return (
    <Card title={h2(text.recordIntake)} style={{ height: '100%' }}>
      <Form<IntakeValues>
        form={form}
        name="folic-acid-intake"
        aria-label={text.recordIntake}
        layout="vertical"
        initialValues={{ reportedOn: today }}
        onFinish={submit}
      >
        {alert}
        <Row gutter={12}>
          <Col xs={12} md={8}>
            <Form.Item name="reportedOn" label={text.reportedOn} rules={dateRules}>
              <Input type="date" max={today} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="startedOn" label={text.startedOn} rules={optionalDate}>
              <Input type="date" max={today} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="stoppedOn" label={text.stoppedOn} rules={optionalDate}>
              <Input type="date" max={today} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="missedDays" label={text.missedDays}>
              <InputNumber style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item
              name="estimatedDaysTaken"
              label={text.estimatedDaysTaken}
              extra={text.estimateHint}
            >
              <InputNumber style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" loading={busy}>
          {text.recordIntake}
        </Button>
      </Form>
    </Card>
  );
}
