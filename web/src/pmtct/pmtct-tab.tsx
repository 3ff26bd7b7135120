import { useQuery } from '@tanstack/react-query';
import { Space, Table, Tag, Typography } from 'antd';
import { api, unwrap, type Schemas } from '../core/api';
import { QueryFailure } from '../core/query-failure';

const DISEASE = { hiv: '艾滋病', syphilis: '梅毒', hbsag: '乙肝' } as const;
const STATUS: Record<Schemas['DiseaseStatusDto']['status'], { label: string; color: string }> = {
  untested: { label: '未检测', color: 'orange' },
  pending: { label: '待出结果', color: 'blue' },
  negative: { label: '阴性', color: 'green' },
  awaiting_confirmation: { label: '初筛阳性待确证', color: 'orange' },
  confirmed_positive: { label: '确证阳性', color: 'red' },
  indeterminate: { label: '不确定', color: 'default' },
};
const RESULT = { negative: '阴性', positive: '阳性', indeterminate: '不确定' } as const;
const KIND = { screening: '初筛', confirmatory: '确证' } as const;
const SETTING = { antenatal: '孕期', labour: '临产', postpartum: '产后' } as const;

/**
 * 母婴阻断: her HIV, syphilis and hepatitis B status, tests and treatments. Shown only to the
 * roles that may read results; the service audits every read.
 */
export function PmtctTab({ pregnancyId }: { pregnancyId: number }) {
  const status = useQuery({
    queryKey: ['pregnancies', pregnancyId, 'pmtct'],
    queryFn: () =>
      unwrap(api.GET('/pregnancies/{id}/pmtct', { params: { path: { id: pregnancyId } } })),
  });
  if (status.error) return <QueryFailure error={status.error} />;
  const data = status.data;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Text type="secondary">
        检测结果属敏感信息，每次查看均记录在审计日志中。
      </Typography.Text>
      <Table<Schemas['DiseaseStatusDto']>
        rowKey="disease"
        loading={status.isLoading}
        dataSource={data?.diseases ?? []}
        pagination={false}
        size="small"
        columns={[
          { title: '疾病', render: (_, d) => DISEASE[d.disease] },
          {
            title: '状态',
            render: (_, d) => (
              <Tag color={STATUS[d.status].color} style={{ color: '#262626' }}>
                {STATUS[d.status].label}
              </Tag>
            ),
          },
          { title: '孕早期检测', render: (_, d) => (d.testedEarly ? '是' : '否') },
          {
            title: '治疗',
            render: (_, d) =>
              d.treated === null || d.treated === undefined
                ? '不适用'
                : d.treated
                  ? '已治疗'
                  : '未治疗',
          },
        ]}
      />
      <Table<Schemas['TestDto']>
        rowKey="id"
        loading={status.isLoading}
        dataSource={data?.tests ?? []}
        pagination={false}
        size="small"
        columns={[
          { title: '采样日期', dataIndex: 'sampleDate' },
          { title: '疾病', render: (_, t) => DISEASE[t.disease] },
          {
            title: '检测',
            render: (_, t) =>
              `${SETTING[t.setting]}${KIND[t.kind]}${t.subject === 'partner' ? '（配偶）' : ''}`,
          },
          { title: '结果', render: (_, t) => (t.result ? RESULT[t.result] : '待出结果') },
          { title: '结果日期', dataIndex: 'resultDate', render: (d?: string | null) => d ?? '' },
        ]}
      />
    </Space>
  );
}
