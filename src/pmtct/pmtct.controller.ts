import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Actor } from '../core/auth/actor';
import { CurrentActor, Roles } from '../core/auth/auth.decorators';
import { ErrorResponseDto } from '../core/errors/error-response.dto';
import { IdParam } from '../core/http/id-param';
import { SENSITIVE_RESULT_READERS } from '../core/privacy/sensitive-results';
import {
  CounsellingDto,
  CreateInfantDto,
  DoseDto,
  FollowUpDto,
  InfantDto,
  PmtctStatusDto,
  PmtctWorklistPageDto,
  PmtctWorklistQueryDto,
  RecordResultDto,
  RecordTestDto,
  RecordTreatmentDto,
  TestDto,
  TreatmentDto,
  UpdateInfantDto,
} from './dto/pmtct.dto';
import { PmtctWorklistsService } from './pmtct-worklists.service';
import { PmtctService } from './pmtct.service';

@ApiTags('PMTCT: HIV, syphilis, hepatitis B')
@ApiBearerAuth()
@Controller()
export class PmtctController {
  constructor(
    private readonly pmtct: PmtctService,
    private readonly worklists: PmtctWorklistsService,
  ) {}

  @Post('pregnancies/:id/pmtct-counselling')
  @Roles('nurse', 'mch_staff')
  @ApiOperation({ summary: 'Pre-test (accepted or declined) or post-test counselling' })
  @ApiCreatedResponse({ description: 'The counselling record id' })
  counsel(
    @IdParam() id: number,
    @Body() input: CounsellingDto,
    @CurrentActor() actor: Actor,
  ): Promise<{ id: number }> {
    return this.pmtct.counsel(id, input, actor);
  }

  @Post('pregnancies/:id/pmtct-tests')
  @Roles('nurse', 'mch_staff')
  @ApiOperation({
    summary: 'Record an HIV, syphilis or HBsAg test; a confirmed positive sets PURPLE',
  })
  @ApiCreatedResponse({ type: TestDto })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'VALIDATION_FAILED, PMTCT_RECORD_INVALID',
  })
  recordTest(
    @IdParam() id: number,
    @Body() input: RecordTestDto,
    @CurrentActor() actor: Actor,
  ): Promise<TestDto> {
    return this.pmtct.recordTest(id, input, actor);
  }

  @Patch('pmtct-tests/:id/result')
  @Roles('nurse', 'mch_staff')
  @ApiOperation({ summary: "Record a pending test's result (optimistic version)" })
  @ApiOkResponse({ type: TestDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'STALE_VERSION' })
  recordResult(
    @IdParam() id: number,
    @Body() input: RecordResultDto,
    @CurrentActor() actor: Actor,
  ): Promise<TestDto> {
    return this.pmtct.recordResult(id, input, actor);
  }

  @Get('pregnancies/:id/pmtct')
  @Roles(...SENSITIVE_RESULT_READERS)
  @ApiOperation({
    summary:
      'Per disease status, treatments, exposed babies; what labour admission needs. Nurses and MCH staff only; every read audited (view_sensitive)',
  })
  @ApiOkResponse({ type: PmtctStatusDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto, description: 'FORBIDDEN_ROLE' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  status(@IdParam() id: number, @CurrentActor() actor: Actor): Promise<PmtctStatusDto> {
    return this.pmtct.status(id, actor);
  }

  @Post('pregnancies/:id/maternal-treatments')
  @Roles('nurse', 'mch_staff')
  @ApiOperation({
    summary: 'ART, a syphilis course, or an HBV antiviral, for a confirmed positive mother',
  })
  @ApiCreatedResponse({ type: TreatmentDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'NOT_CONFIRMED_POSITIVE' })
  recordTreatment(
    @IdParam() id: number,
    @Body() input: RecordTreatmentDto,
    @CurrentActor() actor: Actor,
  ): Promise<TreatmentDto> {
    return this.pmtct.recordTreatment(id, input, actor);
  }

  @Post('maternal-treatments/:id/doses')
  @Roles('nurse', 'mch_staff')
  @ApiOperation({ summary: 'Record one dose of a syphilis course' })
  @ApiCreatedResponse({ type: TreatmentDto })
  addDose(
    @IdParam() id: number,
    @Body() input: DoseDto,
    @CurrentActor() actor: Actor,
  ): Promise<TreatmentDto> {
    return this.pmtct.addDose(id, input, actor);
  }

  @Post('pregnancies/:id/exposed-infants')
  @Roles('nurse', 'mch_staff')
  @ApiOperation({ summary: 'An exposed baby: planned before birth, with the birth time once born' })
  @ApiCreatedResponse({ type: InfantDto })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description: 'NOT_CONFIRMED_POSITIVE, EXPOSED_INFANT_EXISTS',
  })
  createInfant(
    @IdParam() id: number,
    @Body() input: CreateInfantDto,
    @CurrentActor() actor: Actor,
  ): Promise<InfantDto> {
    return this.pmtct.createInfant(id, input, actor);
  }

  @Patch('exposed-infants/:id')
  @Roles('nurse', 'mch_staff')
  @ApiOperation({
    summary: 'Birth time, prophylaxis, HBIG, first vaccine, feeding choice (optimistic version)',
  })
  @ApiOkResponse({ type: InfantDto })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'PMTCT_RECORD_INVALID: a time before birth',
  })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description: 'NOT_CONFIRMED_POSITIVE, STALE_VERSION',
  })
  updateInfant(
    @IdParam() id: number,
    @Body() input: UpdateInfantDto,
    @CurrentActor() actor: Actor,
  ): Promise<InfantDto> {
    return this.pmtct.updateInfant(id, input, actor);
  }

  @Post('exposed-infants/:id/follow-ups')
  @Roles('nurse', 'mch_staff')
  @ApiOperation({
    summary:
      'Record a follow-up visit of the schedule (HIV 48 h … 18 months; syphilis 3 … 18 months)',
  })
  @ApiCreatedResponse({ type: InfantDto })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'FOLLOW_UP_UNKNOWN, PMTCT_RECORD_INVALID',
  })
  recordFollowUp(
    @IdParam() id: number,
    @Body() input: FollowUpDto,
    @CurrentActor() actor: Actor,
  ): Promise<InfantDto> {
    return this.pmtct.recordFollowUp(id, input, actor);
  }

  @Get('worklists/pmtct')
  @Roles(...SENSITIVE_RESULT_READERS)
  @ApiOperation({
    summary:
      'Who to test, confirm or treat; exposed babies due a dose now or a follow-up. Every read audited (view_sensitive)',
  })
  @ApiForbiddenResponse({ type: ErrorResponseDto, description: 'FORBIDDEN_ROLE' })
  @ApiOkResponse({ type: PmtctWorklistPageDto })
  async worklist(
    @Query() query: PmtctWorklistQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<PmtctWorklistPageDto> {
    return { ...(await this.worklists.list(actor, query)), list: query.list };
  }
}
