import { List, Space, Table, Tag, Typography } from 'antd';
import { RISK_WRITERS } from '../../../src/risk/rules/risk-writers';
import type { Schemas } from '../core/api';
import { useText } from '../core/language';
import { useSessionUser } from '../core/use-session';
import { ColourBadge } from './colour-badge';
import { GradingForm } from './grading-form';
import { useGradings } from './risk-queries';
import { KIND_TEXT, RISK_TEXT } from './risk.text';

type Assessment = Schemas['AssessmentDto'];
const WRITERS: readonly string[] = RISK_WRITERS;

/**
 * 风险评估: a new grading for those who grade (nurses, MCH doctors), then every grading, newest
 * first, with its factors; derived ones show their evidence.
 */
export function GradingsTab({ pregnancyId, status }: { pregnancyId: number; status: string }) {
  const text = useText(RISK_TEXT);
  const kinds = useText(KIND_TEXT);
  const user = useSessionUser();
  const gradings = useGradings(pregnancyId);
  const rows = [...(gradings.data ?? [])].sort((a, b) => b.assessedAt.localeCompare(a.assessedAt));
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      {user && WRITERS.includes(user.role) && !gradings.isLoading && (
        <GradingForm pregnancyId={pregnancyId} status={status} latest={rows[0]} />
      )}
      <Table<Assessment>
        rowKey="id"
        loading={gradings.isLoading}
        dataSource={rows}
        pagination={false}
        size="small"
        columns={[
          { title: text.assessedOn, dataIndex: 'assessedOn' },
          { title: text.kind, render: (_, a) => kinds[a.kind] },
          {
            title: text.grading,
            render: (_, a) => <ColourBadge colour={a.colour} purple={a.purple} />,
          },
          {
            title: text.factors,
            render: (_, a) =>
              a.factors.length === 0 ? (
                text.none
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
                        {f.origin === 'derived' && <Tag>{text.automatic}</Tag>}
                        {f.evidence && (
                          <Typography.Text type="secondary">{f.evidence}</Typography.Text>
                        )}
                        {f.note && <Typography.Text type="secondary">{f.note}</Typography.Text>}
                      </Space>
                    </List.Item>
                  )}
                />
              ),
          },
        ]}
      />
    </Space>
  );
}
