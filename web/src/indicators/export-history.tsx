import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Table, Tag } from 'antd';
import { useState } from 'react';
import { api, failureMessage, unwrap, type Schemas } from '../core/api';
import { formatDateTime } from '../core/hospital-time';
import { useLanguage } from '../core/language';
import { QueryFailure } from '../core/query-failure';
import { tableEmpty } from '../core/table-empty';
import type { Scope } from './indicator-queries';
import { REPORTS_TEXT } from './reports.text';

type ExportRecord = Schemas['ExportRecordDto'];

const PAGE_SIZE = 10;

/** The exports of the period, newest first, by whom and with which computation; each again. */
export function ExportHistory({
  scope,
  period,
  onDownload,
}: {
  scope: Scope;
  period: string;
  onDownload: (record: ExportRecord) => Promise<void>;
}) {
  const text = REPORTS_TEXT[useLanguage().language];
  const [page, setPage] = useState(1);
  const [failure, setFailure] = useState<string | null>(null);
  const records = useQuery({
    queryKey: ['indicator-export-records', scope.regionCode ?? 'own', period, page],
    queryFn: () =>
      unwrap(
        api.GET('/indicator-export-records', {
          params: { query: { ...scope, period, page, pageSize: PAGE_SIZE } },
        }),
      ),
  });
  if (records.error) return <QueryFailure error={records.error} />;
  const again = (record: ExportRecord) => {
    setFailure(null);
    onDownload(record).catch((error: unknown) => setFailure(failureMessage(error)));
  };
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{text.history}</h2>}>
      {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 12 }} />}
      <Table<ExportRecord>
        rowKey="id"
        size="small"
        loading={records.isLoading}
        dataSource={records.data?.items ?? []}
        locale={tableEmpty(text.noExports)}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: records.data?.total ?? 0,
          hideOnSinglePage: true,
          onChange: setPage,
        }}
        columns={[
          {
            title: text.exportedAt,
            width: 180,
            render: (_, r) => formatDateTime(r.exportedAt),
          },
          { title: text.format, width: 80, render: (_, r) => r.format.toUpperCase() },
          { title: text.exportedBy, dataIndex: 'exportedByName', width: 140 },
          {
            title: text.completeness,
            width: 90,
            render: (_, r) =>
              r.complete ? (
                <Tag color="green" style={{ color: '#135200' }}>
                  {text.complete}
                </Tag>
              ) : (
                <Tag color="orange" style={{ color: '#873800' }}>
                  {text.incomplete}
                </Tag>
              ),
          },
          {
            title: text.held,
            render: (_, r) =>
              r.held.map((h) => (
                <div key={h.facilityId}>
                  {r.held.length > 1 && `${h.name}：`}
                  {text.heldVersion(
                    h.version ?? null,
                    text.states[h.state],
                    h.asOf ?? null,
                    h.computedAt ? formatDateTime(h.computedAt) : null,
                  )}
                </div>
              )),
          },
          {
            title: text.file,
            width: 120,
            render: (_, r) => (
              <Button
                size="small"
                aria-label={`${text.downloadAgain} ${r.filename}`}
                onClick={() => again(r)}
              >
                {text.downloadAgain}
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}
