import { useQuery } from '@tanstack/react-query';
import { Space, Table, Tag } from 'antd';
import { api, unwrap, type Schemas } from '../core/api';
import { fill, useText } from '../core/language';
import { ANTENATAL_TEXT, WINDOW_STATE_TEXT } from './antenatal.text';
import { GaRuler, useWindowLabel } from './ga-ruler';

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
  const text = useText(ANTENATAL_TEXT);
  const states = useText(WINDOW_STATE_TEXT);
  const labelOf = useWindowLabel();
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
          { title: text.period, render: (_, w) => labelOf(w) },
          { title: text.dueFromColumn, render: (_, w) => fill(text.dueFrom, { date: w.dueFrom }) },
          { title: text.overdueFromColumn, dataIndex: 'overdueFrom' },
          {
            title: text.state,
            render: (_, w) => (
              <Tag color={COLOR[w.state].color} style={{ color: COLOR[w.state].text }}>
                {states[w.state]}
                {w.state === 'overdue' && w.daysOverdue
                  ? fill(text.daysOverdueSuffix, { n: w.daysOverdue })
                  : ''}
              </Tag>
            ),
          },
          { title: text.visitDate, dataIndex: 'visitDate', render: (d?: string | null) => d ?? '' },
        ]}
      />
    </Space>
  );
}
