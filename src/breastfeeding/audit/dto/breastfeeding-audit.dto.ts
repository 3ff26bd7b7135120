import { ToNumber } from '../../../core/http/validators';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, Matches, MaxLength, Min } from 'class-validator';
import { REVIEWED_INDICATORS, type ReviewedIndicator } from '../failure-review.entity';

const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;
const MONTH_MESSAGE = 'month must be a month such as 2026-03';

export class AuditMonthQueryDto {
  @ApiProperty({ example: '2026-03', description: "A month of the caller's facility" })
  @Matches(MONTH_PATTERN, { message: MONTH_MESSAGE })
  month: string;
}

export class MinuteBinDto {
  @ApiProperty({ description: 'Minutes after birth: more than this (the first bin takes 0 too)' })
  from: number;
  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    description: 'At most this many minutes; null for the last bin, which holds every later time',
  })
  to: number | null;
  @ApiProperty() count: number;
  @ApiProperty({ description: "The bin lies inside the indicator's limit" })
  within: boolean;
}

export class MinuteDistributionDto {
  @ApiProperty({ description: "The indicator's limit, minutes after birth: the chart's marker" })
  limitMinutes: number;
  @ApiProperty({ type: [MinuteBinDto] }) bins: MinuteBinDto[];
  @ApiProperty({ description: 'Babies with a time recorded' }) recorded: number;
  @ApiProperty({ description: 'Of them, inside the limit' }) within: number;
  @ApiProperty({ description: 'Babies with no time recorded' }) notRecorded: number;
}

export class ReasonCountDto {
  @ApiProperty({ description: 'The reason recorded (separation) or what was given (supplement)' })
  reason: string;
  @ApiProperty({ description: 'A medical reason was recorded' }) medical: boolean;
  @ApiProperty() events: number;
  @ApiProperty() babies: number;
}

export class EventTotalDto {
  @ApiProperty() events: number;
  @ApiProperty() babies: number;
}

export class SupplementTotalsDto {
  @ApiProperty({ type: EventTotalDto }) withMedicalReason: EventTotalDto;
  @ApiProperty({ type: EventTotalDto }) withoutMedicalReason: EventTotalDto;
}

export class AuditDistributionDto {
  @ApiProperty() facilityId: number;
  @ApiProperty({ example: '2026-03' }) month: string;
  @ApiProperty({
    description:
      'Babies counted: the denominator of the stay indicators (born at the facility in the month, live-born, not excluded, stay complete), evaluated now',
  })
  babies: number;
  @ApiProperty({
    type: MinuteDistributionDto,
    description: 'Minutes to the first breastfeed (BF-02)',
  })
  firstBreastfeed: MinuteDistributionDto;
  @ApiProperty({
    type: MinuteDistributionDto,
    description: 'Minutes to the first skin-to-skin contact, counted to the second (BF-01)',
  })
  skinToSkinStart: MinuteDistributionDto;
  @ApiProperty({ type: [ReasonCountDto], description: 'Separations during the stay, by reason' })
  separations: ReasonCountDto[];
  @ApiProperty({
    type: [ReasonCountDto],
    description: 'Supplements during the stay, by what was given',
  })
  supplements: ReasonCountDto[];
  @ApiProperty({ type: SupplementTotalsDto }) supplementTotals: SupplementTotalsDto;
}

export class MarkReviewedDto {
  @ApiProperty({ description: 'A baby born at your facility' })
  @ToNumber()
  @IsInt()
  @Min(1)
  newbornId: number;

  @ApiProperty({ enum: REVIEWED_INDICATORS })
  @IsIn(REVIEWED_INDICATORS)
  indicatorCode: ReviewedIndicator;

  @ApiProperty({ example: '产妇术后转ICU，已与产科沟通' })
  @IsString()
  @Matches(/\S/, { message: 'note must not be blank' })
  @MaxLength(500)
  note: string;
}

export class UpdateReviewDto {
  @ApiProperty()
  @ToNumber()
  @IsInt()
  @Min(1)
  version: number;

  @ApiProperty()
  @IsString()
  @Matches(/\S/, { message: 'note must not be blank' })
  @MaxLength(500)
  note: string;
}

export class UnmarkReviewQueryDto {
  @ApiProperty({ description: 'The version read: a stale one is refused (409 STALE_VERSION)' })
  @ToNumber()
  @IsInt()
  @Min(1)
  version: number;
}

export class FailureReviewDto {
  @ApiProperty() id: number;
  @ApiProperty() newbornId: number;
  @ApiProperty({ enum: REVIEWED_INDICATORS }) indicatorCode: ReviewedIndicator;
  @ApiProperty({ example: '2026-03' }) month: string;
  @ApiProperty() note: string;
  @ApiProperty() reviewedBy: number;
  @ApiProperty({ description: "The reviewer's display name" }) reviewerName: string;
  @ApiProperty() reviewedAt: string;
  @ApiProperty() version: number;
}
