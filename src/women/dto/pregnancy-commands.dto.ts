import { NULL_REFUSED } from '../../core/http/corrections.dto';
import { ApiProperty, ApiPropertyOptional, OmitType, PartialType, PickType } from '@nestjs/swagger';
import { CorrectionReason } from '../../core/http/corrections.dto';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { IsCalendarDate, IsInstant, ToNumber } from '../../core/http/validators';
import { PageQueryDto } from '../../core/http/pagination';
import {
  END_OUTCOMES,
  type EndOutcome,
  PREGNANCY_STATUSES,
  type PregnancyStatus,
} from '../rules/pregnancy-status';
import { SCAN_METHODS, type ScanMethod } from '../rules/dating-scans';
import { MATERNAL_DEATH_CAUSES, type MaternalDeathCause } from '../rules/maternal-death';
import {
  DatingInputDto,
  PregnancyInputDto,
  UltrasoundDatingDto,
  WomanInputDto,
} from './registration.dto';

export class UpdateWomanDto extends PartialType(
  OmitType(WomanInputDto, [
    'documentType',
    'documentNumber',
    'confirmOddSequence',
    'overrideReason',
  ]),
  NULL_REFUSED,
) {
  @ApiProperty()
  @ToNumber()
  @IsInt()
  @Min(1)
  version: number;
}

/**
 * A correction of her document (type and number), with her birth date when a resident ID
 * changes it; checked as at registration (GB 11643, the odd-sequence override), one record per
 * document, audited with the numbers masked.
 */
export class CorrectDocumentDto extends PickType(WomanInputDto, [
  'documentType',
  'documentNumber',
  'confirmOddSequence',
  'overrideReason',
]) {
  @ApiProperty()
  @ToNumber()
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({
    example: '1990-03-07',
    description: 'Her birth date, when the corrected resident ID shows it was typed wrong too',
  })
  @IsOptional()
  @IsCalendarDate()
  birthDate?: string;

  @CorrectionReason()
  reason: string;
}

export class UpdatePregnancyDto extends PartialType(
  OmitType(PregnancyInputDto, ['lmp', 'ultrasound', 'ivf']),
  NULL_REFUSED,
) {
  @ApiProperty()
  @ToNumber()
  @IsInt()
  @Min(1)
  version: number;
}

/** A scan is added as its own record (`POST /pregnancies/{id}/scans`), never replaced here. */
export class RedatingDto extends OmitType(DatingInputDto, ['ultrasound']) {
  @ApiProperty()
  @ToNumber()
  @IsInt()
  @Min(1)
  version: number;

  @ApiProperty({ example: 'LMP corrected from her clinic card' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}

/** A scan's date and the GA it measured, as at registration; here the method is required. */
export class AddScanDto extends OmitType(UltrasoundDatingDto, ['method']) {
  @ApiProperty({ enum: SCAN_METHODS, description: 'crl (up to 13+6) or biometry' })
  @IsIn(SCAN_METHODS)
  method: ScanMethod;

  @ApiPropertyOptional({
    example: '早孕期B超 头臀长 32mm',
    description: 'Kept on the scan; the reason of the EDD change when it redates',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  note?: string;
}

export class ReopenPregnancyDto {
  @ApiProperty()
  @ToNumber()
  @IsInt()
  @Min(1)
  version: number;

  @ApiProperty({ example: '2026-11-20', description: 'The day she came back' })
  @IsCalendarDate()
  effectiveDate: string;

  @ApiProperty({ example: '孕妇返回本院继续产检' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}

/** Statuses a status change may set: `open` comes back by reopening, `merged` by a merge review. */
const STATUS_CHANGE_TARGETS = PREGNANCY_STATUSES.filter(
  (status) => status !== 'open' && status !== 'merged',
);

export class StatusChangeDto {
  @ApiProperty()
  @ToNumber()
  @IsInt()
  @Min(1)
  version: number;

  @ApiProperty({ enum: STATUS_CHANGE_TARGETS })
  @IsIn(STATUS_CHANGE_TARGETS)
  status: Exclude<PregnancyStatus, 'open' | 'merged'>;

  @ApiProperty({ example: '2026-11-20', description: 'When it happened' })
  @IsCalendarDate()
  effectiveDate: string;

  @ApiProperty({ example: 'Delivered at this hospital' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;

  @ApiPropertyOptional({ enum: END_OUTCOMES, description: 'Required when status is ended' })
  @ValidateIf(
    (change: StatusChangeDto) => change.status === 'ended' || change.endOutcome !== undefined,
  )
  @IsIn(END_OUTCOMES)
  endOutcome?: EndOutcome;

  @ApiPropertyOptional({
    example: '2026-11-20T14:10:00+08:00',
    description: 'maternal_death: when she died (required); effectiveDate is its hospital day',
  })
  @ValidateIf(
    (change: StatusChangeDto) => change.status === 'maternal_death' || change.diedAt !== undefined,
  )
  @IsInstant()
  diedAt?: Date;

  @ApiPropertyOptional({
    enum: MATERNAL_DEATH_CAUSES,
    description:
      'maternal_death: the cause by the national classification (required): 产科出血, ' +
      '妊娠期高血压疾病, 羊水栓塞, 妊娠合并心脏病, 其他内科合并症, 其他, 意外 (accidental: recorded, ' +
      'not counted as a maternal death)',
  })
  @ValidateIf(
    (change: StatusChangeDto) =>
      change.status === 'maternal_death' || change.deathCause !== undefined,
  )
  @IsIn(MATERNAL_DEATH_CAUSES)
  deathCause?: MaternalDeathCause;

  @ApiPropertyOptional({ example: '产后出血', description: 'maternal_death: the diagnosis' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  deathCauseDetail?: string;
}

export class PregnancySearchDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Exact document number' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  documentNumber?: string;

  @ApiPropertyOptional({ description: '母子健康手册 number, exact (spaces and case ignored)' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  handbookNumber?: string;

  @ApiPropertyOptional({ description: 'Name, or its beginning' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  name?: string;

  @ApiPropertyOptional({ description: 'Exact phone number' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  phone?: string;

  @ApiPropertyOptional({ enum: PREGNANCY_STATUSES })
  @IsOptional()
  @IsIn(PREGNANCY_STATUSES)
  status?: PregnancyStatus;

  @ApiPropertyOptional({ example: '2026-12-01', description: 'EDD on or after' })
  @IsOptional()
  @IsCalendarDate()
  eddFrom?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'EDD on or before' })
  @IsOptional()
  @IsCalendarDate()
  eddTo?: string;
}

export class AsOfQueryDto {
  @ApiPropertyOptional({
    example: '2026-11-22',
    description: 'Defaults to today in the hospital time zone',
  })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;
}

export class MergeReviewRequestDto {
  @ApiPropertyOptional({ example: '同名同生日，电话不同，请核实是否同一人' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class MergeDecisionDto {
  @ApiProperty({
    description:
      'Which of the two women is kept: her document and identity stay, the other points at her',
  })
  @ToNumber()
  @IsInt()
  @Min(1)
  keepWomanId: number;

  @ApiPropertyOptional({ example: '身份证与护照同一人，核对照片与生日一致' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

/** Dismissing a flag or undoing a merge says why. */
export class MergeNoteDto {
  @ApiProperty({ example: '姐妹二人，共用一个电话' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  note: string;
}
