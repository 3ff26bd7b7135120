import { useQuery } from '@tanstack/react-query';
import { Space, Table, Tag } from 'antd';
import { api, unwrap, type Schemas } from '../core/api';
import { GaRuler, STATE_LABEL } from './ga-ruler';

type Window = Schemas['WindowStatusDto'];

/** Tag colours, with text dark enough on them for AA contrast. */
const COLOR: Record<Window['state'], { color: string; text?: string }> = {
  done: { color: 'green', text: '#135200' },
  due: { color: 'blue', text: '#002c8c' },
  overdue: { color: 'red', text: '#820014' },
  missed: { color: 'default' },
  upcoming: { color: 'default' },
  not_applicable: { color: 'default' },
};

/**
 * 产检计划: each window of her schedule, done, due, overdue, missed or still to come, on a
 * gestational-age ruler and in a table.
 */
export function ScheduleTab({ pregnancyId }: { pregnancyId: number }) {
  const schedule = useQuery({
    queryKey: ['pregnancies', pregnancyId, 'schedule'],
    queryFn: () =>
      unwrap(api.GET('/pregnancies/{id}/schedule', { params: { path: { id: pregnancyId } } })),
  });
  const data = schedule.data;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {data && (
        <GaRuler
          windows={data.windows}
          gaDaysToday={data.gestationalAge?.days ?? null}
          asOf={data.asOf}
        />
      )}
      <Table<Window>
        rowKey="code"
        loading={schedule.isLoading}
        dataSource={schedule.data?.windows ?? []}
        pagination={false}
        size="small"
        columns={[
          { title: '时段', dataIndex: 'label' },
          { title: '应查日期', render: (_, w) => `${w.dueFrom} 起` },
          { title: '逾期日期', dataIndex: 'overdueFrom' },
          {
            title: '状态',
            render: (_, w) => (
              <Tag color={COLOR[w.state].color} style={{ color: COLOR[w.state].text }}>
                {STATE_LABEL[w.state]}
                {w.state === 'overdue' && w.daysOverdue ? ` ${w.daysOverdue} 天` : ''}
              </Tag>
            ),
          },
          { title: '产检日期', dataIndex: 'visitDate', render: (d?: string | null) => d ?? '' },
        ]}
      />
    </Space>
  );
}
