import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../../core/http/pagination';
import {
  IsCalendarDate,
  IsInstant,
  IsTrueWhen,
  QueryBoolean,
  ToNumber,
} from '../../core/http/validators';
import { CASE_STATUSES, REFERRAL_URGENCIES, type ReferralUrgency } from '../high-risk-case.entity';
import { ASSESSMENT_KINDS, type AssessmentKind } from '../risk-assessment.entity';
import { FACTOR_ORIGINS } from '../risk-catalogue.entity';
import { REPORTABLE_COLOURS } from '../risk-report.entity';
import { RISK_WRITERS } from '../rules/risk-writers';
import type { FactorOrigin } from '../rules/national-catalogue';
import { RISK_COLOURS, type RiskColour } from '../rules/risk-colour';

export class RiskFactorDto {
  @ApiProperty({ example: 'RH_NEGATIVE' })
  @Matches(/^[A-Z0-9_]{2,48}$/, { message: 'code must be 2–48 upper-case letters, digits or _' })
  code: string;

  @ApiPropertyOptional({
    enum: RISK_COLOURS,
    nullable: true,
    description: 'null for a PURPLE-only factor',
  })
  @ValidateIf((factor: RiskFactorDto) => factor.colour !== null)
  @IsIn(RISK_COLOURS)
  colour: RiskColour | null;

  @ApiProperty()
  @IsBoolean()
  purple: boolean;

  @ApiProperty({ enum: FACTOR_ORIGINS })
  @IsIn(FACTOR_ORIGINS)
  origin: FactorOrigin;

