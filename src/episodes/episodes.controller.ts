import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Actor } from '../core/auth/actor';
import { CurrentActor, Roles } from '../core/auth/auth.decorators';
import { ErrorResponseDto } from '../core/errors/error-response.dto';
import { IdParam } from '../core/http/id-param';
import { EpisodeDto, JoinEpisodeDto, NoticePageDto, NoticeQueryDto } from './dto/episodes.dto';
import { EpisodesService } from './episodes.service';

@ApiTags('care across facilities')
@ApiBearerAuth()
@Controller()
export class EpisodesController {
  constructor(private readonly episodes: EpisodesService) {}

  @Get('pregnancies/:id/participants')
  @Roles('nurse', 'mch_staff')
  @ApiOperation({
    summary:
      'The facilities taking part in her care, each role with its status, start and legal basis (a participant only)',
  })
  @ApiOkResponse({ type: EpisodeDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'PREGNANCY_NOT_FOUND' })
  participants(@IdParam() id: number, @CurrentActor() actor: Actor): Promise<EpisodeDto> {
    return this.episodes.episode(id, actor);
  }

  @Post('episodes/join')
  @HttpCode(200)
  @Roles('nurse', 'mch_staff')
  @ApiOperation({
    summary:
      'She presents herself (handbook, or in labour): join her running episode, found by document, name and birth date together; audited, the other participants are told',
  })
  @ApiOkResponse({ type: EpisodeDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'VALIDATION_FAILED' })
  @ApiNotFoundResponse({
    type: ErrorResponseDto,
    description:
      'EPISODE_NOT_FOUND: the same answer for an unknown document, another name or birth date, or no running pregnancy',
  })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'ALREADY_PARTICIPANT' })
  join(@Body() input: JoinEpisodeDto, @CurrentActor() actor: Actor): Promise<EpisodeDto> {
    return this.episodes.join(input, actor);
  }

  @Get('episode-notices')
  @Roles('nurse', 'mch_staff')
  @ApiOperation({
    summary:
      'What the facility was told about the episodes it takes part in (a facility joined), newest first',
  })
  @ApiOkResponse({ type: NoticePageDto })
  notices(@Query() query: NoticeQueryDto, @CurrentActor() actor: Actor): Promise<NoticePageDto> {
    return this.episodes.notices(query, actor);
  }

  @Post('episode-notices/:id/read')
  @HttpCode(204)
  @Roles('nurse', 'mch_staff')
  @ApiOperation({ summary: 'Mark a notice read' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'NOTICE_NOT_FOUND' })
  markRead(@IdParam() id: number, @CurrentActor() actor: Actor): Promise<void> {
    return this.episodes.markRead(id, actor);
  }
}
