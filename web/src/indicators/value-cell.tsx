import { Space, Tag, Typography } from 'antd';
import { periodContaining, previousPeriod, type PeriodKind } from '../../../src/indicators/periods';
import type { Schemas } from '../core/api';
import { hospitalToday } from '../core/hospital-time';
import { useText } from '../core/language';
import { INDICATORS_TEXT } from './indicators.text';
import { formatValue } from './value-format';

type Value = Schemas['IndicatorValueDto'];

/** The last whole period of a kind: the one before today's. */
export function lastWholePeriod(kind: PeriodKind): string {
  return previousPeriod(periodContaining(kind, hospitalToday())).key;
}

/** The value's cell: red when the target is missed, with the words, not the colour alone. */
export function ValueCell({ value }: { value: Value }) {
  const text = useText(INDICATORS_TEXT);
  if (value.state === 'not_computed') return <Tag>{text.notComputed}</Tag>;
  const shown = formatValue(value.value, value.unit);
  if (value.targetMet === false) {
    return (
      <Space size={4} wrap={false}>
        <Typography.Text strong style={{ color: '#a8071a' }}>
          {shown}
        </Typography.Text>
        <Tag color="red" style={{ color: '#820014' }}>
          {text.missed}
        </Tag>
      </Space>
    );
  }
  return (
    <Space size={4} wrap={false}>
      <Typography.Text strong>{shown}</Typography.Text>
      {value.targetMet === true && (
        <Tag color="green" style={{ color: '#135200' }}>
          {text.met}
        </Tag>
      )}
    </Space>
  );
}
