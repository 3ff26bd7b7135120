import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Put,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '../core/auth/actor';
import { CurrentActor, Roles } from '../core/auth/auth.decorators';
import { ErrorResponseDto } from '../core/errors/error-response.dto';
import { IdParam } from '../core/http/id-param';
import {
  CaseListQueryDto,
  CasePageDto,
  CasesQueryDto,
  ClosePeriodDto,
  ComputationDto,
  ComputationRequestDto,
  ExportJobDto,
  ExportRecordPageDto,
  ExportRecordQueryDto,
  ExportRequestDto,
  FacilityTargetDto,
  IndicatorDefinitionDto,
  PeriodQueryDto,
  PeriodRangeValuesDto,
  PeriodValuesDto,
  PeriodOverviewPageDto,
  PeriodOverviewQueryDto,
  PeriodVersionsDto,
  RangeQueryDto,
  SetTargetDto,
  TargetDto,
  ValuesQueryDto,
} from './dto/indicators.dto';
import type { ExportFile } from './exports/indicator-exports.service';
import { IndicatorsService } from './indicators.service';

/** The body of an export: the file itself, in the format asked for. */
const EXPORT_FILE = {
  description: 'The file (Content-Disposition names it)',
  content: {
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
      schema: { type: 'string' as const, format: 'binary' },
    },
    'text/csv': { schema: { type: 'string' as const, format: 'binary' } },
    'application/fhir+json': { schema: { type: 'object' as const, additionalProperties: true } },
  },
};

const XLSX_FILE = {
  description: 'The xlsx (Content-Disposition names it)',
  content: {
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
      schema: { type: 'string' as const, format: 'binary' },
    },
  },
};

@ApiTags('indicators')
@ApiBearerAuth()
@Controller()
export class IndicatorsController {
  constructor(private readonly indicators: IndicatorsService) {}

  @Get('indicators')
  @ApiOperation({ summary: 'Every indicator definition: cohort, numerator, denominator, target' })
  @ApiOkResponse({ type: [IndicatorDefinitionDto] })
  definitions(): IndicatorDefinitionDto[] {
    return this.indicators.definitions();
  }

