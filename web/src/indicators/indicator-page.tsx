import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Space, Table, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { INDICATOR_GROUP_NAMES } from '../../../src/indicators/definitions/indicator-definition';
import { api, failureMessage, unwrap, type Schemas } from '../core/api';
import { saveDownload } from '../core/download';
import { useLanguage, useText } from '../core/language';
import { QueryFailure } from '../core/query-failure';
import { lastWholePeriod, ValueCell } from './value-cell';
import { useDefinitions, useValues, type Scope } from './indicator-queries';
import { INDICATORS_TEXT } from './indicators.text';
import { TrendChart } from './trend-chart';
import { formatTarget } from './value-format';

type Role = 'numerator' | 'failed' | 'excluded' | 'incomplete';
type Case = Schemas['CaseDto'];
const PAGE_SIZE = 20;

/**
 * A deciding field's value as the office reads it: a code in Chinese, yes or no, a blank as a
 * dash.
 */
function shownField(value: unknown, codes: Record<string, string> = {}): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'string' || typeof value === 'number') return codes[value] ?? String(value);
  return JSON.stringify(value);
}

/** The page a case's row opens: the baby's, else her pregnancy's. */
function caseLink(c: Case): string | null {
  if (c.newbornId) return `/newborns/${c.newbornId}`;
  if (c.pregnancyId) return `/pregnancies/${c.pregnancyId}`;
  return null;
}

/** The cases of one role, a page at a time, with their deciding fields in Chinese. */
function CaseList({ code, period, role }: { code: string; period: string; role: Role }) {
  const text = useText(INDICATORS_TEXT);
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page') ?? '1');
  const cases = useQuery({
    queryKey: ['indicator-cases', code, period, role, page],
    queryFn: () =>
      unwrap(
        api.GET('/indicator-values/{code}/cases', {
          params: { path: { code }, query: { period, role, page, pageSize: PAGE_SIZE } },
        }),
      ),
  });
  if (cases.error) return <QueryFailure error={cases.error} />;
  const labels = cases.data?.fieldLabelsZh ?? {};
  const codes = cases.data?.fieldValuesZh ?? {};
  return (
    <Table<Case>
      rowKey="caseId"
      size="small"
      loading={cases.isLoading}
      dataSource={cases.data?.items ?? []}
      locale={{ emptyText: text.noCases }}
      scroll={{ x: 'max-content' }}
      pagination={{
        current: page,
        pageSize: PAGE_SIZE,
        total: cases.data?.total ?? 0,
        showSizeChanger: false,
        onChange: (next) => {
          const merged = new URLSearchParams(params);
          merged.set('page', String(next));
          setParams(merged);
        },
      }}
      columns={[
        {
          title: text.woman,
          render: (_, c) => {
            const to = caseLink(c);
            const name = c.womanName ?? c.caseId;
            return to ? <Link to={to}>{name}</Link> : name;
          },
        },
        { title: text.day, dataIndex: 'attributedOn' },
        ...(role === 'failed'
          ? [
              {
                title: text.failedCriterion,
                width: 260,
                render: (_: unknown, c: Case) => (
                  <Typography.Text style={{ color: '#a8071a' }}>
                    {c.failedCriterion}
                  </Typography.Text>
                ),
              },
            ]
          : []),
        ...Object.entries(labels).map(([column, label]) => ({
          title: label,
          render: (_: unknown, c: Case) => shownField(c.fields[column], codes[column]),
        })),
      ]}
    />
  );
}

