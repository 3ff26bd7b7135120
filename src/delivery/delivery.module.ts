import { EpisodesModule } from '../episodes/episodes.module';
import { Module } from '@nestjs/common';
import { PmtctModule } from '../pmtct/pmtct.module';
import { WomenModule } from '../women/women.module';
import { BirthDoseWorklistService } from './birth-dose-worklist.service';
import { DeliveryController } from './delivery.controller';
import { DeliveryService } from './delivery.service';

@Module({
  imports: [WomenModule, PmtctModule, EpisodesModule],
  controllers: [DeliveryController],
  providers: [DeliveryService, BirthDoseWorklistService],
})
export class DeliveryModule {}
