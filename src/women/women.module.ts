import { Module } from '@nestjs/common';
import { PregnanciesService } from './pregnancies.service';
import { RegistrationService } from './registration.service';
import {
  PregnanciesController,
  RegistrationsController,
  WomenController,
} from './women.controller';
import { WomenService } from './women.service';

@Module({
  controllers: [RegistrationsController, PregnanciesController, WomenController],
  providers: [RegistrationService, PregnanciesService, WomenService],
})
export class WomenModule {}
