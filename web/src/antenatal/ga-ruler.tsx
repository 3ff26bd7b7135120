import { Space } from 'antd';
import { daysBetween } from '../../../src/core/time/calendar-date';
import { formatGestationalAge } from '../../../src/women/rules/gestational-age';
import type { Schemas } from '../core/api';

type Window = Schemas['WindowStatusDto'];

/** The ruler runs from conception's dating start to 42 weeks. */
const RULER_DAYS = 42 * 7;
const WIDTH = 1000;
const x = (days: number) => (Math.min(Math.max(days, 0), RULER_DAYS) / RULER_DAYS) * WIDTH;

/** Fill of each state; missed windows hatched, so the state reads without colour too. */
const FILL: Record<Window['state'], string> = {
  done: '#389e0d',
  due: '#0958d9',
  overdue: '#cf1322',
  missed: 'url(#missed)',
  upcoming: '#d9d9d9',
  not_applicable: '#f0f0f0',
};

export const STATE_LABEL: Record<Window['state'], string> = {
  done: '已完成',
  due: '应查',
  overdue: '已逾期',
  missed: '错过',
  upcoming: '未到',
  not_applicable: '不适用',
};

/**
 * Her schedule on a gestational-age ruler: each window where it falls in the pregnancy, coloured
 * by its state, the visits as dots at the week they were made, and today's week marked.
 */
export function GaRuler({
  windows,
  gaDaysToday,
  asOf,
}: {
  windows: Window[];
  gaDaysToday: number | null;
  asOf: string;
}) {
  const visits = windows.filter((w) => w.visitDate);
  const summary = windows
    .map((w) => `${w.label}：${STATE_LABEL[w.state]}`)
    .concat(gaDaysToday === null ? [] : [`今日孕${formatGestationalAge(gaDaysToday)}周`])
    .join('；');
  return (
    <Space orientation="vertical" size={4} style={{ width: '100%' }}>
      <svg
        viewBox={`0 0 ${WIDTH} 78`}
        width="100%"
        role="img"
        aria-label={`孕周标尺：${summary}`}
        style={{ maxWidth: 1100 }}
      >
        <defs>
          <pattern id="missed" width="6" height="6" patternUnits="userSpaceOnUse">
            <rect width="6" height="6" fill="#f0f0f0" />
            <path d="M0 6 L6 0" stroke="#8c8c8c" strokeWidth="1.5" />
          </pattern>
        </defs>
        <rect x={0} y={20} width={WIDTH} height={22} fill="#fafafa" stroke="#d9d9d9" />
        {windows.map((w) => (
          <rect
            key={w.code}
            x={x(w.startDay)}
            y={20}
            width={Math.max(2, x(w.endDay + 1) - x(w.startDay))}
            height={22}
            fill={FILL[w.state]}
            stroke="#fff"
          >
            <title>{`${w.label}：${STATE_LABEL[w.state]}`}</title>
          </rect>
        ))}
        {visits.map((w) => {
          const days = (gaDaysToday ?? 0) - daysBetween(w.visitDate!, asOf);
          return (
            <circle key={`v-${w.code}`} cx={x(days)} cy={31} r={5} fill="#fff" stroke="#000" />
          );
        })}
        {Array.from({ length: RULER_DAYS / 28 + 1 }, (_, i) => i * 4).map((week) => (
          <g key={week}>
            <line x1={x(week * 7)} x2={x(week * 7)} y1={42} y2={50} stroke="#595959" />
            <text
              x={x(week * 7)}
              y={64}
              fontSize={12}
              textAnchor={week === 0 ? 'start' : 'middle'}
              fill="#262626"
            >
              {week}周
            </text>
          </g>
        ))}
        {gaDaysToday !== null && gaDaysToday <= RULER_DAYS && (
          <g>
            <line
              x1={x(gaDaysToday)}
              x2={x(gaDaysToday)}
              y1={14}
              y2={48}
              stroke="#000"
              strokeWidth={2}
            />
            <text x={x(gaDaysToday)} y={11} fontSize={12} textAnchor="middle" fill="#000">
              今日 {formatGestationalAge(gaDaysToday)}
            </text>
          </g>
        )}
      </svg>
      <Space wrap size="middle" aria-hidden>
        {(['done', 'due', 'overdue', 'missed', 'upcoming'] as const).map((state) => (
          <Space key={state} size={4}>
            <svg width="14" height="14">
              <rect
                width="14"
                height="14"
                fill={state === 'missed' ? '#bfbfbf' : FILL[state]}
                stroke="#8c8c8c"
              />
            </svg>
            <span>{STATE_LABEL[state]}</span>
          </Space>
        ))}
        <Space size={4}>
          <svg width="14" height="14">
            <circle cx="7" cy="7" r="5" fill="#fff" stroke="#000" />
          </svg>
          <span>产检</span>
        </Space>
      </Space>
    </Space>
  );
}
