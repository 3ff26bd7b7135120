import { useQuery } from '@tanstack/react-query';
import { Table, Tag } from 'antd';
import { api, unwrap, type Schemas } from '../core/api';

type Window = Schemas['WindowStatusDto'];

const STATE: Record<Window['state'], { label: string; color: string }> = {
  done: { label: '已完成', color: 'green' },
  due: { label: '应查', color: 'blue' },
  overdue: { label: '已逾期', color: 'red' },
  missed: { label: '错过', color: 'default' },
  upcoming: { label: '未到', color: 'default' },
  not_applicable: { label: '不适用', color: 'default' },
};

/** 产检计划: each window of her schedule, done, due, overdue, missed or still to come. */
export function ScheduleTab({ pregnancyId }: { pregnancyId: number }) {
  const schedule = useQuery({
    queryKey: ['pregnancies', pregnancyId, 'schedule'],
    queryFn: () =>
      unwrap(api.GET('/pregnancies/{id}/schedule', { params: { path: { id: pregnancyId } } })),
  });
  return (
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
            <Tag
              color={STATE[w.state].color}
              style={w.state === 'overdue' ? { color: '#820014' } : undefined}
            >
              {STATE[w.state].label}
              {w.state === 'overdue' && w.daysOverdue ? ` ${w.daysOverdue} 天` : ''}
            </Tag>
          ),
        },
        { title: '产检日期', dataIndex: 'visitDate', render: (d?: string | null) => d ?? '' },
      ]}
    />
  );
}
