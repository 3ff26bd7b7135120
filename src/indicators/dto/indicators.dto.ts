import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import { QueryBoolean, ToNumber } from '../../core/http/validators';
import { PERIOD_STATES, type PeriodState } from '../closing/indicator-periods.service';
import { PageMetaDto, PageQueryDto } from '../../core/http/pagination';
import {
  INDICATOR_GROUPS,
  INDICATOR_UNITS,
  TARGET_DIRECTIONS,
  type IndicatorGroup,
  type IndicatorUnit,
  type TargetDirection,
} from '../definitions/indicator-definition';
import { EXPORT_FORMATS, type ExportFormat } from '../indicator-jobs.producer';
import { CASE_ROLES } from '../indicator-sql';
import { PERIOD_KEY_PATTERN } from '../periods';

const PERIOD_MESSAGE =
  'period must be a month (2026-03), a quarter (2026-Q1), a year (2026) or a statistical year (SY2026)';
/** A province (2 digits), city (4) or county (6): the prefix of facilities' region codes. */
const REGION_PATTERN = /^(?:\d{2}|\d{4}|\d{6})$/;

/** One facility: the caller's by default (an admin may name another). */
export class PeriodQueryDto {
  @ApiPropertyOptional({ description: "Facility id; defaults to the caller's facility" })
  @IsOptional()
  @ToNumber()
  @IsInt()
  @Min(1)
  facilityId?: number;

  @ApiProperty({ example: '2026-03' })
  @Matches(PERIOD_KEY_PATTERN, { message: PERIOD_MESSAGE })
  period: string;
}

/** Either one facility (default: the caller's) or a region code, never both. */
export class ScopeQueryDto extends PeriodQueryDto {
  @ApiPropertyOptional({
    example: '1101',
    description:
      'Region code (statisticians and admins): 2 digits a province, 4 a city, 6 a county; sums the facilities whose code starts with it',
  })
  @IsOptional()
  @Matches(REGION_PATTERN, {
    message: 'regionCode must be 2 (province), 4 (city) or 6 (county) digits',
  })
  regionCode?: string;
}

export class ComputationRequestDto extends ScopeQueryDto {
  @ApiPropertyOptional({ enum: INDICATOR_GROUPS, description: 'One group; all when omitted' })
  @IsOptional()
  @IsIn(INDICATOR_GROUPS)
  group?: IndicatorGroup;
}

export class ComputationDto {
  @ApiProperty() jobId: string;
  @ApiProperty({ enum: ['waiting', 'active', 'completed', 'failed', 'delayed', 'paused', 'stuck'] })
  state: string;
  @ApiProperty() progress: number;
  @ApiPropertyOptional({ nullable: true, type: Number }) facilityId: number | null;
  @ApiPropertyOptional({ nullable: true, type: String }) regionCode: string | null;
  @ApiProperty() period: string;
  @ApiPropertyOptional({ enum: INDICATOR_GROUPS, nullable: true }) group: IndicatorGroup | null;
  @ApiProperty() trigger: string;
  @ApiProperty() attemptsMade: number;
  @ApiPropertyOptional({ nullable: true, type: String }) failedReason: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) finishedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: 'object', additionalProperties: true })
  result: unknown;
}

export class ValuesQueryDto extends ScopeQueryDto {
  @ApiPropertyOptional({ enum: INDICATOR_GROUPS })
  @IsOptional()
  @IsIn(INDICATOR_GROUPS)
  group?: IndicatorGroup;

  @ApiPropertyOptional({ minimum: 1, maximum: 24, default: 6, description: 'Periods in the trend' })
  @IsOptional()
  @ToNumber()
  @IsInt()
  @Min(1)
  @Max(24)
  trend: number = 6;

  @ApiPropertyOptional({
    minimum: 1,
    description:
      "One facility's version of the period (GET /indicator-periods); by default the last closed version, or the latest computation when never closed",
  })
  @IsOptional()
  @ToNumber()
  @IsInt()
  @Min(1)
  version?: number;
}

export class RangeQueryDto extends ScopeQueryDto {
  @ApiProperty({ example: '2026-06', description: 'The last period, of the same kind as period' })
  @Matches(PERIOD_KEY_PATTERN, { message: PERIOD_MESSAGE.replace('period', 'to') })
  to: string;

  @ApiPropertyOptional({ enum: INDICATOR_GROUPS })
  @IsOptional()
  @IsIn(INDICATOR_GROUPS)
  group?: IndicatorGroup;
}

