import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  Modal,
  Popconfirm,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { parsePeriod, periodsEndingWith } from '../../../src/indicators/periods';
import { ApiFailure, failureMessage, type Schemas } from '../core/api';
import { formatDateTime } from '../core/hospital-time';
import { fill, useLanguage, useText } from '../core/language';
import { fieldErrors } from '../core/messages';
import { QueryFailure } from '../core/query-failure';
import { tableEmpty } from '../core/table-empty';
import { useSessionUser } from '../core/use-session';
import { useDefinitions } from '../indicators/indicator-queries';
import { lastWholePeriod, ValueCell } from '../indicators/value-cell';
import {
  FAILURES_PAGE_SIZE,
  REVIEWED_CODES,
  useDistribution,
  useFailedCases,
  useMonthlyValues,
  useReviewActions,
  useReviews,
  type ReviewedCode,
} from './audit-queries';
import { AUDIT_TEXT } from './audit.text';
import { MinutesChart } from './minutes-chart';

type Value = Schemas['IndicatorValueDto'];
type Review = Schemas['FailureReviewDto'];
type ReasonCount = Schemas['ReasonCountDto'];

/** Months side by side in the indicator table. */
const MONTHS_SHOWN = 6;
const MONTHS_PICKED = 12;

const heading = (text: string) => <h2 style={{ fontSize: 16, margin: 0 }}>{text}</h2>;

/** The Baby-Friendly values month by month: one row per indicator, one column per month. */
function MonthlyIndicators({ month }: { month: string }) {
  const text = useText(AUDIT_TEXT);
  const { language } = useLanguage();
  const range = useMonthlyValues(month, MONTHS_SHOWN);
  if (range.error) return <QueryFailure error={range.error} />;
  const periods = range.data?.periods ?? [];
  const rows = (periods.at(-1)?.values ?? []).map((v) => ({
    code: v.code,
    name: language === 'zh' ? v.nameZh : v.nameEn,
    byMonth: new Map(
      periods.map((p) => [p.period, p.values.find((other) => other.code === v.code)]),
    ),
  }));
  const current = periods.at(-1)?.values ?? [];
  const notComputed = current.length > 0 && current.every((v) => v.state === 'not_computed');
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {notComputed && (
        <Alert
          type="warning"
          showIcon
          title={text.monthNotComputed}
          action={<Link to={`/indicators?period=${month}`}>{text.toDashboard}</Link>}
        />
      )}
      <Table
        rowKey="code"
        size="small"
        loading={range.isLoading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={rows}
        columns={[
          {
            title: text.indicator,
            fixed: 'left',
            render: (_, row) => (
              <Link to={`/indicators/${row.code}?period=${month}`}>
                {row.code} {row.name}
              </Link>
            ),
          },
          ...periods.map((p) => ({
            title: p.period,
            key: p.period,
            render: (_: unknown, row: (typeof rows)[number]) => {
              const value: Value | undefined = row.byMonth.get(p.period);
              if (!value) return '—';
              return (
                <Space orientation="vertical" size={0}>
                  <ValueCell value={value} />
                  {value.state !== 'not_computed' && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {value.numerator}/{value.denominator}
                      {value.stale ? ` · ${text.stale}` : ''}
                    </Typography.Text>
                  )}
                </Space>
              );
            },
          })),
        ]}
      />
    </Space>
  );
}

/** A table of events by reason, with and without a medical one. */
function ReasonTable({ rows, reasonTitle }: { rows: ReasonCount[]; reasonTitle: string }) {
  const text = useText(AUDIT_TEXT);
  return (
    <Table<ReasonCount>
      rowKey={(r) => `${r.medical ? 1 : 0}:${r.reason}`}
      size="small"
      pagination={false}
      dataSource={rows}
      locale={tableEmpty(text.none)}
      columns={[
        { title: reasonTitle, render: (_, r) => r.reason || text.unrecorded },
        {
          title: text.medical,
          render: (_, r) =>
            r.medical ? <Tag color="blue">{text.yes}</Tag> : <Tag color="orange">{text.no}</Tag>,
        },
        { title: text.events, dataIndex: 'events', align: 'right' },
        { title: text.babiesCount, dataIndex: 'babies', align: 'right' },
      ]}
    />
  );
}

