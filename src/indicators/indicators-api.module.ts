import { Module } from '@nestjs/common';
import { IndicatorDataQualityController } from './data-quality/indicator-data-quality.controller';
import { IndicatorDataQualityService } from './data-quality/indicator-data-quality.service';
import { IndicatorsController } from './indicators.controller';
import { IndicatorsCoreModule } from './indicators.module';
import { IndicatorsService } from './indicators.service';

@Module({
  imports: [IndicatorsCoreModule],
  controllers: [IndicatorsController, IndicatorDataQualityController],
  providers: [IndicatorsService, IndicatorDataQualityService],
})
export class IndicatorsModule {}
