import { useMemo } from 'react';
import { Chart } from '../core/chart';
import type { Schemas } from '../core/api';

type Distribution = Schemas['MinuteDistributionDto'];

const WITHIN = '#389e0d';
const OUTSIDE = '#cf1322';

/**
 * A histogram of minutes after birth: each bin drawn over its own minutes on a value axis, so the
 * indicator's limit is a line on the bins' common edge (60 for the first breastfeed, 5 for
 * skin-to-skin), bins inside it green and those after it red. The last bin holds every later time.
 */
export function MinutesChart({
  distribution,
  label,
  limitText,
  later,
  babies,
}: {
  distribution: Distribution;
  label: string;
  /** The limit line's words, e.g. 界值 60 分钟. */
  limitText: string;
  later: string;
  babies: string;
}) {
  const option = useMemo(() => {
    const bins = distribution.bins;
    const width = (bins[0].to ?? 1) - bins[0].from;
    const end = bins.at(-1)!.from + width;
    const range = (bin: Distribution['bins'][number]) =>
      bin.to === null ? `> ${bin.from}` : `${bin.from}–${bin.to}`;
    return {
      grid: { left: 48, right: 32, top: 40, bottom: 32 },
      tooltip: {
        trigger: 'item',
        formatter: (p: { dataIndex: number }) => {
          const bin = bins[p.dataIndex];
          return `${range(bin)}：${bin.count}`;
        },
      },
      xAxis: {
        type: 'value',
        min: 0,
        max: end,
        // Ticks every limit (5) or half limit (30), so the limit itself is labelled.
        interval:
          distribution.limitMinutes > 10
            ? distribution.limitMinutes / 2
            : distribution.limitMinutes,
        axisLabel: {
          formatter: (v: number) => (v === end ? later : String(v)),
          hideOverlap: true,
        },
      },
      yAxis: { type: 'value', minInterval: 1, name: babies, nameTextStyle: { align: 'left' } },
      series: [
        {
          type: 'bar',
          name: label,
          barWidth: '90%',
          barCategoryGap: '10%',
          data: bins.map((bin) => ({
            value: [bin.from + width / 2, bin.count],
            itemStyle: { color: bin.within ? WITHIN : OUTSIDE },
          })),
          markLine: {
            symbol: 'none',
            silent: true,
            lineStyle: { type: 'dashed', color: '#1f1f1f', width: 2 },
            label: {
              formatter: limitText,
              // Above the line's top end, read across.
              position: 'end',
              color: '#1f1f1f',
            },
            data: [{ xAxis: distribution.limitMinutes }],
          },
        },
      ],
    };
  }, [distribution, label, limitText, later, babies]);
  return <Chart option={option} height={260} label={label} />;
}