  @Get('facilities/:facilityId/indicator-targets')
  @Roles('admin', 'system_admin')
  @ApiOperation({
    summary:
      "Every indicator's target at a facility, national and its own: a facility admin its own facility only",
  })
  @ApiOkResponse({ type: [FacilityTargetDto] })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'FACILITY_NOT_FOUND' })
  targets(
    @IdParam('facilityId') facilityId: number,
    @CurrentActor() actor: Actor,
  ): Promise<FacilityTargetDto[]> {
    return this.indicators.targetsOf(facilityId, actor);
  }

  @Put('indicators/:code/targets/:facilityId')
  @Roles('admin', 'system_admin')
  @ApiOperation({
    summary: "Set a facility's own target for an indicator (a facility admin its own facility's)",
  })
  @ApiOkResponse({ type: TargetDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'VALIDATION_FAILED' })
  @ApiNotFoundResponse({
    type: ErrorResponseDto,
    description: 'INDICATOR_NOT_FOUND, FACILITY_NOT_FOUND',
  })
  setTarget(
    @Param('code') code: string,
    @IdParam('facilityId') facilityId: number,
    @Body() input: SetTargetDto,
    @CurrentActor() actor: Actor,
  ): Promise<TargetDto> {
    return this.indicators.setTarget(code, facilityId, input, actor);
  }

  @Delete('indicators/:code/targets/:facilityId')
  @Roles('admin', 'system_admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: "Drop a facility's own target: the national target applies again" })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({
    type: ErrorResponseDto,
    description: 'INDICATOR_NOT_FOUND, FACILITY_NOT_FOUND',
  })
  clearTarget(
    @Param('code') code: string,
    @IdParam('facilityId') facilityId: number,
    @CurrentActor() actor: Actor,
  ): Promise<void> {
    return this.indicators.clearTarget(code, facilityId, actor);
  }

  @Post('indicator-computations')
  @Roles('mch_staff', 'statistician', 'admin')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Queue the computation of a facility or region for a period' })
  @ApiAcceptedResponse({ type: ComputationDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'VALIDATION_FAILED' })
  compute(
    @Body() input: ComputationRequestDto,
    @CurrentActor() actor: Actor,
  ): Promise<ComputationDto> {
    return this.indicators.requestComputation(input, actor);
  }

  @Get('indicator-computations/failed')
  @Roles('mch_staff', 'statistician', 'admin')
  @ApiOperation({ summary: 'The latest failed computations, with their reasons' })
  @ApiOkResponse({ type: [ComputationDto] })
  failed(@CurrentActor() actor: Actor): Promise<ComputationDto[]> {
    return this.indicators.failedComputations(actor);
  }

  @Get('indicator-computations/:jobId')
  @Roles('mch_staff', 'statistician', 'admin')
  @ApiOkResponse({ type: ComputationDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'COMPUTATION_NOT_FOUND' })
  computation(
    @Param('jobId') jobId: string,
    @CurrentActor() actor: Actor,
  ): Promise<ComputationDto> {
    return this.indicators.computation(jobId, actor);
  }

  @Get('indicator-values')
  @Roles('mch_staff', 'statistician', 'admin')
  @ApiOperation({ summary: "A period's computed values with targets and the trend before it" })
  @ApiOkResponse({ type: PeriodValuesDto })
  values(@Query() query: ValuesQueryDto, @CurrentActor() actor: Actor): Promise<PeriodValuesDto> {
    return this.indicators.values(query, actor);
  }

  @Get('indicator-values/range')
  @Roles('mch_staff', 'statistician', 'admin')
  @ApiOperation({ summary: 'Values of every period from period to to (same kind), oldest first' })
  @ApiOkResponse({ type: PeriodRangeValuesDto })
  range(
    @Query() query: RangeQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<PeriodRangeValuesDto> {
    return this.indicators.range(query, actor);
  }

  @Get('indicator-values/:code/cases/xlsx')
  @Roles('mch_staff', 'statistician')
  @ApiOperation({
    summary:
      'The cases behind a value as an xlsx, deciding fields and coded values in Chinese (at most 5000 rows, saying how many in all); audited',
  })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'INDICATOR_NOT_FOUND' })
  @ApiOkResponse(XLSX_FILE)
  async caseList(
    @Param('code') code: string,
    @Query() query: CaseListQueryDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    return download(await this.indicators.caseList(code, query, actor), response);
  }

  @Get('indicator-values/:code/cases')
  @Roles('mch_staff', 'statistician')
  @ApiOperation({
    summary: 'The cases behind a value (numerator, denominator or excluded); audited',
  })
  @ApiOkResponse({ type: CasePageDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'INDICATOR_NOT_FOUND' })
  cases(
    @Param('code') code: string,
    @Query() query: CasesQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<CasePageDto> {
    return this.indicators.cases(code, query, actor);
  }

  @Get('indicator-periods/overview')
  @Roles('mch_staff', 'statistician', 'admin')
  @ApiOperation({
    summary:
      "A facility's periods, oldest first: never computed, computed, stale, closed or corrected after close; the indicators missing or stale; the computations queued, running and the latest finished",
  })
  @ApiOkResponse({ type: PeriodOverviewPageDto })
  periodOverview(
    @Query() query: PeriodOverviewQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<PeriodOverviewPageDto> {
    return this.indicators.periodOverview(query, actor);
  }

  @Get('indicator-periods')
  @Roles('mch_staff', 'statistician', 'admin')
  @ApiOperation({
    summary:
      "The versions of a facility's period: closed ones (closed, corrected_after_close), then the latest computation (computed, stale)",
  })
  @ApiOkResponse({ type: PeriodVersionsDto })
  periodVersions(
    @Query() query: PeriodQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<PeriodVersionsDto> {
    return this.indicators.periodVersions(query, actor);
  }

  @Post('indicator-periods/close')
  @Roles('mch_staff')
  @ApiOperation({
    summary:
      "Close a facility's period: freeze its latest computation, with definition versions and as-of days, as the next version; audited",
  })
  @ApiCreatedResponse({ type: PeriodVersionsDto })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description:
      'PERIOD_NOT_COMPUTED, PERIOD_STALE (details list the indicators), PERIOD_ALREADY_CLOSED',
  })
  closePeriod(
    @Body() input: ClosePeriodDto,
    @CurrentActor() actor: Actor,
  ): Promise<PeriodVersionsDto> {
    return this.indicators.closePeriod(input, actor);
  }

  @Get('indicator-exports')
  @Roles('mch_staff', 'statistician', 'admin')
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description:
      'EXPORT_INCOMPLETE: details list per facility the indicators not computed, stale or corrected after close (pass allowStale=true to export them marked)',
  })
  @ApiOperation({
    summary: "A period's values as xlsx, CSV or a FHIR MeasureReport bundle, at once",
  })
  @ApiOkResponse(EXPORT_FILE)
  async exportNow(
    @Query() query: ExportRequestDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    return download(await this.indicators.exportNow(query, actor), response);
  }

  @Post('indicator-exports')
  @Roles('mch_staff', 'statistician', 'admin')
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'EXPORT_INCOMPLETE' })
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Queue an export (for large periods and regions)' })
  @ApiAcceptedResponse({ type: ExportJobDto })
  requestExport(
    @Body() input: ExportRequestDto,
    @CurrentActor() actor: Actor,
  ): Promise<ExportJobDto> {
    return this.indicators.requestExport(input, actor);
  }

  @Get('indicator-exports/:jobId')
  @Roles('mch_staff', 'statistician', 'admin')
  @ApiOkResponse({ type: ExportJobDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'EXPORT_NOT_FOUND' })
  exportJob(@Param('jobId') jobId: string, @CurrentActor() actor: Actor): Promise<ExportJobDto> {
    return this.indicators.exportJob(jobId, actor);
  }

  @Get('indicator-exports/:jobId/file')
  @Roles('mch_staff', 'statistician', 'admin')
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'EXPORT_NOT_FOUND' })
  @ApiOkResponse(EXPORT_FILE)
  async exportFile(
    @Param('jobId') jobId: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    return download(await this.indicators.exportFile(jobId, actor), response);
  }

  @Get('indicator-export-records')
  @Roles('mch_staff', 'statistician', 'admin')
  @ApiOperation({
    summary:
      'The exports sent for a facility or region, newest first: who, when, and which computation each facility held',
  })
  @ApiOkResponse({ type: ExportRecordPageDto })
  exportRecords(
    @Query() query: ExportRecordQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<ExportRecordPageDto> {
    return this.indicators.exportRecords(query, actor);
  }

  @Get('indicator-export-records/:id/file')
  @Roles('mch_staff', 'statistician', 'admin')
  @ApiOperation({ summary: 'The file of an earlier export, byte for byte as it was sent' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'EXPORT_NOT_FOUND' })
  @ApiOkResponse(EXPORT_FILE)
  async exportRecordFile(
    @IdParam() id: number,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    return download(await this.indicators.exportRecordFile(id, actor), response);
  }
}

function download(file: ExportFile, response: Response): StreamableFile {
  response.setHeader('Content-Disposition', `attachment; filename="${file.filename}"`);
  return new StreamableFile(file.content, { type: file.contentType, length: file.bytes });
}
