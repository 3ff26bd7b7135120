import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Actor } from '../core/auth/actor';
import { CurrentActor, Roles } from '../core/auth/auth.decorators';
import { ErrorResponseDto } from '../core/errors/error-response.dto';
import { IdParam } from '../core/http/id-param';
import { PageQueryDto } from '../core/http/pagination';
import {
  AwaitingFeedbackPageDto,
  DeclineReferralDto,
  FollowUpReferralDto,
  IncomingReferralPageDto,
  IncomingReferralQueryDto,
  ReceiveReferralDto,
  ReferralDto,
} from './dto/risk.dto';
import { ReferralsService } from './referrals.service';

@ApiTags('care across facilities')
@ApiBearerAuth()
@Controller()
export class ReferralsController {
  constructor(private readonly referrals: ReferralsService) {}

  @Get('referrals/incoming')
  @Roles('nurse', 'mch_staff')
  @ApiOperation({
    summary:
      'Referrals to this facility (awaiting, received or declined), critical first, with her name; audited',
  })
  @ApiOkResponse({ type: IncomingReferralPageDto })
  incoming(
    @Query() query: IncomingReferralQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<IncomingReferralPageDto> {
    return this.referrals.incoming(query, actor);
  }

  @Post('referrals/:id/receive')
  @HttpCode(HttpStatus.OK)
  @Roles('nurse', 'mch_staff')
  @ApiOperation({
    summary: 'She arrived: this facility takes part in her care (examining, by referral)',
  })
  @ApiOkResponse({ type: ReferralDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'RISK_INPUT_INVALID' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'REFERRAL_NOT_FOUND' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'REFERRAL_ALREADY_ANSWERED' })
  receive(
    @IdParam() id: number,
    @Body() input: ReceiveReferralDto,
    @CurrentActor() actor: Actor,
  ): Promise<ReferralDto> {
    return this.referrals.receive(id, input, actor);
  }

  @Post('referrals/:id/decline')
  @HttpCode(HttpStatus.OK)
  @Roles('nurse', 'mch_staff')
  @ApiOperation({ summary: 'This facility cannot take her, with why' })
  @ApiOkResponse({ type: ReferralDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'REFERRAL_NOT_FOUND' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'REFERRAL_ALREADY_ANSWERED' })
  decline(
    @IdParam() id: number,
    @Body() input: DeclineReferralDto,
    @CurrentActor() actor: Actor,
  ): Promise<ReferralDto> {
    return this.referrals.decline(id, input, actor);
  }

  @Post('referrals/:id/feedback')
  @HttpCode(HttpStatus.OK)
  @Roles('nurse', 'mch_staff')
  @ApiOperation({ summary: 'The receiver feeds the result back to the referring facility' })
  @ApiOkResponse({ type: ReferralDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'REFERRAL_NOT_FOUND' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'REFERRAL_ALREADY_FOLLOWED_UP' })
  feedback(
    @IdParam() id: number,
    @Body() input: FollowUpReferralDto,
    @CurrentActor() actor: Actor,
  ): Promise<ReferralDto> {
    return this.referrals.feedback(id, input, actor);
  }

  @Get('worklists/referrals-awaiting-feedback')
  @Roles('nurse', 'mch_staff')
  @ApiOperation({
    summary:
      "This facility's referrals whose result is not back by its day (REFERRAL_FEEDBACK_DAYS after the referral, 14 by default)",
  })
  @ApiOkResponse({ type: AwaitingFeedbackPageDto })
  awaitingFeedback(
    @Query() query: PageQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<AwaitingFeedbackPageDto> {
    return this.referrals.awaitingFeedback(query, actor);
  }
}
