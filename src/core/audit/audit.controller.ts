import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { ErrorResponseDto } from '../errors/error-response.dto';
import { AuditService } from './audit.service';
import { IdParam } from '../http/id-param';
import { AuditEntryPageDto, UnmaskedAuditEntryDto } from './dto/audit-entry.dto';
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

  @Get(':id/unmasked')
  @Roles('mch_staff', 'admin')
  @ApiOperation({
    summary:
      'One entry of your facility with the full document numbers, phones and addresses it masks (audited as view_unmasked of the entry; results stay withheld from admins)',
  })
  @ApiOkResponse({ type: UnmaskedAuditEntryDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto, description: 'FORBIDDEN_ROLE' })
  @ApiNotFoundResponse({
    type: ErrorResponseDto,
    description: "AUDIT_ENTRY_NOT_FOUND (also another facility's entry)",
  })
  unmask(@CurrentActor() actor: Actor, @IdParam() id: number): Promise<UnmaskedAuditEntryDto> {
    return this.audit.readUnmasked(actor, id);
  }
}
