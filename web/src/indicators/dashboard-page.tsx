import {
  Alert,
  Badge,
  Button,
  Card,
  Col,
  Form,
  Input,
  Progress,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  INDICATOR_GROUP_NAMES,
  INDICATOR_GROUPS,
  type IndicatorGroup,
} from '../../../src/indicators/definitions/indicator-definition';
import {
  parsePeriod,
  PERIOD_KINDS,
  periodsEndingWith,
  type PeriodKind,
} from '../../../src/indicators/periods';
import type { Schemas } from '../core/api';
import { failureMessage } from '../core/api';
import { useLanguage, useText } from '../core/language';
import { QueryFailure } from '../core/query-failure';
import { useSessionUser } from '../core/use-session';
import { useComputation, useValues, type Scope } from './indicator-queries';
import { INDICATORS_TEXT } from './indicators.text';
import { TrendChart } from './trend-chart';
import { lastWholePeriod, ValueCell } from './value-cell';
import { formatTarget } from './value-format';

type Value = Schemas['IndicatorValueDto'];

/** Who may name a region rather than their own facility. */
const REGION_READERS: readonly string[] = ['statistician', 'admin'];

/** One group's card: its values, its trend, and a recompute when its values are stale. */
function GroupCard({
  group,
  values,
  scope,
  period,
}: {
  group: IndicatorGroup;
  values: Value[];
  scope: Scope;
  period: string;
}) {
  const text = useText(INDICATORS_TEXT);
  const { language } = useLanguage();
  const [selected, setSelected] = useState<string | null>(null);
  const { start, job, running } = useComputation(scope, period);
  const shown =
    values.find((v) => v.code === selected) ??
    values.find((v) => v.targetMet === false) ??
    values.find((v) => v.target !== null) ??
    values[0];
  const needsComputing = values.some((v) => v.stale || v.state === 'not_computed');
  const name = INDICATOR_GROUP_NAMES[group][language];
  const query = new URLSearchParams({ period, ...scope }).toString();

  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{name}</h2>}
      extra={
        <Space>
          {needsComputing && !running && (
            <Badge
              status="warning"
              text={values.some((v) => v.stale) ? text.stale : text.notComputed}
            />
          )}
          {running && job && (
            <Progress
              percent={job.progress}
              size="small"
              style={{ width: 120 }}
              aria-label={`${name} ${text.computing}`}
            />
          )}
          {job?.state === 'failed' && <Tag color="red">{text.computeFailed}</Tag>}
          <Button
            size="small"
            loading={running}
            onClick={() => start.mutate(group)}
            aria-label={`${text.recompute} ${name}`}
          >
            {text.recompute}
          </Button>
        </Space>
      }
    >
      {start.error && <Alert type="error" showIcon title={failureMessage(start.error)} />}
      <Table<Value>
        rowKey="code"
        size="small"
        pagination={false}
        dataSource={values}
        rowClassName={(v) => (v.code === shown?.code ? 'ant-table-row-selected' : '')}
        onRow={(v) => ({ onClick: () => setSelected(v.code) })}
        columns={[
          {
            title: text.indicator,
            render: (_, v) => (
              <Link to={`/indicators/${v.code}?${query}`}>
                {v.code} {language === 'zh' ? v.nameZh : v.nameEn}
              </Link>
            ),
          },
          {
            title: text.value,
            onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
            render: (_, v) => <ValueCell value={v} />,
          },
          {
            title: text.numeratorDenominator,
            render: (_, v) => (v.state === 'not_computed' ? '' : `${v.numerator}/${v.denominator}`),
          },
          {
            title: text.excluded,
            render: (_, v) => (v.state === 'not_computed' ? '' : v.excluded),
          },
          {
            title: text.incomplete,
            render: (_, v) => (v.state === 'not_computed' ? '' : v.incomplete),
          },
          {
            title: text.target,
            onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
            render: (_, v) => formatTarget(v.target, v.unit, text.falling),
          },
        ]}
      />
      {shown && (
        <div style={{ marginTop: 12 }}>
          <Typography.Text type="secondary">
            {text.trendOf}
            {shown.code} {language === 'zh' ? shown.nameZh : shown.nameEn}
          </Typography.Text>
          <TrendChart
            value={shown}
            height={180}
            label={`${shown.nameZh}${text.trend}`}
            targetLabel={text.targetLine}
          />
        </div>
      )}
    </Card>
  );
}

/**
 * 指标总览: every group's values for a facility (or a region) and a period, each against its
 * target (red when missed), its trend, and a recompute where the records changed since.
 */
export default function DashboardPage() {
  const text = useText(INDICATORS_TEXT);
  const user = useSessionUser();
  const [params, setParams] = useSearchParams();
  const kind = (params.get('kind') as PeriodKind | null) ?? 'month';
  const period = params.get('period') ?? lastWholePeriod(kind);
  const regionCode = params.get('regionCode') ?? undefined;
  const scope: Scope = regionCode ? { regionCode } : {};
  const values = useValues(scope, period);
  const mayNameRegion = user !== null && REGION_READERS.includes(user.role);
  const periods = periodsEndingWith(parsePeriod(lastWholePeriod(kind)), 24).reverse();
  const change = (next: Record<string, string | undefined>) => {
    const merged = { kind, period, regionCode, ...next };
    setParams(
      Object.fromEntries(Object.entries(merged).filter(([, v]) => v)) as Record<string, string>,
    );
  };

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        {text.dashboardTitle}
      </Typography.Title>
      <Form layout="inline" aria-label={text.dashboardTitle}>
        {mayNameRegion && (
          <Form.Item label={text.regionCode} htmlFor="indicator-region">
            <Input.Search
              id="indicator-region"
              allowClear
              defaultValue={regionCode}
              placeholder={text.ownFacility}
              style={{ width: 200 }}
              onSearch={(code) => change({ regionCode: code.trim() || undefined })}
            />
          </Form.Item>
        )}
        <Form.Item label={text.periodKind} htmlFor="indicator-kind">
          <Select
            id="indicator-kind"
            value={kind}
            style={{ width: 120 }}
            options={PERIOD_KINDS.map((k) => ({ value: k, label: text[k] }))}
            onChange={(k: PeriodKind) => change({ kind: k, period: lastWholePeriod(k) })}
          />
        </Form.Item>
        <Form.Item label={text.period} htmlFor="indicator-period">
          <Select
            id="indicator-period"
            value={period}
            style={{ width: 140 }}
            options={periods.map((p) => ({ value: p.key, label: p.key }))}
            onChange={(p: string) => change({ period: p })}
          />
        </Form.Item>
      </Form>
      {values.error && <QueryFailure error={values.error} />}
      <Row gutter={[16, 16]}>
        {INDICATOR_GROUPS.map((group) => {
          const ofGroup = (values.data?.values ?? []).filter((v) => v.group === group);
          if (ofGroup.length === 0) return null;
          return (
            <Col key={group} xs={24} xl={12}>
              <GroupCard group={group} values={ofGroup} scope={scope} period={period} />
            </Col>
          );
        })}
      </Row>
    </Space>
  );
}
