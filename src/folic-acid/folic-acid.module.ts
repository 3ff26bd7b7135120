import { Module } from '@nestjs/common';
import { EpisodesModule } from '../episodes/episodes.module';
import { FolicAcidController } from './folic-acid.controller';
import { FolicAcidService } from './folic-acid.service';

@Module({
  imports: [EpisodesModule],
  controllers: [FolicAcidController],
  providers: [FolicAcidService],
})
export class FolicAcidModule {}
