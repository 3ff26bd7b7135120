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
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../../core/http/pagination';
import { IsCalendarDate, IsInstant, ToNumber } from '../../core/http/validators';
import { COMPANION_TYPES, type CompanionType } from '../class.entities';

export class CreateTopicDto {
  @ApiProperty({ example: 'gestational_diabetes' })
  @Matches(/^[a-z0-9_]{2,32}$/, { message: 'code must be 2–32 lower-case letters, digits or _' })
  code: string;

  @ApiProperty({ example: '妊娠期糖尿病' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  nameZh: string;

  @ApiProperty({ example: 'Gestational diabetes' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(80)
  nameEn: string;

  @ApiProperty({ description: 'Counts as a breastfeeding class (BFHI step 3)' })
  @IsBoolean()
  breastfeeding: boolean;
}

export class TopicDto extends CreateTopicDto {
  @ApiProperty() id: number;
}

export class CreateSessionDto {
  @ApiProperty({ example: 'breastfeeding' })
  @IsString()
  @MaxLength(32)
  topicCode: string;

  @ApiProperty({ example: '2026-11-25T06:30:00Z', description: 'Start, ISO 8601 instant' })
  @IsInstant()
  startsAt: Date;

  @ApiProperty({ example: 90 })
  @ToNumber()
  @IsInt()
  @Min(15)
  @Max(480)
  durationMinutes: number;

  @ApiProperty({ example: '张助产士' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  instructor: string;

  @ApiProperty({ example: '门诊楼3层孕妇学校教室' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  place: string;

  @ApiProperty({ example: 30 })
  @ToNumber()
  @IsInt()
  @Min(1)
  @Max(500)
  capacity: number;
}

export class SessionQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: '2026-11-01' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-30' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({ example: 'breastfeeding' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  topicCode?: string;
}

export class CheckInDto {
  @ApiProperty()
  @ToNumber()
  @IsInt()
  @Min(1)
  womanId: number;

  @ApiPropertyOptional({ enum: COMPANION_TYPES })
  @IsOptional()
  @IsIn(COMPANION_TYPES)
  companion?: CompanionType;

  @ApiPropertyOptional({
    description: 'When she signed the register (a register entered later); defaults to now',
  })
  @IsOptional()
  @IsInstant()
  checkedInAt?: Date;
}

export class BulkCheckInDto {
  @ApiProperty({ type: [CheckInDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => CheckInDto)
  attendees: CheckInDto[];
}

export class AttendanceDto {
  @ApiProperty() id: number;
  @ApiProperty() sessionId: number;
  @ApiProperty() womanId: number;
  @ApiPropertyOptional({ type: String }) name?: string;
  @ApiPropertyOptional({ nullable: true, type: Number }) pregnancyId: number | null;
  @ApiPropertyOptional({ enum: COMPANION_TYPES, nullable: true }) companion: string | null;
  @ApiProperty() checkedInBy: number;
  @ApiProperty() checkedInAt: string;
}

export class SessionDto {
  @ApiProperty() id: number;
  @ApiProperty() topicCode: string;
  @ApiProperty() topicName: string;
  @ApiProperty() breastfeeding: boolean;
  @ApiProperty() startsAt: string;
  @ApiProperty() sessionDate: string;
  @ApiProperty() durationMinutes: number;
  @ApiProperty() instructor: string;
  @ApiProperty() place: string;
  @ApiProperty() capacity: number;
  @ApiProperty({ description: 'Seats taken: attendees and their companions' }) seatsTaken: number;
  @ApiProperty() attendees: number;
}

export class SessionDetailDto extends SessionDto {
  @ApiProperty({ type: [AttendanceDto] }) register: AttendanceDto[];
}

export class SessionPageDto extends PageMetaDto {
  @ApiProperty({ type: [SessionDto] }) items: SessionDto[];
}

export class WomanClassDto {
  @ApiProperty() sessionId: number;
  @ApiProperty() sessionDate: string;
  @ApiProperty() topicCode: string;
  @ApiProperty() topicName: string;
  @ApiProperty() breastfeeding: boolean;
  @ApiPropertyOptional({ nullable: true, type: Number }) pregnancyId: number | null;
  @ApiPropertyOptional({ enum: COMPANION_TYPES, nullable: true }) companion: string | null;
}

export class PregnancyClassSummaryDto {
  @ApiProperty() pregnancyId: number;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'Delivery date, when delivered',
  })
  deliveredOn: string | null;
  @ApiProperty({
    description: 'Attended at least one breastfeeding class before delivery (or so far)',
  })
  breastfeedingClassBeforeDelivery: boolean;
  @ApiProperty() classesBeforeDelivery: number;
}

export class WomanClassesDto {
  @ApiProperty() womanId: number;
  @ApiProperty({ type: [WomanClassDto] }) classes: WomanClassDto[];
  @ApiProperty({ type: [PregnancyClassSummaryDto] }) pregnancies: PregnancyClassSummaryDto[];
}

export class MonthlyStatsQueryDto {
  @ApiProperty({ example: '2026-01-01' })
  @IsCalendarDate()
  from: string;

  @ApiProperty({ example: '2026-12-31' })
  @IsCalendarDate()
  to: string;
}

export class MonthlyClassStatsDto {
  @ApiProperty({ example: '2026-11' }) month: string;
  @ApiProperty() sessions: number;
  @ApiProperty() breastfeedingSessions: number;
  @ApiProperty() attendances: number;
  @ApiProperty({ description: 'Attendances per session, 1 decimal' }) attendancesPerSession: number;
}
