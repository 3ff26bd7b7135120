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
import { PossibleDuplicateDto, WomanContactDto } from './dto/women-responses.dto';
import { PossibleDuplicate } from './possible-duplicate.entity';
import { Pregnancy } from './pregnancy.entity';
import { WOMAN_AUDITED_FIELDS } from './registration.service';
import { checkBirthDate, checkResidenceSince } from './rules/registration-checks';
import { withBlindIndexes, Woman } from './woman.entity';
import { findVisibleIdentities, findWomanVisibleTo } from './woman.repository';
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
      const since = checkResidenceSince(
        changes.residenceSince,
        changes.birthDate ?? current.birthDate,
        this.clock.today(),
        'residenceSince',
      );
      if (since.length > 0) throw registrationInvalid(since);
      if (changes.name) changes.name = changes.name.trim();
      await updateIfVersion(manager, Woman, id, version, withBlindIndexes(changes));
      await this.audit.record(manager, {
        entity: 'woman',
        entityId: id,
        action: 'update',
        ...diffOf(current, changes, WOMAN_AUDITED_FIELDS),
      });
    });
    return findWomanVisibleTo(this.dataSource.manager, id, actor);
  }

  /**
   * Her phone and addresses in full, for a nurse who is about to call or visit her: lists show
   * them masked. Every reveal
   * is audited; a woman the caller's facility may not see is 404.
   */
  async revealContact(id: number, actor: Actor): Promise<WomanContactDto> {
    const woman = await findWomanVisibleTo(this.dataSource.manager, id, actor);
    await this.audit.record(this.dataSource.manager, {
      entity: 'woman',
      entityId: id,
      action: 'view_contact',
    });
    const running = await this.dataSource.getRepository(Pregnancy).findOne({
      where: { womanId: id, status: In(['open', 'delivered']) },
      order: { registrationDate: 'DESC', id: 'DESC' },
    });
    return {
      womanId: woman.id,
      phone: woman.phone,
      residenceAddress: woman.residenceAddress,
      hukouAddress: woman.hukouAddress,
      postpartumAddress: running?.postpartumAddress ?? null,
    };
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
    const shown = await findVisibleIdentities(
      this.dataSource.manager,
      flags.map((flag) => flag.matchedWomanId),
      actor,
    );
    return pageOf(
      flags.map((flag) => mapPossibleDuplicate(flag, shown.get(flag.matchedWomanId) ?? null)),
      total,
      query,
    );
  }
}
