import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Actor } from '../../core/auth/actor';
import { CurrentActor, Roles } from '../../core/auth/auth.decorators';
import { ErrorResponseDto } from '../../core/errors/error-response.dto';
import { DataQualityPageDto, DataQualityQueryDto } from '../dto/data-quality.dto';
import { IndicatorDataQualityService } from './indicator-data-quality.service';

@ApiTags('indicators')
@ApiBearerAuth()
@Controller()
export class IndicatorDataQualityController {
  constructor(private readonly dataQuality: IndicatorDataQualityService) {}

  @Get('indicator-data-quality')
  @Roles('mch_staff')
  @ApiOperation({
    summary:
      "Babies of the caller's facility born in a period whose stay records disagree (discharged on formula with no supplement recorded, …); audited",
  })
  @ApiOkResponse({ type: DataQualityPageDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'VALIDATION_FAILED' })
  list(
    @Query() query: DataQualityQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<DataQualityPageDto> {
    return this.dataQuality.list(actor, query);
  }
}
