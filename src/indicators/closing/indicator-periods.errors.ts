import { DomainError, type ErrorDetail } from '../../core/errors/domain.error';

/** What keeps a facility's period from being closed or exported: which indicators, and why. */
export interface PeriodGapDetail extends ErrorDetail {
  facilityId: number;
  facilityCode?: string;
  period: string;
  /** not_computed, stale or corrected_after_close. */
  rule: PeriodGap;
  indicatorCodes: string[];
}

export type PeriodGap = 'not_computed' | 'stale' | 'corrected_after_close';

const GAP_TEXT: Record<PeriodGap, string> = {
  not_computed: 'never computed',
  stale: 'stale (a record changed after the computation; compute again)',
  corrected_after_close: 'corrected after its close (compute and close the next version)',
};

export function periodGap(
  facilityId: number,
  period: string,
  rule: PeriodGap,
  indicatorCodes: string[],
  facilityCode?: string,
): PeriodGapDetail {
  const who = facilityCode ? `facility ${facilityCode}` : `facility ${facilityId}`;
  return {
    field: 'period',
    rule,
    message: `${who}, ${period}: ${indicatorCodes.join(', ')} ${GAP_TEXT[rule]}`,
    facilityId,
    ...(facilityCode ? { facilityCode } : {}),
    period,
    indicatorCodes,
  };
}

export const periodNotComputed = (facilityId: number, period: string, codes: string[]) =>
  new DomainError(
    'PERIOD_NOT_COMPUTED',
    `Period ${period} of facility ${facilityId} cannot be closed: ${codes.length} indicators never computed`,
    [periodGap(facilityId, period, 'not_computed', codes)],
  );

export const periodStale = (facilityId: number, period: string, codes: string[]) =>
  new DomainError(
    'PERIOD_STALE',
    `Period ${period} of facility ${facilityId} cannot be closed: ${codes.length} values are stale`,
    [periodGap(facilityId, period, 'stale', codes)],
  );

export const periodAlreadyClosed = (facilityId: number, period: string, version: number) =>
  new DomainError(
    'PERIOD_ALREADY_CLOSED',
    `Period ${period} of facility ${facilityId} is closed (version ${version}) and uncorrected since`,
    [
      {
        field: 'period',
        rule: 'notClosed',
        message: `version ${version} stands; a new version can be closed after a correction`,
      },
    ],
  );

export const periodVersionNotFound = (facilityId: number, period: string, version: number) =>
  new DomainError(
    'PERIOD_VERSION_NOT_FOUND',
    `Period ${period} of facility ${facilityId} has no version ${version}`,
    [
      {
        field: 'version',
        rule: 'exists',
        message: `no version ${version} (GET /indicator-periods lists the versions)`,
      },
    ],
  );

export const exportIncomplete = (gaps: PeriodGapDetail[]) =>
  new DomainError(
    'EXPORT_INCOMPLETE',
    'The export would hold missing or stale values; pass allowStale=true to export them marked as such',
    gaps,
  );
