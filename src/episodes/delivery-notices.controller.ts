import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
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
import { DeliveryNoticesService } from './delivery-notices.service';
import {
  DeliveryNoticeDto,
  DeliveryNoticePageDto,
  DeliveryNoticeQueryDto,
  ReturnDeliveryNoticeDto,
  RouteDeliveryNoticeDto,
  VisitDuePageDto,
} from './dto/delivery-notices.dto';

@ApiTags('care across facilities')
@ApiBearerAuth()
@Controller()
export class DeliveryNoticesController {
  constructor(private readonly notices: DeliveryNoticesService) {}

  @Get('delivery-notices')
  @Roles('nurse', 'mch_staff')
  @ApiOperation({
    summary:
      '分娩信息 sent to this facility (incoming) or by it (outgoing), newest first, with her name, discharge and babies (audited)',
  })
  @ApiOkResponse({ type: DeliveryNoticePageDto })
  list(
    @Query() query: DeliveryNoticeQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<DeliveryNoticePageDto> {
    return this.notices.list(query, actor);
  }

  @Post('delivery-notices/:id/acknowledge')
  @HttpCode(200)
  @Roles('nurse', 'mch_staff')
  @ApiOperation({
    summary:
      'The centre it was sent to acknowledges it and takes part in her care as her postpartum visitor; the visit falls due',
  })
  @ApiOkResponse({ type: DeliveryNoticeDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'DELIVERY_NOTICE_NOT_FOUND' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'DELIVERY_NOTICE_NOT_OPEN' })
  acknowledge(@IdParam() id: number, @CurrentActor() actor: Actor): Promise<DeliveryNoticeDto> {
    return this.notices.acknowledge(id, actor);
  }

  @Post('delivery-notices/:id/route')
  @HttpCode(200)
  @Roles('nurse', 'mch_staff')
  @ApiOperation({
    summary: 'The sender routes a notice by hand: no centre serves her 产休地, or it came back',
  })
  @ApiOkResponse({ type: DeliveryNoticeDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'VALIDATION_FAILED' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'DELIVERY_NOTICE_NOT_FOUND' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'DELIVERY_NOTICE_NOT_OPEN' })
  route(
    @IdParam() id: number,
    @Body() input: RouteDeliveryNoticeDto,
    @CurrentActor() actor: Actor,
  ): Promise<DeliveryNoticeDto> {
    return this.notices.route(id, input, actor);
  }

  @Post('delivery-notices/:id/return')
  @HttpCode(200)
  @Roles('nurse', 'mch_staff')
  @ApiOperation({
    summary: 'The centre it went to does not serve her: back to the sender to route, with a note',
  })
  @ApiOkResponse({ type: DeliveryNoticeDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'VALIDATION_FAILED' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'DELIVERY_NOTICE_NOT_FOUND' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'DELIVERY_NOTICE_NOT_OPEN' })
  return(
    @IdParam() id: number,
    @Body() input: ReturnDeliveryNoticeDto,
    @CurrentActor() actor: Actor,
  ): Promise<DeliveryNoticeDto> {
    return this.notices.return(id, input, actor);
  }

  @Get('worklists/delivery-notices-unacknowledged')
  @Roles('nurse', 'mch_staff')
  @ApiOperation({
    summary:
      'Notices sent DELIVERY_NOTICE_ACK_HOURS (24) hours ago or more and not acknowledged, sent by or to this facility, oldest first',
  })
  @ApiOkResponse({ type: DeliveryNoticePageDto })
  unacknowledged(
    @Query() query: PageQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<DeliveryNoticePageDto> {
    return this.notices.unacknowledged(query, actor);
  }

  @Get('worklists/delivery-notices-unrouted')
  @Roles('nurse', 'mch_staff')
  @ApiOperation({ summary: "This facility's notices no centre serves, to route by hand" })
  @ApiOkResponse({ type: DeliveryNoticePageDto })
  unrouted(
    @Query() query: PageQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<DeliveryNoticePageDto> {
    return this.notices.unrouted(query, actor);
  }

  @Get('worklists/postpartum-visits-due')
  @Roles('nurse', 'mch_staff')
  @ApiOperation({
    summary:
      "This centre's postpartum home visits due and overdue from its acknowledged notices, by due day",
  })
  @ApiOkResponse({ type: VisitDuePageDto })
  visitsDue(@Query() query: PageQueryDto, @CurrentActor() actor: Actor): Promise<VisitDuePageDto> {
    return this.notices.visitsDue(query, actor);
  }
}
