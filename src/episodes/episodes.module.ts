import { Module } from '@nestjs/common';
import { EpisodeAccess } from './episode-access';
import { EpisodesController } from './episodes.controller';
import { EpisodesService } from './episodes.service';
import { TransfersController } from './transfers.controller';
import { TransfersService } from './transfers.service';

/** 两个系统管理: the shared episode, its participants, and access that follows participation. */
@Module({
  controllers: [EpisodesController, TransfersController],
  providers: [EpisodeAccess, EpisodesService, TransfersService],
  exports: [EpisodeAccess, EpisodesService],
})
export class EpisodesModule {}
