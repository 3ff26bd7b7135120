import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Patch,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Actor } from '../core/auth/actor';
import { CurrentActor, Roles } from '../core/auth/auth.decorators';
import { adminScopeOf } from '../core/auth/facility-scope';
import { ErrorResponseDto } from '../core/errors/error-response.dto';
import { VoidDto } from '../core/http/corrections.dto';
import { IdParam } from '../core/http/id-param';
import { PageQueryDto } from '../core/http/pagination';
import { mapVisit } from './antenatal.mapper';
import {
  ContactAttemptDto,
  AppointmentDuePageDto,
  PastDueDatePageDto,
  PregnancyScheduleDto,
  RecordContactDto,
  ReplaceScheduleDto,
  ScheduleDto,
  ScheduleQueryDto,
  WorklistPageDto,
  WorklistQueryDto,
} from './dto/schedule.dto';
import { RecordVisitDto, UpdateVisitDto, VisitDto } from './dto/visit.dto';
import { ScheduleService } from './schedule.service';
import { RecordedVisit, VisitsService } from './visits.service';

const toDto = ({ visit, pregnancy, ordinal, regrading }: RecordedVisit): VisitDto =>
  mapVisit(visit, pregnancy.edd, ordinal, regrading);

@ApiTags('antenatal visits')
@ApiBearerAuth()
@Controller()
export class AntenatalController {
  constructor(
    private readonly visits: VisitsService,
    private readonly schedule: ScheduleService,
  ) {}

