import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, EntityManager, Repository } from 'typeorm';
import { insertRow } from '../database/plain-rows';
import { pageOf, Page, pageWindow } from '../http/pagination';
import { DomainError } from '../errors/domain.error';
import { identifierCipher } from '../privacy/identifier-cipher';
import { holdsSecrets, maskSecrets } from '../privacy/masking';
import {
  readsSensitiveResults,
  SENSITIVE_AUDIT_ENTITIES,
  withheldValues,
} from '../privacy/sensitive-results';
import type { Actor } from '../auth/actor';
import { currentRequestContext } from '../request-context/request-context';
import { AuditAction, AuditEntry, AuditValues } from './audit-entry.entity';
import {
  AuditEntryDto,
  AuditEntryPageDto,
  mapAuditEntry,
  UnmaskedAuditEntryDto,
} from './dto/audit-entry.dto';
import { AuditQueryDto } from './dto/audit-query.dto';

const auditEntryNotFound = (id: number) =>
  new DomainError('AUDIT_ENTRY_NOT_FOUND', `Audit entry ${id} does not exist`);

/** The full values of an entry, kept encrypted beside the masked ones. */
interface SealedValues {
  before: AuditValues | null;
  after: AuditValues | null;
}

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
    const before = record.before ?? null;
    const after = record.after ?? null;
    const entry = manager.create(AuditEntry, {
      occurredAt: new Date(),
      userId: record.userId !== undefined ? record.userId : (context?.actor?.userId ?? null),
      facilityId: record.facilityId ?? context?.actor?.facilityId ?? null,
      requestId: context?.requestId ?? null,
      entity: record.entity,
      entityId: String(record.entityId),
      action: record.action,
      // Full document numbers and phones never enter the trail, whoever reads it later.
      before: maskSecrets(before),
      after: maskSecrets(after),
      reason: record.reason ?? null,
      // The originals, for the audited reveal only: encrypted like every stored identifier.
      sealed:
        holdsSecrets(before) || holdsSecrets(after)
          ? identifierCipher().encrypt(JSON.stringify({ before, after } satisfies SealedValues))
          : null,
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
    return { ...page, items: page.items.map((entry) => withheldFrom(actor, mapAuditEntry(entry))) };
  }

  /**
   * One entry of the caller's facility with the full values it masks (document numbers, phones,
   * addresses): a reveal, audited as `view_unmasked` of the entry (never with the values). Results
   * stay withheld from roles that may not read them. Another facility's entry is not found.
   */
  async readUnmasked(actor: Actor, id: number): Promise<UnmaskedAuditEntryDto> {
    const entry = await this.entries
      .createQueryBuilder('entry')
      .addSelect('entry.sealed')
      .where('entry.id = :id', { id })
      .getOne();
    if (!entry || entry.facilityId !== actor.facilityId) throw auditEntryNotFound(id);
    await this.record(this.entries.manager, {
      entity: 'audit_entry',
      entityId: entry.id,
      action: 'view_unmasked',
      facilityId: actor.facilityId,
    });
    const sealed = entry.sealed
      ? (JSON.parse(identifierCipher().decrypt(entry.sealed)) as SealedValues)
      : null;
    const dto = mapAuditEntry(
      sealed ? { ...entry, before: sealed.before, after: sealed.after } : entry,
    );
    return { ...withheldFrom(actor, dto), unmasked: sealed !== null };
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

/**
 * Values of records that can carry an HIV, syphilis or HBV result, as other roles than the
 * clinical ones see them: which fields changed, not what they hold.
 */
function withheldFrom<T extends AuditEntryDto>(actor: Actor, dto: T): T {
  if (readsSensitiveResults(actor) || !SENSITIVE_AUDIT_ENTITIES.includes(dto.entity)) return dto;
  return { ...dto, before: withheldValues(dto.before), after: withheldValues(dto.after) };
}
