import { EpisodesModule } from '../episodes/episodes.module';
import { Module } from '@nestjs/common';
import { RiskModule } from '../risk/risk.module';
import { MergesService } from './merges.service';
import { PregnanciesService } from './pregnancies.service';
import { RegistrationService } from './registration.service';
import {
  PregnanciesController,
  RegistrationsController,
  WomenController,
} from './women.controller';
import { WomenService } from './women.service';

@Module({
  imports: [RiskModule, EpisodesModule],
  controllers: [RegistrationsController, PregnanciesController, WomenController],
  providers: [RegistrationService, PregnanciesService, WomenService, MergesService],
  exports: [PregnanciesService],
})
export class WomenModule {}
