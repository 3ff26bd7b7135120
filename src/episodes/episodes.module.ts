import { Module } from '@nestjs/common';
import { EpisodeAccess } from './episode-access';
import { EpisodesController } from './episodes.controller';
import { EpisodesService } from './episodes.service';

/** 两个系统管理: the shared episode, its participants, and access that follows participation. */
@Module({
  controllers: [EpisodesController],
  providers: [EpisodeAccess, EpisodesService],
  exports: [EpisodeAccess, EpisodesService],
})
export class EpisodesModule {}