/** The tab's whole list as an xlsx (the service audits it as a look at the cases). */
function CaseListDownload({
  code,
  period,
  role,
  label,
}: {
  code: string;
  period: string;
  role: Role;
  label: string;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await api.GET('/indicator-values/{code}/cases/xlsx', {
        params: { path: { code }, query: { period, role } },
        parseAs: 'stream',
      });
      if (!result.response.ok) await unwrap(Promise.resolve(result));
      await saveDownload(result.response, `cases-${code}-${period}-${role}.xlsx`);
    } catch (failure) {
      setError(failureMessage(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space>
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
      <Button loading={busy} onClick={() => void download()}>
        {label}
      </Button>
    </Space>
  );
}

/**
 * 指标详情: the definition in Chinese, the trend against the target, and the cases behind the
 * value (met, failed with the reason, excluded, incomplete), each opening the baby or the mother.
 * Every look at the cases is audited by the service.
 */
export default function IndicatorPage() {
  const code = useParams().code!;
  const text = useText(INDICATORS_TEXT);
  const { language } = useLanguage();
  const [params, setParams] = useSearchParams();
  const period = params.get('period') ?? lastWholePeriod('month');
  const regionCode = params.get('regionCode') ?? undefined;
  const scope: Scope = regionCode ? { regionCode } : {};
  const tab = (params.get('tab') as Role | null) ?? 'numerator';
  const definitions = useDefinitions();
  const values = useValues(scope, period);
  const definition = definitions.data?.find((d) => d.code === code);
  const value = values.data?.values.find((v) => v.code === code);
  if (definitions.error) return <QueryFailure error={definitions.error} />;
  if (values.error) return <QueryFailure error={values.error} />;
  if (!definition || !value) return null;

  const tabs: Array<{ key: Role; label: string; shown: boolean }> = [
    { key: 'numerator', label: `${text.casesMet}（${value.numerator}）`, shown: true },
    {
      key: 'failed',
      label: `${text.casesFailed}（${value.denominator - value.numerator}）`,
      shown: definition.hasFailedCases,
    },
    {
      key: 'excluded',
      label: `${text.casesExcluded}（${value.excluded}）`,
      shown: definition.exclusion !== null,
    },
    {
      key: 'incomplete',
      label: `${text.casesIncomplete}（${value.incomplete}）`,
      shown: definition.incomplete !== null,
    },
  ];
  const back = new URLSearchParams({ period, ...scope }).toString();
  const said = (criterion: Schemas['CriterionDto']) =>
    language === 'zh' ? criterion.descriptionZh : criterion.description;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Link to={`/indicators?${back}`}>{text.back}</Link>
      <Space align="center" size="large" wrap>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {definition.code} {language === 'zh' ? definition.nameZh : definition.nameEn}
        </Typography.Title>
        <span>{period}</span>
        <ValueCell value={value} />
        <span>
          {value.numerator}/{value.denominator}
        </span>
      </Space>
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{text.definition}</h2>}>
        <Descriptions size="small" bordered column={1}>
          <Descriptions.Item label={text.cohort}>
            {INDICATOR_GROUP_NAMES[definition.group][language]} ·{' '}
            {said(definition.cohortDescription)}
          </Descriptions.Item>
          <Descriptions.Item label={text.denominator}>
            {said(definition.denominator)}
          </Descriptions.Item>
          <Descriptions.Item label={text.numerator}>{said(definition.numerator)}</Descriptions.Item>
          {definition.exclusion && (
            <Descriptions.Item label={text.exclusion}>
              {said(definition.exclusion)}
            </Descriptions.Item>
          )}
          {definition.incomplete && (
            <Descriptions.Item label={text.incompleteCriterion}>
              {said(definition.incomplete)}
            </Descriptions.Item>
          )}
          <Descriptions.Item label={text.target}>
            {formatTarget(definition.target, definition.unit, text.falling)}
          </Descriptions.Item>
          <Descriptions.Item label={text.attribution}>
            {language === 'zh' ? definition.attributionZh : definition.attribution}
          </Descriptions.Item>
          <Descriptions.Item label={text.version}>{definition.version}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{text.trend}</h2>}>
        <TrendChart
          value={value}
          height={260}
          label={`${definition.nameZh}${text.trend}`}
          targetLabel={text.targetLine}
        />
      </Card>
      {!regionCode && (
        <Card
          title={<h2 style={{ fontSize: 16, margin: 0 }}>{text.cases}</h2>}
          extra={
            <CaseListDownload code={code} period={period} role={tab} label={text.exportCases} />
          }
        >
          <Tabs
            activeKey={tab}
            onChange={(key) => setParams({ ...Object.fromEntries(params), tab: key, page: '1' })}
            items={tabs
              .filter((t) => t.shown)
              .map((t) => ({
                key: t.key,
                label: t.label,
                children:
                  t.key === tab ? <CaseList code={code} period={period} role={t.key} /> : null,
              }))}
          />
        </Card>
      )}
    </Space>
  );
}
