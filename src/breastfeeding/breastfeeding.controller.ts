import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { type Actor, CARE_RECORDERS } from '../core/auth/actor';
import { CurrentActor, Roles } from '../core/auth/auth.decorators';
import { ErrorResponseDto } from '../core/errors/error-response.dto';
import { IdParam } from '../core/http/id-param';
import { BreastfeedingService } from './breastfeeding.service';
import {
  BreastfeedingFollowUpDto,
  BreastfeedingFollowUpRecordDto,
  PostpartumContactDto,
  PostpartumContactRecordDto,
  PostpartumWorklistPageDto,
  PostpartumWorklistQueryDto,
  ReferralOutcomeDto,
} from './dto/breastfeeding.dto';
import { PostpartumWorklistsService } from './postpartum-worklists.service';
import { PostpartumService } from './postpartum.service';

@ApiTags('postpartum and breastfeeding')
@ApiBearerAuth()
@Controller()
export class BreastfeedingController {
  constructor(
    private readonly postpartum: PostpartumService,
    private readonly breastfeeding: BreastfeedingService,
    private readonly worklists: PostpartumWorklistsService,
  ) {}

  @Post('pregnancies/:id/postpartum-contacts')
  @Roles(...CARE_RECORDERS)
  @ApiOperation({
    summary:
      'Postpartum visit or 42-day check, with a risk re-assessment; a 42-day check with close ends the case',
  })
  @ApiCreatedResponse({ type: PostpartumContactRecordDto })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'POSTPARTUM_CONTACT_INVALID, VALIDATION_FAILED',
  })
  recordContact(
    @IdParam() id: number,
    @Body() input: PostpartumContactDto,
    @CurrentActor() actor: Actor,
  ): Promise<PostpartumContactRecordDto> {
    return this.postpartum.record(id, input, actor);
  }

  @Get('pregnancies/:id/postpartum-contacts')
  @ApiOkResponse({ type: [PostpartumContactRecordDto] })
  contacts(
    @IdParam() id: number,
    @CurrentActor() actor: Actor,
  ): Promise<PostpartumContactRecordDto[]> {
    return this.postpartum.list(id, actor);
  }

  @Post('newborns/:id/breastfeeding-follow-ups')
  @Roles(...CARE_RECORDERS)
  @ApiOperation({
    summary:
      '24-hour recall, problems, guidance, referral; classified exclusive/predominant/complementary/mixed/none',
  })
  @ApiCreatedResponse({ type: BreastfeedingFollowUpRecordDto })
  recordFollowUp(
    @IdParam() id: number,
    @Body() input: BreastfeedingFollowUpDto,
    @CurrentActor() actor: Actor,
  ): Promise<BreastfeedingFollowUpRecordDto> {
    return this.breastfeeding.record(id, input, actor);
  }

  @Get('newborns/:id/breastfeeding-follow-ups')
  @ApiOkResponse({ type: [BreastfeedingFollowUpRecordDto] })
  followUps(
    @IdParam() id: number,
    @CurrentActor() actor: Actor,
  ): Promise<BreastfeedingFollowUpRecordDto[]> {
    return this.breastfeeding.list(id, actor);
  }

  @Patch('breastfeeding-follow-ups/:id/referral-outcome')
  @Roles(...CARE_RECORDERS)
  @ApiOkResponse({ type: BreastfeedingFollowUpRecordDto })
  referralOutcome(
    @IdParam() id: number,
    @Body() input: ReferralOutcomeDto,
    @CurrentActor() actor: Actor,
  ): Promise<BreastfeedingFollowUpRecordDto> {
    return this.breastfeeding.setReferralOutcome(id, input, actor);
  }

  @Get('worklists/postpartum')
  @Roles(...CARE_RECORDERS)
  @ApiOperation({
    summary:
      'Postpartum visits, 42-day checks, 4/6-month calls, breastfeeding problems, first feeds not recorded',
  })
  @ApiOkResponse({ type: PostpartumWorklistPageDto })
  async worklist(
    @Query() query: PostpartumWorklistQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<PostpartumWorklistPageDto> {
    return { ...(await this.worklists.list(actor, query)), list: query.list };
  }
}
