import { Body, Controller, Get, HttpCode, Patch, Post, Put, Query } from '@nestjs/common';
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
import { VoidDto } from '../core/http/corrections.dto';
import { IdParam } from '../core/http/id-param';
import { BirthDoseWorklistService } from './birth-dose-worklist.service';
import { DeliveryService } from './delivery.service';
import {
  BirthDoseInputDto,
  BirthDoseWorklistPageDto,
  BirthDoseWorklistQueryDto,
  ContraindicationDto,
  DeliveryDto,
  EndEventDto,
  FeedingEventDto,
  FeedingEventRecordDto,
  NewbornDto,
  RecordDeliveryDto,
  UpdateContraindicationDto,
  UpdateDeliveryDto,
  UpdateFeedingEventDto,
  UpdateNewbornDto,
} from './dto/delivery.dto';

@ApiTags('delivery and newborns')
@ApiBearerAuth()
@Controller()
export class DeliveryController {
  constructor(
    private readonly deliveries: DeliveryService,
    private readonly birthDoseWorklist: BirthDoseWorklistService,
  ) {}

  @Post('pregnancies/:id/delivery')
  @Roles('nurse', 'mch_staff')
  @ApiOperation({ summary: 'Record the delivery and every baby; the pregnancy becomes delivered' })
  @ApiCreatedResponse({ type: DeliveryDto })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'DELIVERY_RECORD_INVALID, VALIDATION_FAILED',
  })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description: 'DELIVERY_EXISTS, PREGNANCY_NOT_OPEN',
  })
  record(
    @IdParam() id: number,
    @Body() input: RecordDeliveryDto,
    @CurrentActor() actor: Actor,
  ): Promise<DeliveryDto> {
    return this.deliveries.record(id, input, actor);
  }

  @Get('pregnancies/:id/delivery')
  @ApiOkResponse({ type: DeliveryDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'DELIVERY_NOT_FOUND' })
  find(@IdParam() id: number, @CurrentActor() actor: Actor): Promise<DeliveryDto> {
    return this.deliveries.findByPregnancy(id, actor);
  }

  @Patch('deliveries/:id')
  @Roles('nurse', 'mch_staff')
  @ApiOperation({
    summary:
      "The mother's discharge, complications, blood loss; corrections of time, place, mode, caesarean indication and maternal outcome with a reason (optimistic version, audited)",
  })
  @ApiOkResponse({ type: DeliveryDto })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'VALIDATION_FAILED (reason missing), DELIVERY_RECORD_INVALID',
  })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'STALE_VERSION' })
  update(
    @IdParam() id: number,
    @Body() input: UpdateDeliveryDto,
    @CurrentActor() actor: Actor,
  ): Promise<DeliveryDto> {
    return this.deliveries.update(id, input, actor);
  }

  @Post('deliveries/:id/void')
  @HttpCode(200)
  @Roles('nurse', 'mch_staff')
  @ApiOperation({
    summary:
      'Void a delivery recorded in error, with its babies: they stay, flagged, and count nowhere; the pregnancy is open again (with a reason, audited)',
  })
  @ApiOkResponse({ type: DeliveryDto })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description:
      'STALE_VERSION, ALREADY_VOIDED, VOID_BLOCKED (postpartum contacts or records of a baby stand; each named), PREGNANCY_STATUS_TRANSITION_INVALID (no longer delivered), PREGNANCY_SUPERSEDED, PREGNANCY_ALREADY_OPEN',
  })
  voidDelivery(
    @IdParam() id: number,
    @Body() input: VoidDto,
    @CurrentActor() actor: Actor,
  ): Promise<DeliveryDto> {
    return this.deliveries.voidDelivery(id, input, actor);
  }

  @Get('newborns/:id')
  @ApiOperation({
    summary: 'A baby with its feeding events and Baby-Friendly flags (each with why it failed)',
  })
  @ApiOkResponse({ type: NewbornDto })
  newborn(@IdParam() id: number, @CurrentActor() actor: Actor): Promise<NewbornDto> {
    return this.deliveries.newborn(id, actor);
  }

  @Patch('newborns/:id')
  @Roles('nurse', 'mch_staff')
  @ApiOperation({
    summary:
      'NICU admission, death; corrections of sex, weight, birth time, vital status and birth order with a reason (optimistic version, audited)',
  })
  @ApiOkResponse({ type: NewbornDto })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'VALIDATION_FAILED (reason missing), DELIVERY_RECORD_INVALID',
  })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'STALE_VERSION' })
  updateNewborn(
    @IdParam() id: number,
    @Body() input: UpdateNewbornDto,
    @CurrentActor() actor: Actor,
  ): Promise<NewbornDto> {
    return this.deliveries.updateNewborn(id, input, actor);
  }

  @Post('newborns/:id/void')
  @HttpCode(200)
  @Roles('nurse', 'mch_staff')
  @ApiOperation({
    summary:
      'Void a baby entered in error: it stays, flagged, and counts nowhere (with a reason, audited)',
  })
  @ApiOkResponse({ type: NewbornDto })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description:
      'STALE_VERSION, ALREADY_VOIDED, VOID_BLOCKED (feeding events, contraindications, follow-ups or exposed-baby care stand; each named)',
  })
  voidNewborn(
    @IdParam() id: number,
    @Body() input: VoidDto,
    @CurrentActor() actor: Actor,
  ): Promise<NewbornDto> {
    return this.deliveries.voidNewborn(id, input, actor);
  }

  @Put('newborns/:id/birth-doses')
  @Roles('nurse', 'mch_staff')
  @ApiOperation({
    summary:
      'Record or correct the hepatitis B birth dose or BCG: time, batch, who gave it (optimistic version, audited)',
  })
  @ApiOkResponse({ type: NewbornDto })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'DELIVERY_RECORD_INVALID: before birth, in the future, after death, stillbirth',
  })
  birthDose(
    @IdParam() id: number,
    @Body() input: BirthDoseInputDto,
    @CurrentActor() actor: Actor,
  ): Promise<NewbornDto> {
    return this.deliveries.recordBirthDose(id, input, actor);
  }

  @Get('worklists/birth-doses')
  @Roles('nurse', 'mch_staff')
  @ApiOperation({
    summary:
      'Babies without a hepatitis B birth dose, the window (24 h; 12 h for an HBsAg-positive mother) closing soonest first',
  })
  @ApiOkResponse({ type: BirthDoseWorklistPageDto })
  birthDoses(
    @Query() query: BirthDoseWorklistQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<BirthDoseWorklistPageDto> {
    return this.birthDoseWorklist.list(actor, query);
  }

  @Post('newborns/:id/feeding-events')
  @Roles('nurse', 'mch_staff')
  @ApiOperation({
    summary: 'Skin-to-skin, first breastfeed, separation, supplement or discharge, with its time',
  })
  @ApiCreatedResponse({ type: FeedingEventRecordDto })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'DELIVERY_RECORD_INVALID: before birth, after discharge, end before start',
  })
  addEvent(
    @IdParam() id: number,
    @Body() input: FeedingEventDto,
    @CurrentActor() actor: Actor,
  ): Promise<FeedingEventRecordDto> {
    return this.deliveries.addFeedingEvent(id, input, actor);
  }

  @Patch('feeding-events/:id/end')
  @Roles('nurse', 'mch_staff')
  @ApiOperation({ summary: 'End a skin-to-skin contact or a separation recorded as still going' })
  @ApiOkResponse({ type: FeedingEventRecordDto })
  endEvent(
    @IdParam() id: number,
    @Body() input: EndEventDto,
    @CurrentActor() actor: Actor,
  ): Promise<FeedingEventRecordDto> {
    return this.deliveries.endFeedingEvent(id, input, actor);
  }

  @Patch('feeding-events/:id')
  @Roles('nurse', 'mch_staff')
  @ApiOperation({
    summary: 'Correct a feeding event, with a reason (optimistic version, audited)',
  })
  @ApiOkResponse({ type: FeedingEventRecordDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'DELIVERY_RECORD_INVALID' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'STALE_VERSION, ALREADY_VOIDED' })
  updateEvent(
    @IdParam() id: number,
    @Body() input: UpdateFeedingEventDto,
    @CurrentActor() actor: Actor,
  ): Promise<FeedingEventRecordDto> {
    return this.deliveries.updateFeedingEvent(id, input, actor);
  }

  @Post('feeding-events/:id/void')
  @HttpCode(200)
  @Roles('nurse', 'mch_staff')
  @ApiOperation({
    summary: 'Void a feeding event: it stays, flagged, and counts nowhere (with a reason, audited)',
  })
  @ApiOkResponse({ type: FeedingEventRecordDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'STALE_VERSION, ALREADY_VOIDED' })
  voidEvent(
    @IdParam() id: number,
    @Body() input: VoidDto,
    @CurrentActor() actor: Actor,
  ): Promise<FeedingEventRecordDto> {
    return this.deliveries.voidFeedingEvent(id, input, actor);
  }

  @Patch('contraindications/:id')
  @Roles('nurse', 'mch_staff')
  @ApiOperation({
    summary: 'Correct a contraindication, with a reason (optimistic version, audited)',
  })
  @ApiOkResponse({ type: NewbornDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'STALE_VERSION, ALREADY_VOIDED' })
  updateContraindication(
    @IdParam() id: number,
    @Body() input: UpdateContraindicationDto,
    @CurrentActor() actor: Actor,
  ): Promise<NewbornDto> {
    return this.deliveries.updateContraindication(id, input, actor);
  }

  @Post('contraindications/:id/void')
  @HttpCode(200)
  @Roles('nurse', 'mch_staff')
  @ApiOperation({
    summary:
      'Void a contraindication: the baby is no longer excluded by it (with a reason, audited)',
  })
  @ApiOkResponse({ type: NewbornDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'STALE_VERSION, ALREADY_VOIDED' })
  voidContraindication(
    @IdParam() id: number,
    @Body() input: VoidDto,
    @CurrentActor() actor: Actor,
  ): Promise<NewbornDto> {
    return this.deliveries.voidContraindication(id, input, actor);
  }

  @Post('newborns/:id/contraindications')
  @Roles('nurse', 'mch_staff')
  @ApiOperation({ summary: 'A medical contraindication to breastfeeding, with who decided' })
  @ApiCreatedResponse({ type: NewbornDto })
  contraindication(
    @IdParam() id: number,
    @Body() input: ContraindicationDto,
    @CurrentActor() actor: Actor,
  ): Promise<NewbornDto> {
    return this.deliveries.addContraindication(id, input, actor);
  }
}