export class TargetDto {
  @ApiProperty({ enum: TARGET_DIRECTIONS }) direction: TargetDirection;
  @ApiPropertyOptional({ nullable: true, type: Number }) value: number | null;
}

/** An indicator's target at one facility: the national default and the facility's own, if set. */
export class FacilityTargetDto {
  @ApiProperty() code: string;
  @ApiProperty() nameZh: string;
  @ApiProperty() nameEn: string;
  @ApiProperty({ enum: INDICATOR_GROUPS }) group: IndicatorGroup;
  @ApiProperty({ enum: INDICATOR_UNITS }) unit: IndicatorUnit;
  @ApiPropertyOptional({ nullable: true, type: TargetDto, description: "The definition's target" })
  national: TargetDto | null;
  @ApiPropertyOptional({
    nullable: true,
    type: TargetDto,
    description: "The facility's own target, which replaces the national one when set",
  })
  own: TargetDto | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'When its own was set' })
  ownSetAt: string | null;
}

export class TrendPointDto {
  @ApiProperty() period: string;
  @ApiPropertyOptional({ nullable: true, type: Number }) value: number | null;
}

export class FacilityRefDto {
  @ApiProperty() facilityId: number;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
}

export class IndicatorValueDto {
  @ApiProperty() code: string;
  @ApiProperty() nameZh: string;
  @ApiProperty() nameEn: string;
  @ApiProperty({ enum: INDICATOR_GROUPS }) group: IndicatorGroup;
  @ApiProperty({ enum: INDICATOR_UNITS }) unit: IndicatorUnit;
  @ApiProperty() numerator: number;
  @ApiProperty() denominator: number;
  @ApiProperty() excluded: number;
  @ApiProperty({
    description: 'Cases not complete enough to decide (a stay with no discharge recorded, say)',
  })
  incomplete: number;
  @ApiPropertyOptional({ nullable: true, type: Number }) value: number | null;
  @ApiPropertyOptional({ nullable: true, type: TargetDto }) target: TargetDto | null;
  @ApiPropertyOptional({ nullable: true, type: Boolean }) targetMet: boolean | null;
  @ApiProperty() definitionVersion: number;
  @ApiPropertyOptional({ nullable: true, type: String }) computedAt: string | null;
  @ApiProperty({ description: 'A record behind it changed after it was computed (or closed)' })
  stale: boolean;
  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    description: "The version of the facility's period read; null for a region",
  })
  version: number | null;
  @ApiProperty({ enum: [...PERIOD_STATES, 'not_computed'] }) state: PeriodState | 'not_computed';
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description:
      'The day rules that depend on the day (FA-01/02, RK-01, RK-03) were evaluated as of',
  })
  asOf: string | null;
  @ApiProperty({ description: "Computed before the period's end plus its grace: may still change" })
  provisional: boolean;
  @ApiProperty({ description: 'Facilities whose values are summed' }) facilities: number;
  @ApiProperty({ type: [FacilityRefDto], description: "The scope's facilities without a value" })
  withoutValue: FacilityRefDto[];
  @ApiProperty({ type: [TrendPointDto] }) trend: TrendPointDto[];
}

export class PeriodValuesDto {
  @ApiPropertyOptional({ nullable: true, type: Number }) facilityId: number | null;
  @ApiPropertyOptional({ nullable: true, type: String }) regionCode: string | null;
  @ApiProperty() period: string;
  @ApiProperty({ type: [IndicatorValueDto] }) values: IndicatorValueDto[];
}

export class PeriodRangeValuesDto {
  @ApiPropertyOptional({ nullable: true, type: Number }) facilityId: number | null;
  @ApiPropertyOptional({ nullable: true, type: String }) regionCode: string | null;
  @ApiProperty({ type: [PeriodValuesDto] }) periods: PeriodValuesDto[];
}

export class CasesQueryDto extends PageQueryDto {
  @ApiProperty({ example: '2026-03' })
  @Matches(PERIOD_KEY_PATTERN, { message: PERIOD_MESSAGE })
  period: string;

  @ApiProperty({
    enum: CASE_ROLES,
    description:
      'failed: in the denominator, not excluded, not in the numerator (a blank fails), each with the criterion it does not meet',
  })
  @IsIn(CASE_ROLES)
  role: (typeof CASE_ROLES)[number];
}

/** A drill-down list as a file: the whole list (to a limit), not a page. */
export class CaseListQueryDto {
  @ApiProperty({ example: '2026-03' })
  @Matches(PERIOD_KEY_PATTERN, { message: PERIOD_MESSAGE })
  period: string;