  @ApiProperty({ example: 'Rh阴性' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  descriptionZh: string;

  @ApiProperty({ example: 'Rh negative' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  descriptionEn: string;

  @ApiPropertyOptional({
    default: false,
    description: 'An "other" item: a grading that ticks it must give a note',
  })
  @IsOptional()
  @IsBoolean()
  requiresNote: boolean = false;
}

export class CreateCatalogueDto {
  @ApiProperty({ example: 'ZJ-2018' })
  @Matches(/^[A-Za-z0-9._-]{2,32}$/, { message: 'version must be 2–32 letters, digits, ., - or _' })
  version: string;

  @ApiProperty({ example: '33', description: 'Province code, 2 digits' })
  @Matches(/^\d{2}$/, { message: 'province must be a 2-digit province code' })
  province: string;

  @ApiProperty({ example: '浙江省妊娠风险评估表（2018）' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  @ApiProperty({ type: [RiskFactorDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => RiskFactorDto)
  factors: RiskFactorDto[];
}

export class CatalogueDto {
  @ApiProperty() version: string;
  @ApiPropertyOptional({ nullable: true, type: String }) province: string | null;
  @ApiProperty() name: string;
  @ApiProperty() factorCount: number;
  @ApiProperty({ description: 'When the version was added to the service (ISO 8601)' })
  addedAt: string;
}

export class CatalogueListItemDto extends CatalogueDto {
  @ApiProperty({
    description:
      "The version your facility grades with when none is named: the newest of its province's, else the newest national one",
  })
  facilityDefault: boolean;
}

export class CatalogueWithFactorsDto extends CatalogueDto {
  @ApiProperty({ type: [RiskFactorDto] }) factors: RiskFactorDto[];
}

export class FactorNoteDto {
  @ApiProperty({ example: 'OTHER_RED' })
  @IsString()
  @MaxLength(48)
  code: string;

  @ApiProperty({ example: '主动脉夹层术后' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  note: string;
}

export class AssessRiskDto {
  @ApiProperty({ enum: ASSESSMENT_KINDS.filter((kind) => kind !== 'automatic') })
  @IsIn(ASSESSMENT_KINDS.filter((kind) => kind !== 'automatic'))
  kind: Exclude<AssessmentKind, 'automatic'>;

  @ApiPropertyOptional({
    example: '2026-11-20T08:30:00+08:00',
    description:
      'When the clinician graded; defaults to now, never in the future. Report deadlines run from it',
  })
  @IsOptional()
  @IsInstant()
  assessedAt?: Date;

  @ApiPropertyOptional({
    example: '2026-11-20',
    description:
      'The day of the grading when its time is not given (an earlier day counts to its end); with assessedAt, its day',
  })
  @IsOptional()
  @IsCalendarDate()
  assessedOn?: string;

  @ApiProperty({
    example: ['RH_NEGATIVE'],
    description: 'Clinician-ticked factor codes; derived ones are added by the service',
  })
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  factorCodes: string[];

  @ApiPropertyOptional({
    type: [FactorNoteDto],
    description: 'Notes on ticked factors; required for the "other" items (requiresNote)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => FactorNoteDto)
  factorNotes?: FactorNoteDto[];

  @ApiPropertyOptional({
    example: 'CN-2017',
    description: "Defaults to the facility province's catalogue, else the national one",
  })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  catalogueVersion?: string;
}

export class AssessedFactorDto {
  @ApiProperty() code: string;
  @ApiPropertyOptional({ enum: RISK_COLOURS, nullable: true }) colour: string | null;
  @ApiProperty() purple: boolean;
  @ApiProperty({ enum: FACTOR_ORIGINS }) origin: string;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'Hb 95 g/L' }) evidence:
    string | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'visit:12' }) sourceRecord:
    string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) descriptionZh: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) note: string | null;
}

export class AssessmentDto {
  @ApiProperty() id: number;
  @ApiProperty() pregnancyId: number;
  @ApiProperty({ enum: ASSESSMENT_KINDS }) kind: string;
  @ApiProperty() assessedAt: string;
  @ApiProperty() assessedOn: string;
  @ApiPropertyOptional({ nullable: true, type: Number }) gaDays: number | null;
  @ApiProperty({ enum: RISK_COLOURS }) colour: string;
  @ApiProperty() purple: boolean;
  @ApiProperty() catalogueVersion: string;
  @ApiProperty() assessorId: number;
  @ApiPropertyOptional({ nullable: true, type: Number }) sourceVisitId: number | null;
  @ApiProperty({ type: [AssessedFactorDto] }) factors: AssessedFactorDto[];
}

export class UpdateCaseDto {
  @ApiProperty()
  @ToNumber()
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({
    description: 'A user of your facility who writes risk records; null unassigns the case',
    nullable: true,
    type: Number,
  })
  @IsOptional()
  @ToNumber()
  @IsInt()
  @Min(1)
  responsibleClinicianId?: number | null;

  @ApiPropertyOptional({ example: '每2周产检，监测血压与尿蛋白，孕32周转诊三级医院' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  plan?: string;
}

export class AddNoteDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  text: string;
}

export class AddReferralDto {
  @ApiProperty({ example: '2026-11-20' })
  @IsCalendarDate()
  referredOn: string;

  @ApiPropertyOptional({
    description:
      'The receiving facility, when it is one of the system’s: it receives her (and takes part in her care) or declines, and feeds the result back',
  })
  @IsOptional()
  @ToNumber()
  @IsInt()
  @Min(1)
  toFacilityId?: number;

  @ApiPropertyOptional({
    example: '北京大学第一医院',
    description: 'Required without toFacilityId; with it, the facility’s own name is kept',
  })
  @ValidateIf((body: AddReferralDto) => body.toFacilityId === undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  toFacilityName?: string;

  @ApiProperty({ example: '重度子痫前期' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;

  @ApiPropertyOptional({
    enum: REFERRAL_URGENCIES,
    default: 'routine',
    description: 'critical: a critically ill woman, the receiver contacted first and escorted',
  })
  @IsOptional()
  @IsIn(REFERRAL_URGENCIES)
  urgency?: ReferralUrgency;

  @ApiPropertyOptional({ description: 'When the receiver was contacted; required when critical' })
  @ValidateIf(
    (body: AddReferralDto) => body.urgency === 'critical' || body.receiverContactedAt !== undefined,
  )
  @IsInstant()
  receiverContactedAt?: Date;

  @ApiPropertyOptional({ description: 'Escorted by staff; must be true when critical' })
  @ValidateIf((body: AddReferralDto) => body.urgency === 'critical' || body.escorted !== undefined)
  @IsBoolean()
  @IsTrueWhen('escortedWhenCritical', (body: AddReferralDto) => body.urgency === 'critical', {
    message: 'escorted must be true for a critical referral',
  })
  escorted?: boolean;
}

/** The receiver's answer: she arrived, or it cannot take her (with why). */
export class ReceiveReferralDto {
  @ApiProperty({ example: '2026-11-21T09:30:00+08:00' })
  @IsInstant()
  receivedAt: Date;
}

export class DeclineReferralDto {
  @ApiProperty({ example: '本院无NICU床位，建议转至市妇幼' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  note: string;
}

export class IncomingReferralQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    enum: ['awaiting', 'received', 'declined'],
    description: 'awaiting: neither received nor declined (default)',
  })
  @IsOptional()
  @IsIn(['awaiting', 'received', 'declined'])
  state?: 'awaiting' | 'received' | 'declined';
}

export class IncomingReferralDto {
  @ApiProperty() id: number;
  @ApiProperty() pregnancyId: number;
  @ApiProperty() fromFacilityId: number;
  @ApiProperty() fromFacilityName: string;
  @ApiProperty({ description: 'Her name, so she is known on arrival' }) name: string;
  @ApiProperty() referredOn: string;
  @ApiProperty({ enum: REFERRAL_URGENCIES }) urgency: string;
  @ApiProperty() reason: string;
  @ApiPropertyOptional({ enum: RISK_COLOURS, nullable: true }) colourAtReferral: string | null;
  @ApiProperty() purpleAtReferral: boolean;
  @ApiPropertyOptional({ nullable: true, type: String }) receivedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) declinedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) resultFollowedUpOn: string | null;
}

export class IncomingReferralPageDto extends PageMetaDto {
  @ApiProperty({ type: [IncomingReferralDto] }) items: IncomingReferralDto[];
}

export class AwaitingFeedbackDto {
  @ApiProperty() id: number;
  @ApiProperty() caseId: number;
  @ApiProperty() pregnancyId: number;
  @ApiProperty() toFacilityName: string;
  @ApiProperty() referredOn: string;
  @ApiProperty({ enum: REFERRAL_URGENCIES }) urgency: string;
  @ApiProperty({ description: 'The result was due by this day' }) followUpDueOn: string;
  @ApiProperty() daysOverdue: number;
  @ApiPropertyOptional({ nullable: true, type: String }) receivedAt: string | null;
}

export class AwaitingFeedbackPageDto extends PageMetaDto {
  @ApiProperty({ type: [AwaitingFeedbackDto] }) items: AwaitingFeedbackDto[];
}

export class FollowUpReferralDto {
  @ApiProperty({ example: '2026-11-27' })
  @IsCalendarDate()
  followedUpOn: string;

  @ApiProperty({ example: '已在上级医院建档，继续随访' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  result: string;
}

export class ReferralDto {
  @ApiProperty() id: number;
  @ApiProperty() caseId: number;
  @ApiProperty() pregnancyId: number;
  @ApiProperty() referredOn: string;
  @ApiPropertyOptional({ nullable: true, type: Number }) toFacilityId: number | null;
  @ApiProperty() toFacilityName: string;
  @ApiProperty() reason: string;
  @ApiProperty({ enum: REFERRAL_URGENCIES }) urgency: string;
  @ApiPropertyOptional({ enum: RISK_COLOURS, nullable: true }) colourAtReferral: string | null;
  @ApiProperty() purpleAtReferral: boolean;
  @ApiPropertyOptional({ nullable: true, type: String }) receiverContactedAt: string | null;
  @ApiProperty() escorted: boolean;
  @ApiPropertyOptional({ nullable: true, type: String }) receivedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) declinedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) declineNote: string | null;
  @ApiProperty({ description: 'Result to be followed up by this date (2 weeks)' })
  followUpDueOn: string;
  @ApiPropertyOptional({ nullable: true, type: String }) resultFollowedUpOn: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) result: string | null;
  @ApiProperty() version: number;
}

export class CaseNoteDto {
  @ApiProperty() id: number;
  @ApiProperty() notedAt: string;
  @ApiProperty() authorId: number;
  @ApiProperty() text: string;
}

export const NEXT_ACTIONS = [
  'report_late',
  'report_due',
  'referral_follow_up_late',
  'referral_follow_up_due',
  'assign_clinician',
  'write_plan',
  'follow_up',
] as const;

export class NextActionDto {
  @ApiProperty({ enum: NEXT_ACTIONS }) action: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'When it is due' }) dueAt:
    string | null;
}

export class CaseSummaryDto {
  @ApiProperty() id: number;
  @ApiProperty() pregnancyId: number;
  @ApiProperty() womanId: number;
  @ApiProperty() name: string;
  @ApiProperty({ enum: CASE_STATUSES }) status: string;
  @ApiProperty({ enum: RISK_COLOURS }) colour: string;
  @ApiProperty() purple: boolean;
  @ApiProperty() openedAt: string;
  @ApiPropertyOptional({ nullable: true, type: Number }) responsibleClinicianId: number | null;
  @ApiPropertyOptional({ nullable: true, type: String }) plan: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) edd: string | null;
  @ApiProperty({ type: NextActionDto }) nextAction: NextActionDto;
  @ApiProperty() version: number;
}

/** Who a case may name as its responsible clinician: a nurse or MCH doctor of the facility. */
export class ClinicianDto {
  @ApiProperty() id: number;
  @ApiProperty({ example: '王医生' }) displayName: string;
  @ApiProperty({ enum: RISK_WRITERS }) role: string;
}

export class CaseDetailDto extends CaseSummaryDto {
  @ApiPropertyOptional({ nullable: true, type: String }) closedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) closeReason: string | null;
  @ApiProperty({ type: [CaseNoteDto] }) notes: CaseNoteDto[];
  @ApiProperty({ type: [ReferralDto] }) referrals: ReferralDto[];
}

export class HighRiskCasePageDto extends PageMetaDto {
  @ApiProperty({ type: [CaseSummaryDto] }) items: CaseSummaryDto[];
}

export class CaseQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: RISK_COLOURS })
  @IsOptional()
  @IsIn(RISK_COLOURS)
  colour?: RiskColour;

  @ApiPropertyOptional({ description: 'Only PURPLE cases' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  purple?: boolean;
}

export const REPORT_STATES = ['due', 'late', 'reported_on_time', 'reported_late'] as const;

export class ReportQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    enum: ['pending', ...REPORT_STATES],
    default: 'pending',
    description: 'pending = due or late',
  })
  @IsOptional()
  @IsIn(['pending', ...REPORT_STATES])
  state?: 'pending' | (typeof REPORT_STATES)[number];
}

export class RecordReportDto {
  @ApiPropertyOptional({ description: 'When it was reported (ISO 8601); defaults to now' })
  @IsOptional()
  @IsInstant()
  reportedAt?: Date;

  @ApiProperty({ example: '朝阳区妇幼保健院' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  reportedTo: string;
}

export class RiskReportDto {
  @ApiProperty() id: number;
  @ApiProperty() assessmentId: number;
  @ApiProperty() pregnancyId: number;
  @ApiPropertyOptional({ type: String }) name?: string;
  @ApiProperty({ enum: REPORTABLE_COLOURS }) colour: string;
  @ApiProperty() gradedAt: string;
  @ApiProperty() dueAt: string;
  @ApiPropertyOptional({ nullable: true, type: String }) reportedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) reportedTo: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) reportedBy: number | null;
  @ApiProperty({ enum: REPORT_STATES }) state: string;
}

export class RiskReportPageDto extends PageMetaDto {
  @ApiProperty({ type: [RiskReportDto] }) items: RiskReportDto[];
}
