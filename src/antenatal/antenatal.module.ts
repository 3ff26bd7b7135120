import { EpisodesModule } from '../episodes/episodes.module';
import { Module } from '@nestjs/common';
import { RiskModule } from '../risk/risk.module';
import { AntenatalController } from './antenatal.controller';
import { ScheduleService } from './schedule.service';
import { VisitsService } from './visits.service';

@Module({
  imports: [RiskModule, EpisodesModule],
  controllers: [AntenatalController],
  providers: [VisitsService, ScheduleService],
})
export class AntenatalModule {}
