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

export class UnmaskedAuditEntryDto extends AuditEntryDto {
  @ApiProperty({
    description:
      'True when the entry kept its full values and `before`/`after` show them; false when nothing was masked (or it predates kept originals) and they are as listed',
  })
  unmasked: boolean;
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