/** The month's times after birth, separations and supplements, counted by the service. */
function MonthDistribution({ month }: { month: string }) {
  const text = useText(AUDIT_TEXT);
  const distribution = useDistribution(month);
  if (distribution.error) return <QueryFailure error={distribution.error} />;
  const d = distribution.data;
  if (!d) return null;
  const summary = (x: Schemas['MinuteDistributionDto']) => (
    <Space size="large">
      <span>
        {fill(text.withinLimit, { limit: x.limitMinutes, within: x.within, recorded: x.recorded })}
      </span>
      <span>{fill(text.notRecorded, { count: x.notRecorded })}</span>
    </Space>
  );
  const totals = d.supplementTotals;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card title={heading(fill(text.timesTitle, { count: d.babies }))}>
        <Row gutter={[24, 24]}>
          {[
            { title: text.skinChart, x: d.skinToSkinStart },
            { title: text.firstFeedChart, x: d.firstBreastfeed },
          ].map(({ title, x }) => (
            <Col key={title} xs={24} lg={12}>
              <h3 style={{ fontSize: 14, margin: '0 0 8px' }}>{title}</h3>
              <MinutesChart
                distribution={x}
                label={title}
                limitText={fill(text.limit, { limit: x.limitMinutes })}
                later={text.later}
                babies={text.babies}
              />
              {summary(x)}
            </Col>
          ))}
        </Row>
      </Card>
      <Row gutter={[24, 24]}>
        <Col xs={24} lg={12}>
          <Card title={heading(text.separationsTitle)} style={{ height: '100%' }}>
            <ReasonTable rows={d.separations} reasonTitle={text.reason} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={heading(text.supplementsTitle)} style={{ height: '100%' }}>
            <Space size="large" style={{ marginBottom: 12 }} wrap>
              <span>
                {text.withMedical}：{totals.withMedicalReason.events} {text.events} ·{' '}
                {totals.withMedicalReason.babies} {text.babiesCount}
              </span>
              <span>
                {text.withoutMedical}：{totals.withoutMedicalReason.events} {text.events} ·{' '}
                {totals.withoutMedicalReason.babies} {text.babiesCount}
              </span>
            </Space>
            <ReasonTable rows={d.supplements} reasonTitle={text.supplementWhat} />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}

interface Failure {
  key: string;
  code: ReviewedCode;
  newbornId: number;
  mother: string;
  born: string;
  failedCriterion: string;
  review: Review | undefined;
}

