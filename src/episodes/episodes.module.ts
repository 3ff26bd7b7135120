import { Module } from '@nestjs/common';
import { DeliveryNoticesController } from './delivery-notices.controller';
import { DeliveryNoticesService } from './delivery-notices.service';
import { EpisodeAccess } from './episode-access';
import { EpisodesController } from './episodes.controller';
import { EpisodesService } from './episodes.service';
import { TransfersController } from './transfers.controller';
import { TransfersService } from './transfers.service';

/** 两个系统管理: the shared episode, its participants, and access that follows participation. */
@Module({
  controllers: [EpisodesController, TransfersController, DeliveryNoticesController],
  providers: [EpisodeAccess, EpisodesService, TransfersService, DeliveryNoticesService],
  exports: [EpisodeAccess, EpisodesService, DeliveryNoticesService],
})
export class EpisodesModule {}
