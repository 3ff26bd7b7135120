import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageMetaDto } from '../../http/pagination';
import { AUDIT_ACTIONS, AuditEntry } from '../audit-entry.entity';

export class AuditEntryDto {
  @ApiProperty() id: number;
  @ApiProperty() occurredAt: string;
  @ApiPropertyOptional({ nullable: true, type: Number }) userId: number | null;
  @ApiPropertyOptional({ nullable: true, type: String }) requestId: string | null;
  @ApiProperty() entity: string;
  @ApiProperty() entityId: string;
  @ApiProperty({ enum: AUDIT_ACTIONS }) action: string;
  @ApiPropertyOptional({ nullable: true, type: 'object', additionalProperties: true })
  before: Record<string, unknown> | null;
  @ApiPropertyOptional({ nullable: true, type: 'object', additionalProperties: true })
  after: Record<string, unknown> | null;
  @ApiPropertyOptional({ nullable: true, type: String }) reason: string | null;
}

export class AuditEntryPageDto extends PageMetaDto {
  @ApiProperty({ type: [AuditEntryDto] }) items: AuditEntryDto[];
}

export function mapAuditEntry(entry: AuditEntry): AuditEntryDto {
  return {
    id: Number(entry.id),
    occurredAt: entry.occurredAt.toISOString(),
    userId: entry.userId,
    requestId: entry.requestId,
    entity: entry.entity,
    entityId: entry.entityId,
    action: entry.action,
    before: entry.before,
    after: entry.after,
    reason: entry.reason,
  };
}
