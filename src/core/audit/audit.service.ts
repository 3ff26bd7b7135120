import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, EntityManager, Repository } from 'typeorm';
import { insertRow } from '../database/plain-rows';
import { pageOf, Page, pageWindow } from '../http/pagination';
import { maskSecrets } from '../privacy/masking';
import {
  readsSensitiveResults,
  SENSITIVE_AUDIT_ENTITIES,
  withheldValues,
} from '../privacy/sensitive-results';
import type { Actor } from '../auth/actor';
import { currentRequestContext } from '../request-context/request-context';
import { AuditAction, AuditEntry, AuditValues } from './audit-entry.entity';
import { AuditEntryPageDto, mapAuditEntry } from './dto/audit-entry.dto';
import { AuditQueryDto } from './dto/audit-query.dto';

export interface AuditRecord {
  entity: string;
  entityId: number | string;
  action: AuditAction;
  before?: AuditValues | null;
  after?: AuditValues | null;
  reason?: string | null;
  /** Facility the record belongs to; defaults to the caller's. */
  facilityId?: number | null;
  /** Who acted; defaults to the caller. A login names the user before there is a caller. */
  userId?: number | null;
}

@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditEntry) private readonly entries: Repository<AuditEntry>) {}

  /** Writes the audit row with `manager`, so it commits or rolls back with the change itself. */
  async record(manager: EntityManager, record: AuditRecord): Promise<void> {
    const context = currentRequestContext();
    const entry = manager.create(AuditEntry, {
      occurredAt: new Date(),
      userId: record.userId !== undefined ? record.userId : (context?.actor?.userId ?? null),
      facilityId: record.facilityId ?? context?.actor?.facilityId ?? null,
      requestId: context?.requestId ?? null,
      entity: record.entity,
      entityId: String(record.entityId),
      action: record.action,
      // Full document numbers and phones never enter the trail, whoever reads it later.
      before: maskSecrets(record.before ?? null),
      after: maskSecrets(record.after ?? null),
      reason: record.reason ?? null,
    });
    // A plain insert: every change writes one, and save() costs more CPU than the statement.
    await insertRow(manager, AuditEntry, entry);
  }

  /**
   * A page of the caller's facility's trail. Reading the trail is itself audited; values of
   * records that can carry an HIV, syphilis or HBV result are withheld from other roles than the
   * clinical ones (document numbers and phones were masked when written).
   */
  async readPage(actor: Actor, query: AuditQueryDto): Promise<AuditEntryPageDto> {
    const page = await this.findPageByFacility(actor.facilityId, query);
    const ids = page.items.map((entry) => Number(entry.id));
    await this.record(this.entries.manager, {
      entity: 'audit_entry',
      entityId: ids.length ? `${Math.min(...ids)}-${Math.max(...ids)}` : 'none',
      action: 'view_sensitive',
      after: { ...query, listed: ids.length, ids },
      facilityId: actor.facilityId,
    });
    const full = readsSensitiveResults(actor);
    return {
      ...page,
      items: page.items.map((entry) => {
        const dto = mapAuditEntry(entry);
        if (full || !SENSITIVE_AUDIT_ENTITIES.includes(entry.entity)) return dto;
        return { ...dto, before: withheldValues(dto.before), after: withheldValues(dto.after) };
      }),
    };
  }

  /** Entries of one facility, newest first. */
  private async findPageByFacility(
    facilityId: number,
    query: AuditQueryDto,
  ): Promise<Page<AuditEntry>> {
    const builder = this.entries
      .createQueryBuilder('entry')
      .where('entry.facilityId = :facilityId', { facilityId })
      .orderBy('entry.occurredAt', 'DESC')
      .addOrderBy('entry.id', 'DESC');
    if (query.entity) builder.andWhere('entry.entity = :entity', { entity: query.entity });
    if (query.entityId)
      builder.andWhere('entry.entityId = :entityId', { entityId: query.entityId });
    if (query.userId) builder.andWhere('entry.userId = :userId', { userId: query.userId });
    if (query.action) builder.andWhere('entry.action = :action', { action: query.action });
    if (query.from || query.to) {
      builder.andWhere(
        new Brackets((range) => {
          if (query.from) range.andWhere('entry.occurredAt >= :from', { from: query.from });
          if (query.to) range.andWhere('entry.occurredAt < :to', { to: query.to });
        }),
      );
    }
    const { skip, take } = pageWindow(query);
    const [items, total] = await builder.skip(skip).take(take).getManyAndCount();
    return pageOf(items, total, query);
  }
}
