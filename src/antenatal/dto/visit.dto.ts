import { NULL_REFUSED } from '../../core/http/corrections.dto';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsCalendarDate, IsNumberWithDecimals, ToNumber } from '../../core/http/validators';
import { GestationalAgeDto } from '../../women/dto/women-responses.dto';
import {
  DIPSTICK_READINGS,
  type DipstickReading,
  FETAL_POSITIONS,
  type FetalPosition,
  OEDEMA_GRADES,
  type OedemaGrade,
} from '../antenatal-visit.entity';

/** Physiological ranges: a value outside is a typing error, refused with the field and range. */
const range = (min: number, max: number, unit: string) => ({
  message: `$property must be between ${min} and ${max} ${unit}`,
  min,
  max,
});

const WEIGHT = range(30, 200, 'kg');
const HEIGHT = range(120, 200, 'cm');
const SYSTOLIC = range(60, 260, 'mmHg');
const DIASTOLIC = range(30, 160, 'mmHg');
const FUNDAL_HEIGHT = range(5, 50, 'cm');
const FETAL_HEART_RATE = range(60, 220, 'beats/min');
const HAEMOGLOBIN = range(20, 220, 'g/L');
const PLATELETS = range(1, 1000, '×10⁹/L');

export class RecordVisitDto {
  @ApiProperty({ example: '2026-11-20' })
  @IsCalendarDate()
  visitDate: string;

  @ApiPropertyOptional({ description: 'Set to record a second examination on the same day' })
  @IsOptional()
  @IsBoolean()
  sameDayRepeat?: boolean;

  @ApiPropertyOptional({ example: 58.5, minimum: WEIGHT.min, maximum: WEIGHT.max })
  @IsOptional()
  @ToNumber()
  @IsNumberWithDecimals(1)
  @Min(WEIGHT.min, WEIGHT)
  @Max(WEIGHT.max, WEIGHT)
  weightKg?: number;

  @ApiPropertyOptional({ example: 162, minimum: HEIGHT.min, maximum: HEIGHT.max })
  @IsOptional()
  @ToNumber()
  @IsNumberWithDecimals(1)
  @Min(HEIGHT.min, HEIGHT)
  @Max(HEIGHT.max, HEIGHT)
  heightCm?: number;

  @ApiPropertyOptional({ example: 118, minimum: SYSTOLIC.min, maximum: SYSTOLIC.max })
  @IsOptional()
  @ToNumber()
  @IsInt()
  @Min(SYSTOLIC.min, SYSTOLIC)
  @Max(SYSTOLIC.max, SYSTOLIC)
  systolicMmHg?: number;

  @ApiPropertyOptional({ example: 76, minimum: DIASTOLIC.min, maximum: DIASTOLIC.max })
  @IsOptional()
  @ToNumber()
  @IsInt()
  @Min(DIASTOLIC.min, DIASTOLIC)
  @Max(DIASTOLIC.max, DIASTOLIC)
  diastolicMmHg?: number;

  @ApiPropertyOptional({ example: 24, minimum: FUNDAL_HEIGHT.min, maximum: FUNDAL_HEIGHT.max })
  @IsOptional()
  @ToNumber()
  @IsNumberWithDecimals(1)
  @Min(FUNDAL_HEIGHT.min, FUNDAL_HEIGHT)
  @Max(FUNDAL_HEIGHT.max, FUNDAL_HEIGHT)
  fundalHeightCm?: number;

  @ApiPropertyOptional({
    example: 142,
    minimum: FETAL_HEART_RATE.min,
    maximum: FETAL_HEART_RATE.max,
  })
  @IsOptional()
  @ToNumber()
  @IsInt()
  @Min(FETAL_HEART_RATE.min, FETAL_HEART_RATE)
  @Max(FETAL_HEART_RATE.max, FETAL_HEART_RATE)
  fetalHeartRate?: number;

  @ApiPropertyOptional({ enum: FETAL_POSITIONS })
  @IsOptional()
  @IsIn(FETAL_POSITIONS)
  fetalPosition?: FetalPosition;

  @ApiPropertyOptional({ enum: OEDEMA_GRADES })
  @IsOptional()
  @IsIn(OEDEMA_GRADES)
  oedema?: OedemaGrade;

  @ApiPropertyOptional({ example: 118, description: 'Haemoglobin, g/L' })
  @IsOptional()
  @ToNumber()
  @IsInt()
  @Min(HAEMOGLOBIN.min, HAEMOGLOBIN)
  @Max(HAEMOGLOBIN.max, HAEMOGLOBIN)
  haemoglobinGL?: number;

  @ApiPropertyOptional({ example: 210, description: 'Platelets, ×10⁹/L, when measured' })
  @IsOptional()
  @ToNumber()
  @IsInt()
  @Min(PLATELETS.min, PLATELETS)
  @Max(PLATELETS.max, PLATELETS)
  plateletsE9L?: number;

  @ApiPropertyOptional({ enum: DIPSTICK_READINGS })
  @IsOptional()
  @IsIn(DIPSTICK_READINGS)
  urineProtein?: DipstickReading;

  @ApiPropertyOptional({ enum: DIPSTICK_READINGS })
  @IsOptional()
  @IsIn(DIPSTICK_READINGS)
  urineGlucose?: DipstickReading;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  findings?: string;

  @ApiPropertyOptional({ example: '2026-12-18' })
  @IsOptional()
  @IsCalendarDate()
  nextAppointmentDate?: string;
}

export class UpdateVisitDto extends PartialType(RecordVisitDto, NULL_REFUSED) {
  @ApiProperty({ description: 'The version read; a stale one is refused with 409 STALE_VERSION' })
  @ToNumber()
  @IsInt()
  @Min(1)
  version: number;
}

export class RegradingDto {
  @ApiProperty() assessmentId: number;
  @ApiProperty({ enum: ['green', 'yellow', 'orange', 'red'] }) colour: string;
  @ApiProperty() purple: boolean;
}

export class VisitDto {
  @ApiProperty() id: number;
  @ApiProperty() pregnancyId: number;
  @ApiProperty() visitDate: string;
  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    description: '1 for her first examination of this pregnancy; null for a voided one',
  })
  ordinal: number | null;
  @ApiProperty({ type: GestationalAgeDto }) gestationalAge: GestationalAgeDto;
  @ApiProperty() sameDayRepeat: boolean;
  @ApiPropertyOptional({ nullable: true, type: Number }) weightKg: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) heightCm: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) systolicMmHg: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) diastolicMmHg: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) fundalHeightCm: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) fetalHeartRate: number | null;
  @ApiPropertyOptional({ enum: FETAL_POSITIONS, nullable: true }) fetalPosition: string | null;
  @ApiPropertyOptional({ enum: OEDEMA_GRADES, nullable: true }) oedema: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) haemoglobinGL: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) plateletsE9L: number | null;
  @ApiPropertyOptional({ enum: DIPSTICK_READINGS, nullable: true }) urineProtein: string | null;
  @ApiPropertyOptional({ enum: DIPSTICK_READINGS, nullable: true }) urineGlucose: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) findings: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) nextAppointmentDate: string | null;
  @ApiProperty() recordedBy: number;
  @ApiProperty() version: number;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'Voided: shown, but counts in no schedule, worklist, grading or indicator',
  })
  voidedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) voidReason: string | null;
  @ApiPropertyOptional({
    type: RegradingDto,
    nullable: true,
    description:
      'The automatic re-grading this visit caused, if its measurements changed the colour',
  })
  regrading?: RegradingDto | null;
}
