import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
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
import { type Actor, ROLES } from '../core/auth/actor';
import { CurrentActor, Roles } from '../core/auth/auth.decorators';
import { ErrorResponseDto } from '../core/errors/error-response.dto';
import { IdParam } from '../core/http/id-param';
import {
  AddNoteDto,
  AddReferralDto,
  AssessmentDto,
  AssessRiskDto,
  CaseDetailDto,
  CaseNoteDto,
  HighRiskCasePageDto,
  CaseQueryDto,
  CaseSummaryDto,
  CatalogueListItemDto,
  CatalogueWithFactorsDto,
  ClinicianDto,
  CreateCatalogueDto,
  FollowUpReferralDto,
  RecordReportDto,
  ReferralDto,
  ReportQueryDto,
  RiskReportDto,
  RiskReportPageDto,
  UpdateCaseDto,
} from './dto/risk.dto';
import { HighRiskCasesService } from './high-risk-cases.service';
import { RiskAssessmentService } from './risk-assessment.service';
import { RiskCatalogueService } from './risk-catalogue.service';
import { RiskReportsService } from './risk-reports.service';
import { RISK_WRITERS } from './rules/risk-writers';

@ApiTags('risk')
@ApiBearerAuth()
@Controller()
export class RiskController {
  constructor(
    private readonly catalogues: RiskCatalogueService,
    private readonly assessments: RiskAssessmentService,
    private readonly cases: HighRiskCasesService,
    private readonly reports: RiskReportsService,
  ) {}

  @Get('risk-catalogues')
  @Roles(...ROLES)
  @ApiOkResponse({ type: [CatalogueListItemDto] })
  listCatalogues(@CurrentActor() actor: Actor): Promise<CatalogueListItemDto[]> {
    return this.catalogues.list(actor.facilityId);
  }

  @Get('risk-catalogues/:version')
  @Roles(...ROLES)
  @ApiOkResponse({ type: CatalogueWithFactorsDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'RISK_CATALOGUE_NOT_FOUND' })
  catalogue(@Param('version') version: string): Promise<CatalogueWithFactorsDto> {
    return this.catalogues.findWithFactors(version);
  }

  @Post('risk-catalogues')
  @Roles('system_admin')
  @ApiOperation({
    summary: 'Add a provincial catalogue version; it must keep every derived factor',
  })
  @ApiCreatedResponse({ type: CatalogueWithFactorsDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'RISK_CATALOGUE_INVALID' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'RISK_CATALOGUE_VERSION_TAKEN' })
  createCatalogue(@Body() input: CreateCatalogueDto): Promise<CatalogueWithFactorsDto> {
    return this.catalogues.create(input);
  }