/** The note of a mark, new or changed: what she typed stays when the save fails. */
function NoteDialog({
  failure,
  month,
  onClose,
}: {
  failure: Failure | null;
  month: string;
  onClose: () => void;
}) {
  const text = useText(AUDIT_TEXT);
  const { message } = App.useApp();
  const [form] = Form.useForm<{ note: string }>();
  const [error, setError] = useState<string | null>(null);
  const { mark, update } = useReviewActions(month);
  const busy = mark.isPending || update.isPending;
  const save = async ({ note }: { note: string }) => {
    if (!failure) return;
    setError(null);
    try {
      if (failure.review) {
        await update.mutateAsync({
          id: failure.review.id,
          version: failure.review.version,
          note: note.trim(),
        });
      } else {
        await mark.mutateAsync({
          newbornId: failure.newbornId,
          indicatorCode: failure.code,
          note: note.trim(),
        });
      }
      message.success(text.saved);
      onClose();
    } catch (failed) {
      setError(failureMessage(failed));
      if (failed instanceof ApiFailure) {
        form.setFields(fieldErrors(failed.details.filter((d) => d.field === 'note')));
      }
    }
  };
  return (
    <Modal
      open={failure !== null}
      title={failure ? `${failure.mother} · ${failure.code}` : ''}
      okText={text.save}
      cancelText={text.cancel}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      afterOpenChange={(open) => {
        if (open) setError(null);
      }}
      destroyOnHidden
    >
      {error && (
        <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />
      )}
      <Typography.Paragraph style={{ color: '#a8071a' }}>
        {failure?.failedCriterion}
      </Typography.Paragraph>
      {/* Mounted anew at each opening (destroyOnHidden): the note starts from the mark's, and
          what she types while the dialog still opens is kept. */}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ note: failure?.review?.note ?? '' }}
        onFinish={(v) => void save(v)}
        preserve={false}
      >
        <Form.Item
          name="note"
          label={text.note}
          rules={[{ required: true, whitespace: true, message: text.required }, { max: 500 }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The month's failing babies, indicator by indicator, each marked reviewed with a note or not. */
function Failures({ month, writes }: { month: string; writes: boolean }) {
  const text = useText(AUDIT_TEXT);
  const { language } = useLanguage();
  const { message } = App.useApp();
  const definitions = useDefinitions();
  const cases = useFailedCases(month);
  const reviews = useReviews(month);
  const { unmark } = useReviewActions(month);
  const [editing, setEditing] = useState<Failure | null>(null);
  const failedQuery = cases.find((c) => c.error);
  if (failedQuery) return <QueryFailure error={failedQuery.error} />;
  if (reviews.error) return <QueryFailure error={reviews.error} />;
  const reviewOf = new Map(
    (reviews.data ?? []).map((r) => [`${r.newbornId}:${r.indicatorCode}`, r]),
  );
  const failures: Failure[] = REVIEWED_CODES.flatMap((code, i) =>
    (cases[i].data?.items ?? [])
      .filter((c) => c.newbornId !== null && c.newbornId !== undefined)
      .map((c) => ({
        key: `${c.newbornId}:${code}`,
        code,
        newbornId: c.newbornId!,
        mother: c.womanName ?? c.caseId,
        born: c.attributedOn,
        failedCriterion: c.failedCriterion ?? '',
        review: reviewOf.get(`${c.newbornId}:${code}`),
      })),
  );
  const cut = REVIEWED_CODES.map((code, i) => ({ code, total: cases[i].data?.total ?? 0 })).filter(
    (c) => c.total > FAILURES_PAGE_SIZE,
  );
  const reviewed = failures.filter((f) => f.review).length;
  return (
    <Card
      title={heading(text.failuresTitle)}
      extra={<span>{fill(text.reviewedCount, { reviewed, total: failures.length })}</span>}
    >
      {cut.map((c) => (
        <Alert
          key={c.code}
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={fill(text.onlyFirst, { code: c.code, total: c.total, shown: FAILURES_PAGE_SIZE })}
        />
      ))}
      {unmark.error && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 12 }}
          title={failureMessage(unmark.error)}
        />
      )}
      <Table<Failure>
        rowKey="key"
        size="small"
        loading={cases.some((c) => c.isLoading) || reviews.isLoading}
        dataSource={failures}
        locale={tableEmpty(text.noFailures)}
        pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            title: text.mother,
            render: (_, f) => <Link to={`/newborns/${f.newbornId}`}>{f.mother}</Link>,
          },
          { title: text.born, dataIndex: 'born' },
          {
            title: text.failedIndicator,
            render: (_, f) => {
              const d = definitions.data?.find((x) => x.code === f.code);
              return (
                <Space orientation="vertical" size={0}>
                  <span>{f.code}</span>
                  {d && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {language === 'zh' ? d.nameZh : d.nameEn}
                    </Typography.Text>
                  )}
                </Space>
              );
            },
          },
          {
            title: text.failedCriterion,
            width: 300,
            render: (_, f) => (
              <Typography.Text style={{ color: '#a8071a' }}>{f.failedCriterion}</Typography.Text>
            ),
          },
          {
            title: text.review,
            render: (_, f) =>
              f.review ? (
                <Tag color="green" style={{ color: '#135200' }}>
                  {text.reviewed}
                </Tag>
              ) : (
                <Tag>{text.toReview}</Tag>
              ),
          },
          {
            title: text.reviewedBy,
            render: (_, f) =>
              f.review ? (
                <Space orientation="vertical" size={0}>
                  <span>{f.review.reviewerName}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDateTime(f.review.reviewedAt)}
                  </Typography.Text>
                </Space>
              ) : (
                '—'
              ),
          },
          {
            title: text.note,
            width: 240,
            render: (_, f) => f.review?.note ?? '—',
          },
          ...(writes
            ? [
                {
                  title: text.actions,
                  key: 'actions',
                  render: (_: unknown, f: Failure) => (
                    <Space size={4} wrap={false}>
                      <Button
                        size="small"
                        type={f.review ? 'default' : 'primary'}
                        onClick={() => setEditing(f)}
                        aria-label={`${f.review ? text.editNote : text.markReviewed} ${f.mother} ${f.code}`}
                      >
                        {f.review ? text.editNote : text.markReviewed}
                      </Button>
                      {f.review && (
                        <Popconfirm
                          title={text.unmarkConfirm}
                          okText={text.unmark}
                          cancelText={text.cancel}
                          onConfirm={() =>
                            unmark.mutate(
                              { id: f.review!.id, version: f.review!.version },
                              { onSuccess: () => void message.success(text.unmarked) },
                            )
                          }
                        >
                          <Button
                            size="small"
                            danger
                            aria-label={`${text.unmark} ${f.mother} ${f.code}`}
                          >
                            {text.unmark}
                          </Button>
                        </Popconfirm>
                      )}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <NoteDialog failure={editing} month={month} onClose={() => setEditing(null)} />
    </Card>
  );
}

/**
 * 母乳喂养审核: the Baby-Friendly values month by month, the month's times to skin-to-skin and to
 * the first breastfeed against their limits, separations and supplements, and the failing babies
 * the office works through, each marked reviewed with a note (statisticians read).
 */
export default function BreastfeedingAuditPage() {
  const text = useText(AUDIT_TEXT);
  const user = useSessionUser();
  const [params, setParams] = useSearchParams();
  const latest = lastWholePeriod('month');
  const month = params.get('month') ?? latest;
  const months = periodsEndingWith(parsePeriod(latest), MONTHS_PICKED)
    .map((p) => p.key)
    .reverse();
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Space align="center" size="large" wrap>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {text.title}
        </Typography.Title>
        <Space>
          <label htmlFor="audit-month">{text.month}</label>
          <Select
            id="audit-month"
            value={month}
            style={{ width: 140 }}
            options={months.map((m) => ({ value: m, label: m }))}
            onChange={(m) => setParams({ month: m })}
          />
        </Space>
      </Space>
      <Card title={heading(text.indicatorsTitle)}>
        <MonthlyIndicators month={month} />
      </Card>
      <MonthDistribution month={month} />
      <Failures month={month} writes={user?.role === 'mch_staff'} />
    </Space>
  );
}
