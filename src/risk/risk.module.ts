import { Module } from '@nestjs/common';
import { HighRiskCasesService } from './high-risk-cases.service';
import { RiskAssessmentService } from './risk-assessment.service';
import { RiskCatalogueService } from './risk-catalogue.service';
import { RiskController } from './risk.controller';
import { RiskReportsService } from './risk-reports.service';

@Module({
  controllers: [RiskController],
  providers: [
    RiskCatalogueService,
    RiskAssessmentService,
    HighRiskCasesService,
    RiskReportsService,
  ],
  exports: [RiskAssessmentService, HighRiskCasesService],
})
export class RiskModule {}
