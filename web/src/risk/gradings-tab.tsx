import { List, Space, Table, Tag, Typography } from 'antd';
import type { Schemas } from '../core/api';
import { ColourBadge } from './colour-badge';
import { useGradings } from './risk-queries';

type Assessment = Schemas['AssessmentDto'];

const KIND: Record<Assessment['kind'], string> = {
  registration_screening: '建册筛查',
  visit: '产检评估',
  postpartum_visit: '产后访视',
  day42_check: '产后42天',
  automatic: '自动重评',
};

/** 风险评估: every grading, newest first, with its factors; derived ones show their evidence. */
export function GradingsTab({ pregnancyId }: { pregnancyId: number }) {
  const gradings = useGradings(pregnancyId);
  const rows = [...(gradings.data ?? [])].sort((a, b) => b.assessedAt.localeCompare(a.assessedAt));
  return (
    <Table<Assessment>
      rowKey="id"
      loading={gradings.isLoading}
      dataSource={rows}
      pagination={false}
      size="small"
      columns={[
        { title: '评估日期', dataIndex: 'assessedOn' },
        { title: '类型', render: (_, a) => KIND[a.kind] },
        { title: '分级', render: (_, a) => <ColourBadge colour={a.colour} purple={a.purple} /> },
        {
          title: '高危因素',
          render: (_, a) =>
            a.factors.length === 0 ? (
              '无'
            ) : (
              <List
                size="small"
                split={false}
                dataSource={a.factors}
                renderItem={(f) => (
                  <List.Item style={{ padding: '2px 0' }}>
                    <Space size={4} wrap>
                      {f.colour && <ColourBadge colour={f.colour} purple={f.purple} />}
                      <span>{f.descriptionZh ?? f.code}</span>
                      {f.origin === 'derived' && <Tag>自动</Tag>}
                      {f.evidence && (
                        <Typography.Text type="secondary">{f.evidence}</Typography.Text>
                      )}
                    </Space>
                  </List.Item>
                )}
              />
            ),
        },
      ]}
    />
  );
}