  @Post('pregnancies/:id/risk-assessments')
  @Roles(...RISK_WRITERS)
  @ApiOperation({
    summary: 'Grade the pregnancy (妊娠风险评估): ticked factors plus those derived from records',
  })
  @ApiCreatedResponse({ type: AssessmentDto })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'RISK_FACTOR_UNKNOWN, RISK_FACTOR_DERIVED, VALIDATION_FAILED',
  })
  assess(
    @IdParam() id: number,
    @Body() input: AssessRiskDto,
    @CurrentActor() actor: Actor,
  ): Promise<AssessmentDto> {
    return this.assessments.assess(id, input, actor);
  }

  @Get('pregnancies/:id/risk-assessments')
  @ApiOperation({ summary: 'Every grading of the pregnancy, newest first' })
  @ApiOkResponse({ type: [AssessmentDto] })
  history(@IdParam() id: number, @CurrentActor() actor: Actor): Promise<AssessmentDto[]> {
    return this.assessments.history(id, actor);
  }

  @Get('pregnancies/:id/high-risk-cases')
  @ApiOperation({
    summary:
      'Her high-risk cases (专案), open and closed, newest first: those your facility manages, which it may open',
  })
  @ApiOkResponse({ type: [CaseSummaryDto] })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'PREGNANCY_NOT_FOUND' })
  pregnancyCases(@IdParam() id: number, @CurrentActor() actor: Actor): Promise<CaseSummaryDto[]> {
    return this.cases.forPregnancy(id, actor);
  }

  @Get('clinicians')
  @Roles(...RISK_WRITERS)
  @ApiOperation({
    summary:
      'The active nurses and MCH doctors of your facility: whom a high-risk case may name as responsible',
  })
  @ApiOkResponse({ type: [ClinicianDto] })
  clinicians(@CurrentActor() actor: Actor): Promise<ClinicianDto[]> {
    return this.cases.clinicians(actor);
  }

  @Get('high-risk-cases')
  @ApiOperation({ summary: 'The high-risk register: open cases by colour with their next action' })
  @ApiOkResponse({ type: HighRiskCasePageDto })
  register(
    @Query() query: CaseQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<HighRiskCasePageDto> {
    return this.cases.register(actor, query);
  }

  @Get('high-risk-cases/:id')
  @ApiOkResponse({ type: CaseDetailDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  findCase(@IdParam() id: number, @CurrentActor() actor: Actor): Promise<CaseDetailDto> {
    return this.cases.findOne(id, actor);
  }

  @Patch('high-risk-cases/:id')
  @Roles(...RISK_WRITERS)
  @ApiOperation({ summary: 'Name the responsible clinician and write the management plan' })
  @ApiOkResponse({ type: CaseDetailDto })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description: 'STALE_VERSION, HIGH_RISK_CASE_CLOSED',
  })
  updateCase(
    @IdParam() id: number,
    @Body() input: UpdateCaseDto,
    @CurrentActor() actor: Actor,
  ): Promise<CaseDetailDto> {
    return this.cases.update(id, input, actor);
  }

  @Post('high-risk-cases/:id/notes')
  @Roles(...RISK_WRITERS)
  @ApiCreatedResponse({ type: CaseNoteDto })
  addNote(
    @IdParam() id: number,
    @Body() input: AddNoteDto,
    @CurrentActor() actor: Actor,
  ): Promise<CaseNoteDto> {
    return this.cases.addNote(id, input, actor);
  }

  @Post('high-risk-cases/:id/referrals')
  @Roles(...RISK_WRITERS)
  @ApiOperation({
    summary: 'Refer to a higher-level facility; the result is due for follow-up in 2 weeks',
  })
  @ApiCreatedResponse({ type: ReferralDto })
  addReferral(
    @IdParam() id: number,
    @Body() input: AddReferralDto,
    @CurrentActor() actor: Actor,
  ): Promise<ReferralDto> {
    return this.cases.addReferral(id, input, actor);
  }

  @Post('referrals/:id/follow-up')
  @HttpCode(HttpStatus.OK)
  @Roles(...RISK_WRITERS)
  @ApiOkResponse({ type: ReferralDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'REFERRAL_ALREADY_FOLLOWED_UP' })
  followUp(
    @IdParam() id: number,
    @Body() input: FollowUpReferralDto,
    @CurrentActor() actor: Actor,
  ): Promise<ReferralDto> {
    return this.cases.followUpReferral(id, input, actor);
  }

  @Get('risk-reports')
  @ApiOperation({
    summary: 'Reports to the district: ORANGE within 3 days, RED within 24 hours of grading',
  })
  @ApiOkResponse({ type: RiskReportPageDto })
  listReports(
    @Query() query: ReportQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<RiskReportPageDto> {
    return this.reports.list(actor, query);
  }

  @Post('risk-reports/:id/sent')
  @HttpCode(HttpStatus.OK)
  @Roles('nurse', 'mch_staff')
  @ApiOperation({ summary: 'Record that the report was sent: when, to whom; the caller is who' })
  @ApiOkResponse({ type: RiskReportDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'RISK_REPORT_ALREADY_SENT' })
  recordReport(
    @IdParam() id: number,
    @Body() input: RecordReportDto,
    @CurrentActor() actor: Actor,
  ): Promise<RiskReportDto> {
    return this.reports.record(id, input, actor);
  }
}
