import { Space } from 'antd';
import { daysBetween } from '../../../src/core/time/calendar-date';
import { formatGestationalAge } from '../../../src/women/rules/gestational-age';
import type { Schemas } from '../core/api';
import { fill, useLanguage, useText } from '../core/language';
import { ANTENATAL_TEXT, WINDOW_STATE_TEXT } from './antenatal.text';

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

/** A GA day as weeks: whole weeks alone, else weeks+days. */
const weeks = (days: number) => (days % 7 === 0 ? String(days / 7) : formatGestationalAge(days));

/**
 * A window's name: in Chinese as her facility's schedule names it, in English from its days
 * (the schedule's names are Chinese only).
 */
export function useWindowLabel(): (w: Window) => string {
  const { language } = useLanguage();
  const text = useText(ANTENATAL_TEXT);
  return (w) => {
    if (language === 'zh') return w.label;
    // The last day inclusive: a window to 20+6 runs to 20 weeks.
    const to = (w.endDay + 1) % 7 === 0 ? String(Math.floor(w.endDay / 7)) : weeks(w.endDay);
    return w.startDay === 0
      ? fill(text.windowBefore, { week: weeks(w.endDay + 1) })
      : fill(text.windowWeeks, { from: weeks(w.startDay), to });
  };
}

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
  const text = useText(ANTENATAL_TEXT);
  const states = useText(WINDOW_STATE_TEXT);
  const labelOf = useWindowLabel();
  const stateOf = (w: Window) =>
    fill(text.windowState, { window: labelOf(w), state: states[w.state] });
  const visits = windows.filter((w) => w.visitDate);
  const summary = windows
    .map(stateOf)
    .concat(
      gaDaysToday === null
        ? []
        : [fill(text.rulerToday, { ga: formatGestationalAge(gaDaysToday) })],
    )
    .join(text.listSeparator);
  return (
    <Space orientation="vertical" size={4} style={{ width: '100%' }}>
      <svg
        viewBox={`0 0 ${WIDTH} 78`}
        width="100%"
        role="img"
        aria-label={fill(text.ruler, { summary })}
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
            <title>{stateOf(w)}</title>
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
              {fill(text.rulerWeek, { week })}
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
              {fill(text.rulerTodayMark, { ga: formatGestationalAge(gaDaysToday) })}
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
            <span>{states[state]}</span>
          </Space>
        ))}
        <Space size={4}>
          <svg width="14" height="14">
            <circle cx="7" cy="7" r="5" fill="#fff" stroke="#000" />
          </svg>
          <span>{text.rulerVisit}</span>
        </Space>
      </Space>
    </Space>
  );
}
