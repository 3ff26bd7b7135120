import { Module } from '@nestjs/common';
import { FolicAcidController } from './folic-acid.controller';
import { FolicAcidService } from './folic-acid.service';

@Module({
  controllers: [FolicAcidController],
  providers: [FolicAcidService],
})
export class FolicAcidModule {}
