import { Module } from '@nestjs/common';
import { IndicatorsCoreModule } from '../../indicators/indicators.module';
import { BreastfeedingAuditController } from './breastfeeding-audit.controller';
import { BreastfeedingAuditService } from './breastfeeding-audit.service';

/** The 母乳喂养 audit page's reads and marks, over the indicators' cohort. */
@Module({
  imports: [IndicatorsCoreModule],
  controllers: [BreastfeedingAuditController],
  providers: [BreastfeedingAuditService],
})
export class BreastfeedingAuditModule {}
