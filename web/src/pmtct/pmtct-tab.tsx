import { useQuery } from '@tanstack/react-query';
import { Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
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
const TREATMENT = {
  art: '抗病毒治疗',
  syphilis_course: '抗梅毒治疗',
  hbv_antiviral: '乙肝抗病毒',
} as const;
const INFANT_DOSE: Record<string, string> = {
  hivProphylaxis: '艾滋病预防用药',
  syphilisProphylaxis: '梅毒预防性治疗',
  hbig: '乙肝免疫球蛋白',
  hepBVaccine1: '乙肝疫苗首针',
};
/** A baby's dose: on time, late, not given or still due, with text dark enough on its tag. */
const TIMELY: Record<string, { label: string; color: string; text?: string }> = {
  on_time: { label: '及时', color: 'green', text: '#135200' },
  late: { label: '延迟', color: 'orange', text: '#873800' },
  not_given: { label: '未用', color: 'red', text: '#820014' },
  due: { label: '待用', color: 'blue', text: '#002c8c' },
};

/**
 * 母婴阻断: her HIV, syphilis and hepatitis B status, tests and treatments, and her exposed
 * babies' doses and follow-ups. Shown only to the roles that may read results; the service audits
 * every read.
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
      <Typography.Title level={3} style={{ fontSize: 15, margin: 0 }}>
        孕产妇治疗
      </Typography.Title>
      <Table<Schemas['TreatmentDto']>
        rowKey="id"
        loading={status.isLoading}
        dataSource={data?.treatments ?? []}
        pagination={false}
        size="small"
        locale={{ emptyText: '无治疗记录' }}
        columns={[
          { title: '疾病', render: (_, t) => DISEASE[t.disease] },
          { title: '治疗', render: (_, t) => TREATMENT[t.kind] },
          { title: '开始日期', dataIndex: 'startedOn' },
          { title: '方案', dataIndex: 'regimen' },
          { title: '用药次数', render: (_, t) => t.doses.length },
          {
            title: '疗程',
            render: (_, t) =>
              t.complete === null || t.complete === undefined
                ? '—'
                : t.complete
                  ? '完成'
                  : '未完成',
          },
        ]}
      />
      <Typography.Title level={3} style={{ fontSize: 15, margin: 0 }}>
        暴露儿童
      </Typography.Title>
      <Table<Schemas['InfantDto']>
        rowKey="id"
        loading={status.isLoading}
        dataSource={data?.infants ?? []}
        pagination={false}
        size="small"
        locale={{ emptyText: '无暴露儿童' }}
        columns={[
          { title: '胎次', render: (_, i) => `第 ${i.birthOrder} 胎` },
          {
            title: '暴露',
            render: (_, i) =>
              i.exposures
                .map(
                  (e) => `${DISEASE[e.disease]}${e.excludedOn ? `（${e.excludedOn} 已排除）` : ''}`,
                )
                .join('、') || '—',
          },
          {
            title: '预防用药与接种',
            render: (_, i) => (
              <Space wrap size={4}>
                {Object.entries(i.timeliness).map(([what, due]) => (
                  <Tag
                    key={what}
                    color={TIMELY[due.state].color}
                    style={{ color: TIMELY[due.state].text }}
                  >
                    {INFANT_DOSE[what] ?? what}：{TIMELY[due.state].label}
                  </Tag>
                ))}
              </Space>
            ),
          },
          {
            title: '随访',
            render: (_, i) =>
              i.followUps
                .map(
                  (f) =>
                    `${f.label}${f.doneOn ? '（已完成）' : f.dueOn ? `（${f.dueOn} 应随访）` : ''}`,
                )
                .join('；') || '—',
          },
          {
            title: '操作',
            render: (_, i) =>
              i.newbornId ? <Link to={`/newborns/${i.newbornId}`}>新生儿页</Link> : '',
          },
        ]}
      />
    </Space>
  );
}
