import { Body, Controller, Get, Post, Query } from '@nestjs/common';
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
import { type Actor, CARE_RECORDERS, ROLES } from '../core/auth/actor';
import { CurrentActor, Roles } from '../core/auth/auth.decorators';
import { ErrorResponseDto } from '../core/errors/error-response.dto';
import { IdParam } from '../core/http/id-param';
import { ClassesService } from './classes.service';
import {
  AttendanceDto,
  BulkCheckInDto,
  CheckInDto,
  CreateSessionDto,
  CreateTopicDto,
  MonthlyClassStatsDto,
  MonthlyStatsQueryDto,
  SessionDetailDto,
  SessionPageDto,
  SessionQueryDto,
  TopicDto,
  WomanClassesDto,
} from './dto/classes.dto';

@ApiTags('prenatal classes')
@ApiBearerAuth()
@Controller()
export class ClassesController {
  constructor(private readonly classes: ClassesService) {}

  @Get('class-topics')
  @Roles(...ROLES)
  @ApiOkResponse({ type: [TopicDto] })
  topics(): Promise<TopicDto[]> {
    return this.classes.topics();
  }

  @Post('class-topics')
  @Roles('system_admin')
  @ApiCreatedResponse({ type: TopicDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'CLASS_TOPIC_TAKEN' })
  createTopic(@Body() input: CreateTopicDto): Promise<TopicDto> {
    return this.classes.createTopic(input);
  }

  @Post('class-sessions')
  @Roles(...CARE_RECORDERS)
  @ApiOperation({ summary: 'Schedule a session of the prenatal school (孕妇学校)' })
  @ApiCreatedResponse({ type: SessionDetailDto })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'VALIDATION_FAILED, CLASS_TOPIC_NOT_FOUND',
  })
  createSession(
    @Body() input: CreateSessionDto,
    @CurrentActor() actor: Actor,
  ): Promise<SessionDetailDto> {
    return this.classes.createSession(input, actor);
  }

  @Get('class-sessions')
  @ApiOkResponse({ type: SessionPageDto })
  list(@Query() query: SessionQueryDto, @CurrentActor() actor: Actor): Promise<SessionPageDto> {
    return this.classes.list(actor, query);
  }

  @Get('class-sessions/monthly-stats')
  @ApiOperation({ summary: 'Sessions held and attendances per session, by month' })
  @ApiOkResponse({ type: [MonthlyClassStatsDto] })
  monthlyStats(
    @Query() query: MonthlyStatsQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<MonthlyClassStatsDto[]> {
    return this.classes.monthlyStats(actor, query.from, query.to);
  }

  @Get('class-sessions/:id')
  @ApiOperation({ summary: 'A session with its attendance register' })
  @ApiOkResponse({ type: SessionDetailDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  findOne(@IdParam() id: number, @CurrentActor() actor: Actor): Promise<SessionDetailDto> {
    return this.classes.findOne(id, actor);
  }

  @Post('class-sessions/:id/attendances')
  @Roles(...CARE_RECORDERS)
  @ApiOperation({ summary: 'Check a woman in (with a companion, optionally)' })
  @ApiCreatedResponse({ type: AttendanceDto })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description: 'ATTENDANCE_DUPLICATE, SESSION_FULL, CHECK_IN_BEFORE_SESSION',
  })
  @ApiNotFoundResponse({
    type: ErrorResponseDto,
    description: 'CLASS_SESSION_NOT_FOUND, ATTENDEE_NOT_FOUND',
  })
  async checkIn(
    @IdParam() id: number,
    @Body() input: CheckInDto,
    @CurrentActor() actor: Actor,
  ): Promise<AttendanceDto> {
    const [attendance] = await this.classes.checkIn(id, [input], actor, () => 'womanId');
    return attendance;
  }

  @Post('class-sessions/:id/attendances/bulk')
  @Roles(...CARE_RECORDERS)
  @ApiOperation({ summary: 'Check in a list of women in one go: all of them, or none' })
  @ApiCreatedResponse({ type: [AttendanceDto] })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description: 'ATTENDANCE_DUPLICATE, SESSION_FULL, CHECK_IN_BEFORE_SESSION',
  })
  bulkCheckIn(
    @IdParam() id: number,
    @Body() input: BulkCheckInDto,
    @CurrentActor() actor: Actor,
  ): Promise<AttendanceDto[]> {
    return this.classes.checkIn(
      id,
      input.attendees,
      actor,
      (index) => `attendees[${index}].womanId`,
    );
  }

  @Get('women/:id/classes')
  @ApiOperation({
    summary: 'Classes she attended; per pregnancy, a breastfeeding class before delivery or not',
  })
  @ApiOkResponse({ type: WomanClassesDto })
  womanClasses(@IdParam() id: number, @CurrentActor() actor: Actor): Promise<WomanClassesDto> {
    return this.classes.classesOfWoman(id, actor);
  }
}