  @ApiProperty({ enum: CASE_ROLES })
  @IsIn(CASE_ROLES)
  role: (typeof CASE_ROLES)[number];
}

export class CaseDto {
  @ApiProperty() caseId: string;
  @ApiPropertyOptional({ nullable: true, type: Number }) womanId: number | null;
  @ApiPropertyOptional({ nullable: true, type: String }) womanName: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) pregnancyId: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) newbornId: number | null;
  @ApiProperty() attributedOn: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The columns that decided the case',
  })
  fields: Record<string, unknown>;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'role failed: the first part of the numerator the case does not meet, in Chinese',
  })
  failedCriterion: string | null;
}

export class CasePageDto extends PageMetaDto {
  @ApiProperty({ type: [CaseDto] }) items: CaseDto[];
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'Labels of the decision fields',
  })
  fieldLabels: Record<string, string>;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'Labels of the decision fields in Chinese',
  })
  fieldLabelsZh: Record<string, string>;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'object', additionalProperties: { type: 'string' } },
    description: "The coded fields' values in Chinese, field by field and code by code",
  })
  fieldValuesZh: Record<string, Record<string, string>>;
}

export class CriterionDto {
  @ApiProperty() description: string;
  @ApiProperty({ description: 'The same in Chinese' }) descriptionZh: string;
}

export class IndicatorDefinitionDto {
  @ApiProperty() code: string;
  @ApiProperty() nameZh: string;
  @ApiProperty() nameEn: string;
  @ApiProperty({ enum: INDICATOR_GROUPS }) group: IndicatorGroup;
  @ApiProperty({ enum: INDICATOR_UNITS }) unit: IndicatorUnit;
  @ApiProperty() cohort: string;
  @ApiProperty({ type: CriterionDto, description: 'What the cohort holds, in both languages' })
  cohortDescription: CriterionDto;
  @ApiProperty({ description: 'How a case falls into a period' }) attribution: string;
  @ApiProperty() attributionZh: string;
  @ApiProperty({
    enum: ['facility', 'district'],
    description:
      'facility: counted where the event happened; district: each woman counted in the region she is attributed to (a region sums the cases attributed to it)',
  })
  counting: 'facility' | 'district';
  @ApiProperty({ type: CriterionDto }) numerator: CriterionDto;
  @ApiProperty({ type: CriterionDto }) denominator: CriterionDto;
  @ApiPropertyOptional({ nullable: true, type: CriterionDto }) exclusion: CriterionDto | null;
  @ApiPropertyOptional({
    nullable: true,
    type: CriterionDto,
    description: 'Cases set aside until their records are complete enough to decide',
  })
  incomplete: CriterionDto | null;
  @ApiProperty({
    description:
      'Its cases can be listed with role failed: the numerator counts cases of the denominator, one each',
  })
  hasFailedCases: boolean;
  @ApiPropertyOptional({ nullable: true, type: TargetDto }) target: TargetDto | null;
  @ApiProperty() version: number;
}

export class SetTargetDto {
  @ApiProperty({ enum: TARGET_DIRECTIONS })
  @IsIn(TARGET_DIRECTIONS)
  direction: TargetDirection;

  @ApiPropertyOptional({ nullable: true, type: Number, description: "Null only for 'falling'" })
  @ValidateIf((o: SetTargetDto) => o.direction !== 'falling' || o.value !== null)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100_000)
  value: number | null;
}

export class ExportRequestDto extends ScopeQueryDto {
  @ApiProperty({ enum: EXPORT_FORMATS })
  @IsIn(EXPORT_FORMATS)
  format: ExportFormat;

  @ApiPropertyOptional({
    default: false,
    description:
      'Export even when values are missing, stale or corrected after close; the file says so on every sheet',
  })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  allowStale?: boolean;
}

export class ClosePeriodDto extends PeriodQueryDto {}

export class PeriodVersionDto {
  @ApiProperty() version: number;
  @ApiProperty({ enum: PERIOD_STATES }) state: PeriodState;
  @ApiProperty({ description: 'Values held' }) values: number;
  @ApiPropertyOptional({ nullable: true, type: String }) computedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Latest as-of day' })
  asOf: string | null;
  @ApiProperty() provisionalValues: number;
  @ApiPropertyOptional({ nullable: true, type: String }) closedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) closedBy: number | null;
  @ApiPropertyOptional({ nullable: true, type: String }) correctedAt: string | null;
}

