import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../../core/http/pagination';
import { PHONE_ON_LISTS } from '../../core/privacy/masking';
import { IsCalendarDate, ToNumber } from '../../core/http/validators';

export const FOLIC_ACID_DOSES = [0.4, 0.8] as const;

export class DispenseDto {
  @ApiProperty({ example: '2026-11-20' })
  @IsCalendarDate()
  dispensedOn: string;

  @ApiProperty({ enum: FOLIC_ACID_DOSES, description: 'Daily dose, mg' })
  @ToNumber()
  @IsIn(FOLIC_ACID_DOSES)
  doseMg: 0.4 | 0.8;

  @ApiProperty({ example: 3 })
  @ToNumber()
  @IsInt()
  @Min(1)
  @Max(12)
  bottles: number;

  @ApiProperty({ example: 31, description: '0.4 mg tablets per bottle' })
  @ToNumber()
  @IsInt()
  @Min(1)
  @Max(400)
  tabletsPerBottle: number;

  @ApiPropertyOptional({ example: 'B20260915' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9-]{1,40}$/, { message: 'batchNumber must be 1–40 letters, digits or -' })
  batchNumber?: string;
}

export class IntakeReportDto {
  @ApiProperty({ example: '2026-11-20' })
  @IsCalendarDate()
  reportedOn: string;

  @ApiPropertyOptional({ example: '2026-06-01' })
  @IsOptional()
  @IsCalendarDate()
  startedOn?: string;

  @ApiPropertyOptional({ example: '2026-10-31', description: 'Omitted while she still takes it' })
  @IsOptional()
  @IsCalendarDate()
  stoppedOn?: string;

  @ApiPropertyOptional({ example: 5 })
  @IsOptional()
  @ToNumber()
  @IsInt()
  @Min(0)
  @Max(1000)
  missedDays?: number;

  @ApiPropertyOptional({
    example: 120,
    description: 'When she cannot give dates: her estimate of days taken',
  })
  @IsOptional()
  @ToNumber()
  @IsInt()
  @Min(0)
  @Max(1000)
  estimatedDaysTaken?: number;
}

export class SurveyDto {
  @ApiProperty({ example: '2026-11-20' })
  @IsCalendarDate()
  askedOn: string;

  @ApiProperty({ description: 'Knows folic acid prevents neural-tube defects' })
  @IsBoolean()
  knowsPreventsNeuralTubeDefects: boolean;

  @ApiProperty({
    description: 'Knows when to take it (3 months before to 3 months into pregnancy)',
  })
  @IsBoolean()
  knowsWhenToTake: boolean;
}

export class DispensingRecordDto extends DispenseDto {
  @ApiProperty() id: number;
  @ApiProperty() womanId: number;
  @ApiProperty({ description: 'Days the tablets cover at the dose' }) daysCovered: number;
  @ApiProperty() dispensedBy: number;
}

export class IntakeRecordDto extends IntakeReportDto {
  @ApiProperty() id: number;
  @ApiProperty() womanId: number;
  @ApiProperty() recordedBy: number;
}

export class SurveyRecordDto extends SurveyDto {
  @ApiProperty() id: number;
  @ApiProperty() womanId: number;
  @ApiProperty() askedBy: number;
}

export class WomanFolicAcidDto {
  @ApiProperty() womanId: number;
  @ApiProperty({ type: [DispensingRecordDto] }) dispensings: DispensingRecordDto[];
  @ApiProperty({ type: [IntakeRecordDto] }) intakeReports: IntakeRecordDto[];
  @ApiProperty({ type: [SurveyRecordDto] }) surveys: SurveyRecordDto[];
}

export class DateRangeDto {
  @ApiProperty() from: string;
  @ApiProperty() to: string;
}

export class UptakeDto {
  @ApiProperty() took: boolean;
  @ApiProperty({ type: DateRangeDto, description: '[LMP − 90 d, LMP + 90 d]' })
  window: DateRangeDto;
  @ApiPropertyOptional({ nullable: true, type: String }) firstEvidence: string | null;
}

export class AdherenceDto {
  @ApiProperty() evaluable: boolean;
  @ApiPropertyOptional({ nullable: true, type: String }) reason: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) startedOn: string | null;
  @ApiProperty() startedBeforeLmp: boolean;
  @ApiPropertyOptional({ type: DateRangeDto, nullable: true, description: '[start, LMP + 90 d]' })
  window: DateRangeDto | null;
  @ApiProperty() daysInWindow: number;
  @ApiProperty() daysTaken: number;
  @ApiPropertyOptional({ nullable: true, type: Number }) ratio: number | null;
  @ApiProperty() adherent: boolean;
}

export class AwarenessDto {
  @ApiProperty() surveyed: boolean;
  @ApiProperty() aware: boolean;
  @ApiPropertyOptional({ nullable: true, type: String }) askedOn: string | null;
}

export class FolicAcidSummaryDto {
  @ApiProperty() pregnancyId: number;
  @ApiProperty() womanId: number;
  @ApiProperty({ description: 'The LMP the final EDD puts it at (EDD − 280 days)' }) lmp: string;
  @ApiProperty() evaluatedOn: string;
  @ApiProperty({ type: UptakeDto }) uptake: UptakeDto;
  @ApiProperty({ type: AdherenceDto }) adherence: AdherenceDto;
  @ApiProperty({ type: AwarenessDto }) awareness: AwarenessDto;
}

export class SummaryQueryDto {
  @ApiPropertyOptional({ example: '2026-11-22', description: 'Defaults to today' })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;
}

export class EligibleWomanDto {
  @ApiProperty() womanId: number;
  @ApiProperty() name: string;
  @ApiProperty({ example: '138****1234', description: PHONE_ON_LISTS }) phone: string;
  @ApiPropertyOptional({ nullable: true, type: Number }) pregnancyId: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'GA today, days' }) gaDays:
    number | null;
  @ApiProperty({ enum: ['pre_conception', 'early_pregnancy'] }) reason: string;
}

export class EligiblePageDto extends PageMetaDto {
  @ApiProperty({ type: [EligibleWomanDto] }) items: EligibleWomanDto[];
}

export class EligibleQueryDto extends PageQueryDto {}
