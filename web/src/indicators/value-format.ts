import type { Schemas } from '../core/api';

type Unit = Schemas['IndicatorValueDto']['unit'];
type Target = Schemas['TargetDto'];

const SUFFIX: Record<Unit, string> = {
  percent: '%',
  per_mille: '‰',
  per_100000: '/10万',
  count: '',
  ratio: '',
};

/** A value in its unit as the national forms print it: 87.5%, 3.2‰, 12.0/10万, 14, 1.25. */
export function formatValue(value: number | null | undefined, unit: Unit): string {
  if (value === null || value === undefined) return '—';
  if (unit === 'count') return String(Math.round(value));
  return `${value.toFixed(unit === 'ratio' ? 2 : 1)}${SUFFIX[unit]}`;
}

/** ≥ 90%, ≤ 5‰, or the falling rule's words. */
export function formatTarget(
  target: Target | null | undefined,
  unit: Unit,
  falling: string,
): string {
  if (!target) return '—';
  if (target.direction === 'falling') return falling;
  const sign = target.direction === 'at_least' ? '≥' : '≤';
  return `${sign} ${formatValue(target.value, unit)}`;
}