export class PeriodVersionsDto {
  @ApiProperty() facilityId: number;
  @ApiProperty() period: string;
  @ApiProperty({ type: [PeriodVersionDto], description: 'Oldest first' })
  versions: PeriodVersionDto[];
}

export class PeriodOverviewQueryDto extends PeriodQueryDto {
  @ApiPropertyOptional({
    default: 12,
    minimum: 1,
    maximum: 36,
    description: 'How many periods of the same kind, ending with period',
  })
  @IsOptional()
  @ToNumber()
  @IsInt()
  @Min(1)
  @Max(36)
  count?: number;
}

export const OVERVIEW_STATES = ['never_computed', ...PERIOD_STATES] as const;

export class PeriodOverviewDto {
  @ApiProperty() period: string;
  @ApiProperty({
    enum: OVERVIEW_STATES,
    description:
      'never_computed: no value; corrected_after_close or stale when any value is; closed when the reads show a closed version; else computed',
  })
  state: (typeof OVERVIEW_STATES)[number];
  @ApiProperty({ description: 'Version the reads show (0 when never computed)' }) version: number;
  @ApiProperty({ type: [String], description: 'Indicators with no value for the period' })
  missing: string[];
  @ApiProperty({ type: [String], description: 'Indicators whose value is stale' })
  stale: string[];
  @ApiPropertyOptional({ nullable: true, type: String }) computedAt: string | null;
  @ApiProperty({
    type: [ComputationDto],
    description:
      "The facility's computations of the period: those queued or running, then the latest finished",
  })
  jobs: ComputationDto[];
}

export class PeriodOverviewPageDto {
  @ApiProperty() facilityId: number;
  @ApiProperty({ type: [PeriodOverviewDto], description: 'Oldest first' })
  periods: PeriodOverviewDto[];
}

export class ExportJobDto {
  @ApiProperty() jobId: string;
  @ApiProperty() state: string;
  @ApiProperty() progress: number;
  @ApiPropertyOptional({ nullable: true, type: String }) failedReason: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) filename: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) downloadUrl: string | null;
}

/** The exports sent: of one facility (default the caller's) or, for statisticians, a region. */
export class ExportRecordQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: "Facility id; defaults to the caller's facility" })
  @IsOptional()
  @ToNumber()
  @IsInt()
  @Min(1)
  facilityId?: number;

  @ApiPropertyOptional({ example: '1101', description: 'A region instead (statisticians, admins)' })
  @IsOptional()
  @Matches(REGION_PATTERN, {
    message: 'regionCode must be 2 (province), 4 (city) or 6 (county) digits',
  })
  regionCode?: string;

  @ApiPropertyOptional({ example: '2026-03', description: 'Only the exports of this period' })
  @IsOptional()
  @Matches(PERIOD_KEY_PATTERN, { message: PERIOD_MESSAGE })
  period?: string;
}

/** Which computation a facility's values in the export were. */
export class HeldVersionDto {
  @ApiProperty() facilityId: number;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    description:
      'The period version its values are (closed, or the computation after the last close: see state); null when it has none',
  })
  version: number | null;
  @ApiProperty({ enum: [...PERIOD_STATES, 'not_computed'] }) state: string;
  @ApiPropertyOptional({ nullable: true, type: String }) asOf: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) computedAt: string | null;
  @ApiProperty({ description: 'Values held' }) values: number;
}

export class ExportRecordDto {
  @ApiProperty() id: number;
  @ApiPropertyOptional({ nullable: true, type: Number }) facilityId: number | null;
  @ApiPropertyOptional({ nullable: true, type: String }) regionCode: string | null;
  @ApiProperty() period: string;
  @ApiProperty({ enum: EXPORT_FORMATS }) format: ExportFormat;
  @ApiProperty({
    description: 'False when exported (allowStale) with values missing, stale or corrected',
  })
  complete: boolean;
  @ApiProperty({ type: [HeldVersionDto] }) held: HeldVersionDto[];
  @ApiPropertyOptional({ nullable: true, type: String, description: 'The queued export' })
  jobId: string | null;
  @ApiProperty() exportedBy: number;
  @ApiProperty() exportedByName: string;
  @ApiProperty() exportedAt: string;
  @ApiProperty() filename: string;
  @ApiProperty() bytes: number;
  @ApiProperty({ description: 'SHA-256 of the file, hex' }) sha256: string;
  @ApiProperty() downloadUrl: string;
}

export class ExportRecordPageDto extends PageMetaDto {
  @ApiProperty({ type: [ExportRecordDto] }) items: ExportRecordDto[];
}
