import { Module } from '@nestjs/common';
import { IndicatorsController } from './indicators.controller';
import { IndicatorsCoreModule } from './indicators.module';
import { IndicatorsService } from './indicators.service';

@Module({
  imports: [IndicatorsCoreModule],
  controllers: [IndicatorsController],
  providers: [IndicatorsService],
})
export class IndicatorsModule {}
