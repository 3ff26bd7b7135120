import { useMemo } from 'react';
import { Chart } from '../core/chart';
import type { Schemas } from '../core/api';
import { formatValue } from './value-format';

type Value = Schemas['IndicatorValueDto'];

/**
 * An indicator's values over the periods before and up to the one shown, with its target as a
 * dashed line; a period never computed is a gap, not a zero.
 */
export function TrendChart({
  value,
  height,
  label,
  targetLabel,
}: {
  value: Value;
  height: number;
  label: string;
  targetLabel: string;
}) {
  const option = useMemo(() => {
    const target = value.target?.direction !== 'falling' ? value.target?.value : null;
    const points = value.trend;
    return {
      grid: { left: 48, right: 24, top: 24, bottom: 28 },
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v: number | null) => formatValue(v, value.unit),
      },
      xAxis: { type: 'category', data: points.map((p) => p.period), boundaryGap: false },
      yAxis: {
        type: 'value',
        scale: true,
        // A percentage never passes 100.
        ...(value.unit === 'percent'
          ? {
              max: (extent: { max: number }) => Math.min(100, Math.ceil(extent.max / 10) * 10 + 10),
            }
          : {}),
        axisLabel: { formatter: (v: number) => formatValue(v, value.unit) },
      },
      series: [
        {
          name: value.nameZh,
          type: 'line',
          data: points.map((p) => p.value),
          connectNulls: false,
          symbolSize: 6,
          lineStyle: { color: '#0958d9', width: 2 },
          itemStyle: { color: '#0958d9' },
          markLine:
            target === null || target === undefined
              ? undefined
              : {
                  symbol: 'none',
                  silent: true,
                  lineStyle: { type: 'dashed', color: '#cf1322' },
                  label: {
                    formatter: `${targetLabel} ${formatValue(target, value.unit)}`,
                    position: 'insideEndTop',
                    color: '#a8071a',
                  },
                  data: [{ yAxis: target }],
                },
        },
      ],
    };
  }, [value, targetLabel]);
  return <Chart option={option} height={height} label={label} />;
}
