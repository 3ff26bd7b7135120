import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { AuditService } from '../core/audit/audit.service';
import { diffOf } from '../core/audit/audit-diff';
import type { Actor } from '../core/auth/actor';
import { HospitalClock } from '../core/time/hospital-clock';
import { updateIfVersion } from '../core/database/versioned-update';
import { PageQueryDto, Page, pageOf, pageWindow } from '../core/http/pagination';
import { UpdateWomanDto } from './dto/pregnancy-commands.dto';
import { PossibleDuplicateDto } from './dto/women-responses.dto';
import { PossibleDuplicate } from './possible-duplicate.entity';
import { Pregnancy } from './pregnancy.entity';
import { WOMAN_AUDITED_FIELDS } from './registration.service';
import { checkBirthDate } from './rules/registration-checks';
import { Woman } from './woman.entity';
import { findWomanVisibleTo } from './woman.repository';
import { registrationInvalid } from './women.errors';
import { FULL_IDENTITY_ROLES, mapPossibleDuplicate } from './women.mapper';

@Injectable()
export class WomenService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: HospitalClock,
  ) {}

  /** Her record and pregnancies as seen from the caller's facility; a full-identity view is audited. */
  async findOne(
    id: number,
    actor: Actor,
  ): Promise<{ woman: Woman; pregnancies: Pregnancy[]; unmasked: boolean }> {
    const woman = await findWomanVisibleTo(this.dataSource.manager, id, actor);
    const pregnancies = await this.dataSource.getRepository(Pregnancy).find({
      where: { womanId: id, facilityId: actor.facilityId },
      order: { registrationDate: 'DESC', id: 'DESC' },
    });
    const unmasked = FULL_IDENTITY_ROLES.includes(actor.role);
    if (unmasked) {
      await this.audit.record(this.dataSource.manager, {
        entity: 'woman',
        entityId: id,
        action: 'view_unmasked',
      });
    }
    return { woman, pregnancies, unmasked };
  }

  async update(id: number, input: UpdateWomanDto, actor: Actor): Promise<Woman> {
    const { version, ...changes } = input;
    await this.dataSource.transaction(async (manager) => {
      const current = await findWomanVisibleTo(manager, id, actor);
      if (changes.birthDate && changes.birthDate !== current.birthDate) {
        const problems = checkBirthDate(changes.birthDate, this.clock.today(), 'birthDate');
        if (current.documentType === 'resident_id') {
          problems.push({
            field: 'birthDate',
            rule: 'matchesResidentId',
            message:
              'the birth date of a resident ID holder follows from the ID and cannot be changed alone',
          });
        }
        if (problems.length > 0) throw registrationInvalid(problems);
      }
      if (changes.name) changes.name = changes.name.trim();
      await updateIfVersion(manager, Woman, id, version, changes);
      await this.audit.record(manager, {
        entity: 'woman',
        entityId: id,
        action: 'update',
        ...diffOf(current, changes, WOMAN_AUDITED_FIELDS),
      });
    });
    return findWomanVisibleTo(this.dataSource.manager, id, actor);
  }

  /** Flags raised by registrations at the caller's facility, newest first. */
  async findPossibleDuplicates(
    actor: Actor,
    query: PageQueryDto,
  ): Promise<Page<PossibleDuplicateDto>> {
    const [flags, total] = await this.dataSource.getRepository(PossibleDuplicate).findAndCount({
      where: { facilityId: actor.facilityId },
      order: { detectedAt: 'DESC', id: 'DESC' },
      ...pageWindow(query),
    });
    const matchedIds = [...new Set(flags.map((flag) => flag.matchedWomanId))];
    const matched = matchedIds.length
      ? await this.dataSource.getRepository(Woman).find({
          select: { id: true, name: true, documentNumber: true },
          where: { id: In(matchedIds) },
        })
      : [];
    const byId = new Map(matched.map((woman) => [woman.id, woman]));
    return pageOf(
      flags.map((flag) => mapPossibleDuplicate(flag, byId.get(flag.matchedWomanId)!)),
      total,
      query,
    );
  }
}
