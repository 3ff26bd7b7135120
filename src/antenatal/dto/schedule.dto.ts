import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
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
import { PHONE_ON_LISTS } from '../../core/privacy/masking';
import { IsCalendarDate, IsInstant, ToNumber } from '../../core/http/validators';
import { GestationalAgeDto } from '../../women/dto/women-responses.dto';
import { CONTACT_OUTCOMES, type ContactOutcome } from '../contact-attempt.entity';

export class ScheduleWindowDto {
  @ApiProperty({ example: 'ANC2' })
  @Matches(/^[A-Za-z0-9_-]{1,16}$/, { message: 'code must be 1–16 letters, digits, - or _' })
  code: string;

  @ApiProperty({ example: '孕16-20周' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  label: string;

  @ApiProperty({ example: 112, description: 'First gestational-age day of the window' })
  @ToNumber()
  @IsInt()
  @Min(0)
  @Max(300)
  startDay: number;

  @ApiProperty({ example: 146, description: 'Last gestational-age day of the window' })
  @ToNumber()
  @IsInt()
  @Min(0)
  @Max(300)
  endDay: number;
}

export class ReplaceScheduleDto {
  @ApiProperty({
    type: [ScheduleWindowDto],
    description: 'The whole schedule, in order; [] reverts to the national minimum',
  })
  @IsArray()
  @ArrayMinSize(0)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ScheduleWindowDto)
  windows: ScheduleWindowDto[];
}

export class ScheduleDto {
  @ApiProperty({ description: 'True when the facility uses its own schedule' })
  facilitySpecific: boolean;
  @ApiProperty({ type: [ScheduleWindowDto] }) windows: ScheduleWindowDto[];
}

export const WINDOW_STATES = [
  'done',
  'due',
  'overdue',
  'missed',
  'upcoming',
  'not_applicable',
] as const;

export class WindowStatusDto extends ScheduleWindowDto {
  @ApiProperty({ enum: WINDOW_STATES }) state: string;
  @ApiPropertyOptional({ nullable: true, type: Number }) visitId: number | null;
  @ApiPropertyOptional({ nullable: true, type: String }) visitDate: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) daysOverdue: number | null;
  @ApiProperty({ description: 'Date the window opens' }) dueFrom: string;
  @ApiProperty({ description: 'Date the visit counts as overdue if not done' }) overdueFrom: string;
}

export class PregnancyScheduleDto {
  @ApiProperty() pregnancyId: number;
  @ApiProperty() asOf: string;
  @ApiPropertyOptional({ type: GestationalAgeDto, nullable: true })
  gestationalAge: GestationalAgeDto | null;
  @ApiProperty({ type: [WindowStatusDto] }) windows: WindowStatusDto[];
}

export class WorklistQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    description: 'Leave out women someone tried to call within this many hours',
  })
  @IsOptional()
  @ToNumber()
  @IsInt()
  @Min(1)
  @Max(24 * 14)
  notContactedWithinHours?: number;
}

export class RecordContactDto {
  @ApiPropertyOptional({ description: 'When she was called (ISO 8601); defaults to now' })
  @IsOptional()
  @IsInstant()
  attemptedAt?: Date;

  @ApiProperty({ enum: CONTACT_OUTCOMES })
  @IsIn(CONTACT_OUTCOMES)
  outcome: ContactOutcome;

  @ApiPropertyOptional({ example: '说下周二来' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class ContactAttemptDto {
  @ApiProperty() id: number;
  @ApiProperty() pregnancyId: number;
  @ApiProperty() attemptedAt: string;
  @ApiProperty({ enum: CONTACT_OUTCOMES }) outcome: string;
  @ApiPropertyOptional({ nullable: true, type: String }) note: string | null;
  @ApiProperty() userId: number;
}

/** What every worklist of women shows of one: masked, with her risk and her last call. */
export class WorklistWomanDto {
  @ApiProperty() pregnancyId: number;
  @ApiProperty() womanId: number;
  @ApiProperty() name: string;
  @ApiProperty({ example: '138****1234', description: PHONE_ON_LISTS }) phone: string;
  @ApiPropertyOptional({ enum: ['green', 'yellow', 'orange', 'red'], nullable: true }) riskColour:
    string | null;
  @ApiProperty() riskPurple: boolean;
  @ApiProperty() edd: string;
  @ApiProperty({ type: GestationalAgeDto }) gestationalAge: GestationalAgeDto;
  @ApiPropertyOptional({ nullable: true, type: String }) lastVisitDate: string | null;
  @ApiPropertyOptional({ type: ContactAttemptDto, nullable: true })
  lastContact: ContactAttemptDto | null;
}

export class WorklistItemDto extends WorklistWomanDto {
  @ApiProperty({ example: 'ANC2' }) overdueWindow: string;
  @ApiProperty({ example: '孕16-20周' }) overdueWindowLabel: string;
  @ApiProperty() daysOverdue: number;
}

export class WorklistPageDto extends PageMetaDto {
  @ApiProperty() asOf: string;
  @ApiProperty({ type: [WorklistItemDto] }) items: WorklistItemDto[];
}

export class PastDueDateItemDto extends WorklistWomanDto {
  @ApiProperty({ enum: ['lmp', 'ultrasound', 'ivf'] }) eddSource: string;
  @ApiProperty({ description: 'Days since the EDD, 14 or more' }) daysPastDueDate: number;
}

export class PastDueDatePageDto extends PageMetaDto {
  @ApiProperty() asOf: string;
  @ApiProperty({ type: [PastDueDateItemDto] }) items: PastDueDateItemDto[];
}

export class AppointmentDueItemDto extends WorklistWomanDto {
  @ApiProperty({ description: 'The next appointment her latest visit gave, today or earlier' })
  appointmentDate: string;
  @ApiProperty({ description: 'Days since the appointment: 0 = today' }) daysLate: number;
}

export class AppointmentDuePageDto extends PageMetaDto {
  @ApiProperty() asOf: string;
  @ApiProperty({ type: [AppointmentDueItemDto] }) items: AppointmentDueItemDto[];
}

export class ScheduleQueryDto {
  @ApiPropertyOptional({ example: '2026-11-22' })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;
}
