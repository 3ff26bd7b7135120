import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { ErrorResponseDto } from '../errors/error-response.dto';
import { AuditService } from './audit.service';
import { AuditEntryPageDto } from './dto/audit-entry.dto';
import { AuditQueryDto } from './dto/audit-query.dto';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit-entries')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles('mch_staff', 'admin')
  @ApiOkResponse({ type: AuditEntryPageDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto })
  list(@CurrentActor() actor: Actor, @Query() query: AuditQueryDto): Promise<AuditEntryPageDto> {
    return this.audit.readPage(actor, query);
  }
}
