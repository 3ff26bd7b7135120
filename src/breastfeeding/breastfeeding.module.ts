import { EpisodesModule } from '../episodes/episodes.module';
import { Module } from '@nestjs/common';
import { RiskModule } from '../risk/risk.module';
import { WomenModule } from '../women/women.module';
import { BreastfeedingController } from './breastfeeding.controller';
import { BreastfeedingService } from './breastfeeding.service';
import { PostpartumWorklistsService } from './postpartum-worklists.service';
import { PostpartumService } from './postpartum.service';

@Module({
  imports: [RiskModule, WomenModule, EpisodesModule],
  controllers: [BreastfeedingController],
  providers: [PostpartumService, BreastfeedingService, PostpartumWorklistsService],
})
export class BreastfeedingModule {}
