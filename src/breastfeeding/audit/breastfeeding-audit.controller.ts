import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Actor } from '../../core/auth/actor';
import { CurrentActor, Roles } from '../../core/auth/auth.decorators';
import { ErrorResponseDto } from '../../core/errors/error-response.dto';
import { IdParam } from '../../core/http/id-param';
import { BreastfeedingAuditService } from './breastfeeding-audit.service';
import {
  AuditDistributionDto,
  AuditMonthQueryDto,
  FailureReviewDto,
  MarkReviewedDto,
  UnmarkReviewQueryDto,
  UpdateReviewDto,
} from './dto/breastfeeding-audit.dto';

/** The 母乳喂养 audit: the office reads the month and works through its failures. */
@ApiTags('breastfeeding-audit')
@ApiBearerAuth()
@Controller('breastfeeding-audit')
export class BreastfeedingAuditController {
  constructor(private readonly audit: BreastfeedingAuditService) {}

  @Get('distribution')
  @Roles('mch_staff', 'statistician')
  @ApiOperation({
    summary:
      "The caller's facility-month: minutes to the first breastfeed and to skin-to-skin in bins (edges on the 60- and 5-minute limits), separations by reason, supplements with and without a medical reason; counts only",
  })
  @ApiOkResponse({ type: AuditDistributionDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'VALIDATION_FAILED' })
  distribution(
    @Query() query: AuditMonthQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<AuditDistributionDto> {
    return this.audit.distribution(query.month, actor);
  }

  @Get('reviews')
  @Roles('mch_staff', 'statistician')
  @ApiOperation({ summary: 'The failing babies of the month marked reviewed, with the notes' })
  @ApiOkResponse({ type: [FailureReviewDto] })
  reviews(
    @Query() query: AuditMonthQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<FailureReviewDto[]> {
    return this.audit.reviews(query.month, actor);
  }

  @Post('reviews')
  @Roles('mch_staff')
  @ApiOperation({ summary: 'Mark a baby failing an indicator reviewed, with a note; audited' })
  @ApiCreatedResponse({ type: FailureReviewDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'VALIDATION_FAILED' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'NEWBORN_NOT_FOUND' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'FAILURE_REVIEW_EXISTS' })
  mark(@Body() input: MarkReviewedDto, @CurrentActor() actor: Actor): Promise<FailureReviewDto> {
    return this.audit.markReviewed(input, actor);
  }

  @Patch('reviews/:id')
  @Roles('mch_staff')
  @ApiOperation({ summary: "Change a review's note (the version read); audited" })
  @ApiOkResponse({ type: FailureReviewDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'FAILURE_REVIEW_NOT_FOUND' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'STALE_VERSION' })
  update(
    @IdParam('id') id: number,
    @Body() input: UpdateReviewDto,
    @CurrentActor() actor: Actor,
  ): Promise<FailureReviewDto> {
    return this.audit.updateNote(id, input, actor);
  }

  @Delete('reviews/:id')
  @Roles('mch_staff')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Unmark a review (the version read); audited' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'FAILURE_REVIEW_NOT_FOUND' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'STALE_VERSION' })
  unmark(
    @IdParam('id') id: number,
    @Query() query: UnmarkReviewQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<void> {
    return this.audit.unmark(id, query.version, actor);
  }
}
