import { EpisodesModule } from '../episodes/episodes.module';
import { Module } from '@nestjs/common';
import { RiskModule } from '../risk/risk.module';
import { ExposedInfantRecords } from './exposed-infant-records';
import { PmtctWorklistsService } from './pmtct-worklists.service';
import { PmtctController } from './pmtct.controller';
import { PmtctService } from './pmtct.service';

@Module({
  imports: [RiskModule, EpisodesModule],
  controllers: [PmtctController],
  providers: [PmtctService, PmtctWorklistsService, ExposedInfantRecords],
  exports: [ExposedInfantRecords],
})
export class PmtctModule {}