  @Post('pregnancies/:id/visits')
  @Roles('nurse', 'mch_staff')
  @ApiOperation({
    summary: 'Record an antenatal examination (产前检查); may re-grade the risk colour',
  })
  @ApiCreatedResponse({ type: VisitDto })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'VALIDATION_FAILED, VISIT_BEFORE_LMP',
  })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description: 'VISIT_SAME_DAY, VISIT_AFTER_PREGNANCY_END',
  })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async record(
    @IdParam() id: number,
    @Body() input: RecordVisitDto,
    @CurrentActor() actor: Actor,
  ): Promise<VisitDto> {
    return toDto(await this.visits.record(id, input, actor));
  }

  @Get('pregnancies/:id/visits')
  @ApiOkResponse({ type: [VisitDto] })
  async list(@IdParam() id: number, @CurrentActor() actor: Actor): Promise<VisitDto[]> {
    const { pregnancy, visits } = await this.visits.listForPregnancy(id, actor);
    const counted = visits.filter((visit) => visit.voidedAt === null);
    return visits.map((visit) =>
      mapVisit(visit, pregnancy.edd, visit.voidedAt === null ? counted.indexOf(visit) + 1 : null),
    );
  }

  @Patch('visits/:id')
  @Roles('nurse', 'mch_staff')
  @ApiOperation({ summary: 'Correct a visit (optimistic version); audited, may re-grade' })
  @ApiOkResponse({ type: VisitDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'STALE_VERSION, VISIT_SAME_DAY' })
  async update(
    @IdParam() id: number,
    @Body() input: UpdateVisitDto,
    @CurrentActor() actor: Actor,
  ): Promise<VisitDto> {
    return toDto(await this.visits.update(id, input, actor));
  }

  @Post('visits/:id/void')
  @HttpCode(200)
  @Roles('nurse', 'mch_staff')
  @ApiOperation({
    summary:
      'Void a visit: it stays, flagged, and counts nowhere (schedule, worklist, grading, indicators); with a reason, audited',
  })
  @ApiOkResponse({ type: VisitDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'STALE_VERSION, ALREADY_VOIDED' })
  async voidVisit(
    @IdParam() id: number,
    @Body() input: VoidDto,
    @CurrentActor() actor: Actor,
  ): Promise<VisitDto> {
    return toDto(await this.visits.voidVisit(id, input, actor));
  }

  @Get('pregnancies/:id/schedule')
  @ApiOperation({
    summary: 'Each visit window: done, due, overdue, missed or upcoming, as of a date',
  })
  @ApiOkResponse({ type: PregnancyScheduleDto })
  pregnancySchedule(
    @IdParam() id: number,
    @Query() query: ScheduleQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<PregnancyScheduleDto> {
    return this.schedule.forPregnancy(id, actor, query.asOf);
  }

  @Get('worklists/overdue-visits')
  @Roles('nurse', 'mch_staff')
  @ApiOperation({
    summary: 'Open pregnancies with an overdue visit: highest risk first, then longest overdue',
  })
  @ApiOkResponse({ type: WorklistPageDto })
  worklist(
    @Query() query: WorklistQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<WorklistPageDto> {
    return this.schedule.overdueWorklist(actor, query);
  }

  @Get('worklists/past-due-date')
  @Roles('nurse', 'mch_staff')
  @ApiOperation({
    summary:
      'Open pregnancies 14 days or more past their EDD with no delivery or ending recorded, longest past first',
  })
  @ApiOkResponse({ type: PastDueDatePageDto })
  pastDueDate(
    @Query() query: PageQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<PastDueDatePageDto> {
    return this.schedule.pastDueDateWorklist(actor, query);
  }

  @Get('worklists/appointments-due')
  @Roles('nurse', 'mch_staff')
  @ApiOperation({
    summary:
      'Open pregnancies whose next appointment (from her latest visit) is today or earlier: not seen since, earliest first',
  })
  @ApiOkResponse({ type: AppointmentDuePageDto })
  appointmentsDue(
    @Query() query: PageQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<AppointmentDuePageDto> {
    return this.schedule.appointmentsDueWorklist(actor, query);
  }

  @Post('pregnancies/:id/contact-attempts')
  @Roles('nurse', 'mch_staff')
  @ApiOperation({ summary: 'Record a call to a woman who missed a visit' })
  @ApiCreatedResponse({ type: ContactAttemptDto })
  recordContact(
    @IdParam() id: number,
    @Body() input: RecordContactDto,
    @CurrentActor() actor: Actor,
  ): Promise<ContactAttemptDto> {
    return this.schedule.recordContact(id, input, actor);
  }

  @Get('pregnancies/:id/contact-attempts')
  @ApiOkResponse({ type: [ContactAttemptDto] })
  contacts(@IdParam() id: number, @CurrentActor() actor: Actor): Promise<ContactAttemptDto[]> {
    return this.schedule.contactsOf(id, actor);
  }

  @Get('visit-schedule')
  @ApiOperation({ summary: "Your facility's visit schedule (its own, or the national minimum)" })
  @ApiOkResponse({ type: ScheduleDto })
  effectiveSchedule(@CurrentActor() actor: Actor): Promise<ScheduleDto> {
    return this.schedule.effectiveSchedule(actor.facilityId);
  }

  @Put('visit-schedule')
  @HttpCode(HttpStatus.OK)
  @Roles('admin')
  @ApiOperation({
    summary:
      "Replace your facility's schedule with a denser one; [] reverts to the national minimum",
  })
  @ApiOkResponse({ type: ScheduleDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'SCHEDULE_INVALID' })
  replaceSchedule(
    @Body() input: ReplaceScheduleDto,
    @CurrentActor() actor: Actor,
  ): Promise<ScheduleDto> {
    return this.schedule.replaceSchedule(actor.facilityId, input.windows, adminScopeOf(actor));
  }

  @Get('facilities/:facilityId/visit-schedule')
  @Roles('admin', 'system_admin')
  @ApiOperation({
    summary: "A facility's visit schedule: a facility admin its own, a system admin any facility's",
  })
  @ApiOkResponse({ type: ScheduleDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'FACILITY_NOT_FOUND' })
  scheduleOfFacility(
    @IdParam('facilityId') facilityId: number,
    @CurrentActor() actor: Actor,
  ): Promise<ScheduleDto> {
    return this.schedule.scheduleOfFacility(facilityId, adminScopeOf(actor));
  }

  @Put('facilities/:facilityId/visit-schedule')
  @HttpCode(HttpStatus.OK)
  @Roles('admin', 'system_admin')
  @ApiOperation({
    summary:
      "Replace a facility's schedule (a facility admin its own); [] reverts to the national minimum",
  })
  @ApiOkResponse({ type: ScheduleDto })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'VALIDATION_FAILED, or SCHEDULE_INVALID with each problem on windows[i].field',
  })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'FACILITY_NOT_FOUND' })
  replaceScheduleOfFacility(
    @IdParam('facilityId') facilityId: number,
    @Body() input: ReplaceScheduleDto,
    @CurrentActor() actor: Actor,
  ): Promise<ScheduleDto> {
    return this.schedule.replaceSchedule(facilityId, input.windows, adminScopeOf(actor));
  }
}
