import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { type Actor, CARE_RECORDERS } from '../core/auth/actor';
import { CurrentActor, Roles } from '../core/auth/auth.decorators';
import { ErrorResponseDto } from '../core/errors/error-response.dto';
import { IdParam } from '../core/http/id-param';
import {
  DispenseDto,
  DispensingRecordDto,
  EligiblePageDto,
  EligibleQueryDto,
  FolicAcidSummaryDto,
  IntakeRecordDto,
  IntakeReportDto,
  SummaryQueryDto,
  SurveyDto,
  SurveyRecordDto,
  WomanFolicAcidDto,
} from './dto/folic-acid.dto';
import { FolicAcidService } from './folic-acid.service';

@ApiTags('folic acid')
@ApiBearerAuth()
@Controller()
export class FolicAcidController {
  constructor(private readonly folicAcid: FolicAcidService) {}

  @Post('women/:id/folic-acid/dispensings')
  @Roles(...CARE_RECORDERS)
  @ApiOperation({ summary: 'Hand out folic acid (a pregnancy need not exist yet)' })
  @ApiCreatedResponse({ type: DispensingRecordDto })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'VALIDATION_FAILED, FOLIC_ACID_RECORD_INVALID',
  })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'WOMAN_NOT_FOUND' })
  dispense(
    @IdParam() id: number,
    @Body() input: DispenseDto,
    @CurrentActor() actor: Actor,
  ): Promise<DispensingRecordDto> {
    return this.folicAcid.dispense(id, input, actor);
  }

  @Post('women/:id/folic-acid/intake-reports')
  @Roles(...CARE_RECORDERS)
  @ApiOperation({
    summary: 'Record her own account of taking it: dates and missed days, or an estimate',
  })
  @ApiCreatedResponse({ type: IntakeRecordDto })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'VALIDATION_FAILED, FOLIC_ACID_RECORD_INVALID',
  })
  reportIntake(
    @IdParam() id: number,
    @Body() input: IntakeReportDto,
    @CurrentActor() actor: Actor,
  ): Promise<IntakeRecordDto> {
    return this.folicAcid.reportIntake(id, input, actor);
  }

  @Post('women/:id/folic-acid/surveys')
  @Roles(...CARE_RECORDERS)
  @ApiOperation({ summary: 'Record the knowledge survey (知晓)' })
  @ApiCreatedResponse({ type: SurveyRecordDto })
  survey(
    @IdParam() id: number,
    @Body() input: SurveyDto,
    @CurrentActor() actor: Actor,
  ): Promise<SurveyRecordDto> {
    return this.folicAcid.survey(id, input, actor);
  }

  @Get('women/:id/folic-acid')
  @ApiOkResponse({ type: WomanFolicAcidDto })
  records(@IdParam() id: number, @CurrentActor() actor: Actor): Promise<WomanFolicAcidDto> {
    return this.folicAcid.recordsOf(id, actor);
  }

  @Get('pregnancies/:id/folic-acid-summary')
  @ApiOperation({
    summary: 'Uptake, adherence and awareness for the pregnancy, with the windows used',
  })
  @ApiOkResponse({ type: FolicAcidSummaryDto })
  summary(
    @IdParam() id: number,
    @Query() query: SummaryQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<FolicAcidSummaryDto> {
    return this.folicAcid.summary(id, actor, query.asOf);
  }

  @Get('worklists/folic-acid')
  @Roles(...CARE_RECORDERS)
  @ApiOperation({ summary: 'Women eligible for folic acid with none dispensed, to follow up' })
  @ApiOkResponse({ type: EligiblePageDto })
  eligible(
    @Query() query: EligibleQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<EligiblePageDto> {
    return this.folicAcid.eligibleWithoutDispensing(actor, query);
  }
}
