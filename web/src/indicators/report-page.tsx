import {
  Alert,
  Button,
  Card,
  Form,
  Input,
  List,
  Progress,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import {
  INDICATOR_GROUP_NAMES,
  INDICATOR_GROUPS,
} from '../../../src/indicators/definitions/indicator-definition';
import {
  parsePeriod,
  PERIOD_KINDS,
  periodsEndingWith,
  type PeriodKind,
} from '../../../src/indicators/periods';
import { api, ApiFailure, failureMessage, unwrap, type Schemas } from '../core/api';
import { saveDownload } from '../core/download';
import { useLanguage, useText } from '../core/language';
import { QueryFailure } from '../core/query-failure';
import { useSessionUser } from '../core/use-session';
import { useComputation, useValues, type Scope } from './indicator-queries';
import { ExportHistory } from './export-history';
import { INDICATORS_TEXT } from './indicators.text';
import { REPORTS_TEXT } from './reports.text';
import { lastWholePeriod, ValueCell } from './value-cell';
import { formatTarget } from './value-format';

type Value = Schemas['IndicatorValueDto'];
type Format = 'xlsx' | 'csv' | 'fhir';

/** A gap the service named when it refused the export: a facility's indicators, and why. */
interface Gap {
  facilityId: number;
  facilityCode?: string;
  rule: 'not_computed' | 'stale' | 'corrected_after_close';
  indicatorCodes: string[];
}

const REGION_READERS: readonly string[] = ['statistician', 'admin'];

/**
 * 报表中心: a facility's (or a region's) values for a period as the bureau takes them. What is
 * missing or stale is said before anything is sent; it is computed here with its progress, the
 * tables are previewed, and the file comes as xlsx, CSV or FHIR.
 */
export default function ReportPage() {
  const text = REPORTS_TEXT[useLanguage().language];
  const words = useText(INDICATORS_TEXT);
  const user = useSessionUser();
  const client = useQueryClient();
  const [params, setParams] = useSearchParams();
  const kind = (params.get('kind') as PeriodKind | null) ?? 'month';
  const period = params.get('period') ?? lastWholePeriod(kind);
  const regionCode = params.get('regionCode') ?? undefined;
  const scope: Scope = regionCode ? { regionCode } : {};
  const values = useValues(scope, period);
  const { start, job, running } = useComputation(scope, period);
  const [refused, setRefused] = useState<Gap[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [downloading, setDownloading] = useState<Format | null>(null);
  const periods = periodsEndingWith(parsePeriod(lastWholePeriod(kind)), 24).reverse();
  const change = (next: Record<string, string | undefined>) => {
    setRefused(null);
    const merged = { kind, period, regionCode, ...next };
    setParams(
      Object.fromEntries(Object.entries(merged).filter(([, v]) => v)) as Record<string, string>,
    );
  };

  const all = values.data?.values ?? [];
  const missing = all.filter((v) => v.state === 'not_computed');
  const stale = all.filter((v) => v.stale);

  /** An earlier export, the same bytes as were sent. */
  const downloadAgain = async (record: Schemas['ExportRecordDto']) => {
    const result = await api.GET('/indicator-export-records/{id}/file', {
      params: { path: { id: record.id } },
      parseAs: 'stream',
    });
    if (!result.response.ok) await unwrap(Promise.resolve(result));
    await saveDownload(result.response, record.filename);
  };

  const download = async (format: Format) => {
    setDownloading(format);
    setError(null);
    setRefused(null);
    try {
      const result = await api.GET('/indicator-exports', {
        params: { query: { period, format, ...scope } },
        parseAs: 'stream',
      });
      if (!result.response.ok) await unwrap(Promise.resolve(result));
      await saveDownload(
        result.response,
        `indicators-${period}.${format === 'fhir' ? 'json' : format}`,
      );
      void client.invalidateQueries({ queryKey: ['indicator-export-records'] });
    } catch (failure) {
      if (failure instanceof ApiFailure && failure.code === 'EXPORT_INCOMPLETE') {
        setRefused(failure.details as unknown as Gap[]);
      } else {
        setError(failureMessage(failure));
      }
    } finally {
      setDownloading(null);
    }
  };

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        {text.title}
      </Typography.Title>
      <Form layout="inline" aria-label={text.title}>
        {user && REGION_READERS.includes(user.role) && (
          <Form.Item label={words.regionCode} htmlFor="report-region">
            <Input.Search
              id="report-region"
              allowClear
              defaultValue={regionCode}
              placeholder={words.ownFacility}
              style={{ width: 200 }}
              onSearch={(code) => change({ regionCode: code.trim() || undefined })}
            />
          </Form.Item>
        )}
        <Form.Item label={words.periodKind} htmlFor="report-kind">
          <Select
            id="report-kind"
            value={kind}
            style={{ width: 120 }}
            options={PERIOD_KINDS.map((k) => ({ value: k, label: words[k] }))}
            onChange={(k: PeriodKind) => change({ kind: k, period: lastWholePeriod(k) })}
          />
        </Form.Item>
        <Form.Item label={words.period} htmlFor="report-period">
          <Select
            id="report-period"
            value={period}
            style={{ width: 140 }}
            options={periods.map((p) => ({ value: p.key, label: p.key }))}
            onChange={(p: string) => change({ period: p })}
          />
        </Form.Item>
      </Form>
      {values.error && <QueryFailure error={values.error} />}

      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{text.readiness}</h2>}>
        <Space orientation="vertical" style={{ width: '100%' }}>
          {values.data && missing.length === 0 && stale.length === 0 && (
            <Alert type="success" showIcon title={text.ready} />
          )}
          {(missing.length > 0 || stale.length > 0) && (
            <Alert
              type="warning"
              showIcon
              title={text.notReady(missing.length, stale.length)}
              description={
                <Space wrap size={[4, 4]}>
                  {[...missing, ...stale].map((v) => (
                    <Tag key={v.code}>
                      {v.code} {v.nameZh}
                      {v.stale ? `（${text.stale}）` : `（${text.missing}）`}
                    </Tag>
                  ))}
                </Space>
              }
            />
          )}
          {refused && (
            <Alert
              type="error"
              showIcon
              role="alert"
              title={text.refused}
              description={
                <List
                  size="small"
                  dataSource={refused}
                  renderItem={(gap) => (
                    <List.Item>
                      {gap.facilityCode ?? gap.facilityId}：{text.gap[gap.rule]}
                      {'，'}
                      {gap.indicatorCodes.length} {text.indicators}
                    </List.Item>
                  )}
                />
              }
            />
          )}
          <Space wrap>
            <Button
              type={missing.length > 0 || stale.length > 0 ? 'primary' : 'default'}
              loading={start.isPending}
              disabled={running}
              onClick={() => {
                setRefused(null);
                start.mutate(undefined);
              }}
            >
              {text.compute}
            </Button>
            {job && (
              <Progress
                percent={job.progress}
                status={job.state === 'failed' ? 'exception' : undefined}
                style={{ width: 240 }}
                aria-label={text.progress}
              />
            )}
            {job?.state === 'failed' && <Tag color="red">{words.computeFailed}</Tag>}
          </Space>
          {start.error && <Alert type="error" showIcon title={failureMessage(start.error)} />}
        </Space>
      </Card>

      <ExportHistory scope={scope} period={period} onDownload={downloadAgain} />

      <Card
        title={<h2 style={{ fontSize: 16, margin: 0 }}>{text.download}</h2>}
        extra={
          <Space>
            {(['xlsx', 'csv', 'fhir'] as const).map((format) => (
              <Button
                key={format}
                loading={downloading === format}
                onClick={() => void download(format)}
              >
                {text.formats[format]}
              </Button>
            ))}
          </Space>
        }
      >
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        {INDICATOR_GROUPS.map((group) => {
          const rows = all.filter((v) => v.group === group);
          if (rows.length === 0) return null;
          return (
            <div key={group} style={{ marginBottom: 16 }}>
              <Typography.Title level={3} style={{ fontSize: 15 }}>
                {INDICATOR_GROUP_NAMES[group].zh}
              </Typography.Title>
              <Table<Value>
                rowKey="code"
                size="small"
                pagination={false}
                dataSource={rows}
                tableLayout="fixed"
                columns={[
                  { title: words.indicator, render: (_, v) => `${v.code} ${v.nameZh}` },
                  { title: words.numerator, dataIndex: 'numerator', width: 100 },
                  { title: words.denominator, dataIndex: 'denominator', width: 100 },
                  { title: words.value, width: 160, render: (_, v) => <ValueCell value={v} /> },
                  {
                    title: words.target,
                    width: 140,
                    render: (_, v) => formatTarget(v.target, v.unit, words.falling),
                  },
                ]}
              />
            </div>
          );
        })}
      </Card>
    </Space>
  );
}
