import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
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
import { ErrorResponseDto } from '../core/errors/error-response.dto';
import { IdParam } from '../core/http/id-param';
import {
  ConfirmTransferDto,
  RequestTransferDto,
  ReturnTransferDto,
  TakeInByIdentityDto,
  TransferDto,
  TransferPageDto,
  TransferQueryDto,
} from './dto/transfers.dto';
import { TransfersService } from './transfers.service';

@ApiTags('care across facilities')
@ApiBearerAuth()
@Controller()
export class TransfersController {
  constructor(private readonly transfers: TransfersService) {}

  @Post('pregnancies/:id/transfers')
  @Roles('nurse', 'mch_staff')
  @ApiOperation({
    summary:
      '迁出 / 迁入: the managing facility hands her over (hand_over), or a participant asks to manage her (take_in); the other side confirms or returns it',
  })
  @ApiCreatedResponse({ type: TransferDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'VALIDATION_FAILED' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'PREGNANCY_NOT_FOUND' })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description: 'NOT_MANAGING, ALREADY_PARTICIPANT, TRANSFER_PENDING, EPISODE_NOT_RUNNING',
  })
  request(
    @IdParam() id: number,
    @Body() input: RequestTransferDto,
    @CurrentActor() actor: Actor,
  ): Promise<TransferDto> {
    return this.transfers.request(id, input, actor);
  }

  @Post('transfers/take-in')
  @Roles('nurse', 'mch_staff')
  @ApiOperation({
    summary:
      '迁入 of a woman showing her handbook at a facility not yet caring for her: found by document, name and birth date together',
  })
  @ApiCreatedResponse({ type: TransferDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'VALIDATION_FAILED' })
  @ApiNotFoundResponse({
    type: ErrorResponseDto,
    description: 'EPISODE_NOT_FOUND: the same answer for anything that does not match',
  })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description: 'ALREADY_PARTICIPANT, TRANSFER_PENDING',
  })
  takeIn(@Body() input: TakeInByIdentityDto, @CurrentActor() actor: Actor): Promise<TransferDto> {
    return this.transfers.takeIn(input, actor);
  }

  @Get('transfers')
  @Roles('nurse', 'mch_staff')
  @ApiOperation({
    summary:
      "The facility's transfers in one state (pending by default), oldest first, with their age in days and her name (audited)",
  })
  @ApiOkResponse({ type: TransferPageDto })
  list(@Query() query: TransferQueryDto, @CurrentActor() actor: Actor): Promise<TransferPageDto> {
    return this.transfers.list(query, actor);
  }

  @Post('transfers/:id/confirm')
  @HttpCode(200)
  @Roles('nurse', 'mch_staff')
  @ApiOperation({
    summary:
      'The side that did not ask confirms: the new facility manages her from today and sees her earlier records',
  })
  @ApiOkResponse({ type: TransferDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'TRANSFER_NOT_FOUND' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'TRANSFER_NOT_ANSWERABLE' })
  confirm(
    @IdParam() id: number,
    @Body() input: ConfirmTransferDto,
    @CurrentActor() actor: Actor,
  ): Promise<TransferDto> {
    return this.transfers.confirm(id, input, actor);
  }

  @Post('transfers/:id/return')
  @HttpCode(200)
  @Roles('nurse', 'mch_staff')
  @ApiOperation({ summary: 'The side that did not ask returns it with a note; nothing moves' })
  @ApiOkResponse({ type: TransferDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'VALIDATION_FAILED' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'TRANSFER_NOT_FOUND' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'TRANSFER_NOT_ANSWERABLE' })
  return(
    @IdParam() id: number,
    @Body() input: ReturnTransferDto,
    @CurrentActor() actor: Actor,
  ): Promise<TransferDto> {
    return this.transfers.return(id, input, actor);
  }

  @Post('transfers/:id/withdraw')
  @HttpCode(200)
  @Roles('nurse', 'mch_staff')
  @ApiOperation({ summary: 'The side that asked takes a pending request back' })
  @ApiOkResponse({ type: TransferDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'TRANSFER_NOT_FOUND' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'TRANSFER_NOT_ANSWERABLE' })
  withdraw(@IdParam() id: number, @CurrentActor() actor: Actor): Promise<TransferDto> {
    return this.transfers.withdraw(id, actor);
  }
}
