import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../../core/http/pagination';
import { RISK_COLOURS } from '../../risk/rules/risk-colour';
import { PHONE_ON_LISTS } from '../../core/privacy/masking';
import { IsCalendarDate } from '../../core/http/validators';
import {
  BREASTFEEDING_PROBLEMS,
  BREASTFEEDING_REFERRALS,
  FOLLOW_UP_CONTACTS,
  POSTPARTUM_CONTACT_KINDS,
  type PostpartumContactKind,
  RECALL_CLASSES,
} from '../breastfeeding.entities';

export class PostpartumContactDto {
  @ApiProperty({ enum: POSTPARTUM_CONTACT_KINDS })
  @IsIn(POSTPARTUM_CONTACT_KINDS)
  kind: PostpartumContactKind;

  @ApiProperty({ example: '2026-11-25' })
  @IsCalendarDate()
  contactDate: string;

  @ApiPropertyOptional({ example: '子宫复旧良好，恶露正常' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  findings?: string;

  @ApiPropertyOptional({
    enum: ['recovered', 'not_recovered'],
    description: '42-day check: 已恢复 / 未恢复',
  })
  @ValidateIf(
    (c: PostpartumContactDto) => c.kind === 'day42_check' || c.classification !== undefined,
  )
  @IsIn(['recovered', 'not_recovered'])
  classification?: 'recovered' | 'not_recovered';

  @ApiPropertyOptional({
    enum: ['close', 'refer'],
    description: '42-day check: 结案 closes the pregnancy, 转诊 keeps it open',
  })
  @ValidateIf((c: PostpartumContactDto) => c.kind === 'day42_check' || c.disposition !== undefined)
  @IsIn(['close', 'refer'])
  disposition?: 'close' | 'refer';

  @ApiProperty({
    example: [],
    description: 'Risk re-assessment: clinician-ticked factor codes (derived ones are added)',
  })
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  factorCodes: string[];
}

export class PostpartumContactRecordDto {
  @ApiProperty() id: number;
  @ApiProperty() pregnancyId: number;
  @ApiProperty({ enum: POSTPARTUM_CONTACT_KINDS }) kind: string;
  @ApiProperty() contactDate: string;
  @ApiPropertyOptional({ nullable: true, type: String }) findings: string | null;
  @ApiPropertyOptional({ enum: ['recovered', 'not_recovered'], nullable: true })
  classification: string | null;
  @ApiPropertyOptional({ enum: ['close', 'refer'], nullable: true }) disposition: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) assessmentId: number | null;
  @ApiPropertyOptional({
    enum: RISK_COLOURS,
    nullable: true,
    description: 'The colour of the re-assessment made at this contact',
  })
  riskColour: string | null;
  @ApiProperty({ description: 'Within 28 days of discharge (SM-04), for a postpartum visit' })
  countsForIndicators: boolean;
}

export class BreastfeedingFollowUpDto {
  @ApiProperty({ enum: FOLLOW_UP_CONTACTS })
  @IsIn(FOLLOW_UP_CONTACTS)
  contact: (typeof FOLLOW_UP_CONTACTS)[number];

  @ApiProperty({ example: '2026-11-25' })
  @IsCalendarDate()
  followedUpOn: string;

  @ApiProperty({ description: '24-hour recall: breast milk (incl. expressed)' })
  @IsBoolean()
  breastMilk: boolean;
  @ApiProperty() @IsBoolean() water: boolean;
  @ApiProperty({ description: 'Formula or other (animal) milk' })
  @IsBoolean()
  formulaOrOtherMilk: boolean;
  @ApiProperty({ description: 'Other liquids: juice, tea, …' }) @IsBoolean() otherLiquids: boolean;
  @ApiProperty({ description: 'Solid or semi-solid food' }) @IsBoolean() solids: boolean;
  @ApiProperty({ description: 'ORS, drops, medicine syrups (allowed in exclusive)' })
  @IsBoolean()
  orsDropsMedicine: boolean;

  @ApiProperty({ enum: BREASTFEEDING_PROBLEMS, isArray: true })
  @IsArray()
  @ArrayMaxSize(10)
  @IsIn(BREASTFEEDING_PROBLEMS, { each: true })
  problems: (typeof BREASTFEEDING_PROBLEMS)[number][];

  @ApiPropertyOptional({ example: '指导正确含接姿势' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  guidance?: string;

  @ApiPropertyOptional({ enum: BREASTFEEDING_REFERRALS })
  @IsOptional()
  @IsIn(BREASTFEEDING_REFERRALS)
  referral?: (typeof BREASTFEEDING_REFERRALS)[number];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  referralOutcome?: string;
}

export class ReferralOutcomeDto {
  @ApiProperty({ example: '乳腺炎已治愈，继续母乳喂养' })
  @IsString()
  @MaxLength(200)
  referralOutcome: string;
}

export class BreastfeedingFollowUpRecordDto extends BreastfeedingFollowUpDto {
  @ApiProperty() id: number;
  @ApiProperty() newbornId: number;
  @ApiProperty({
    enum: RECALL_CLASSES,
    description:
      'exclusive / predominant / complementary (breast milk with complementary food) / mixed (with formula or animal milk) / none (WHO 2021)',
  })
  classification: string;
  @ApiProperty({ description: 'Completed months of age at the follow-up' }) ageMonths: number;
  @ApiProperty() recordedBy: number;
}

export const POSTPARTUM_WORKLISTS = [
  'postpartum_visits',
  'day42_checks',
  'phone_follow_ups',
  'breastfeeding_problems',
  'first_feed_missing',
] as const;

export class PostpartumWorklistQueryDto extends PageQueryDto {
  @ApiProperty({ enum: POSTPARTUM_WORKLISTS })
  @IsIn(POSTPARTUM_WORKLISTS)
  list: (typeof POSTPARTUM_WORKLISTS)[number];
}

export class PostpartumWorklistItemDto {
  @ApiProperty() pregnancyId: number;
  @ApiProperty() womanId: number;
  @ApiPropertyOptional({ nullable: true, type: Number }) newbornId: number | null;
  @ApiProperty() name: string;
  @ApiProperty({ example: '138****1234', description: PHONE_ON_LISTS }) phone: string;
  @ApiProperty({ example: 'postpartum visit overdue' }) what: string;
  @ApiProperty({ enum: ['due', 'overdue'] }) state: string;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'The date it is due by or was due',
  })
  dueOn: string | null;
}

export class PostpartumWorklistPageDto extends PageMetaDto {
  @ApiProperty({ enum: POSTPARTUM_WORKLISTS }) list: string;
  @ApiProperty({ type: [PostpartumWorklistItemDto] }) items: PostpartumWorklistItemDto[];
}
