import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { diffOf, pick } from '../audit/audit-diff';
import { AdminScope, managesFacility } from '../auth/facility-scope';
import { updateIfVersion } from '../database/versioned-update';
import { DomainError } from '../errors/domain.error';
import { CreateFacilityDto, UpdateFacilityDto } from './dto/facility.dto';
import { Facility } from './facility.entity';

const AUDITED_FIELDS = ['code', 'name', 'level', 'regionCode'] as const;

@Injectable()
export class FacilitiesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  findAll(): Promise<Facility[]> {
    return this.dataSource.getRepository(Facility).find({ order: { code: 'ASC' } });
  }

  async findById(id: number): Promise<Facility> {
    const facility = await this.dataSource.getRepository(Facility).findOneBy({ id });
    if (!facility) throw new DomainError('FACILITY_NOT_FOUND', `Facility ${id} does not exist`);
    return facility;
  }

  async create(input: CreateFacilityDto): Promise<Facility> {
    return this.dataSource.transaction(async (manager) => {
      await this.assertCodeFree(manager, input.code);
      const facility = await manager.save(manager.create(Facility, input));
      await this.audit.record(manager, {
        entity: 'facility',
        entityId: facility.id,
        action: 'create',
        after: pick(facility, AUDITED_FIELDS),
        facilityId: facility.id,
      });
      return facility;
    });
  }

  /** A facility admin changes its own facility only; any other answers as not found. */
  async update(id: number, input: UpdateFacilityDto, scope: AdminScope): Promise<Facility> {
    await this.dataSource.transaction(async (manager) => {
      const current = managesFacility(scope, id) ? await manager.findOneBy(Facility, { id }) : null;
      if (!current) throw new DomainError('FACILITY_NOT_FOUND', `Facility ${id} does not exist`);
      const { version, ...changes } = input;
      if (changes.code && changes.code !== current.code)
        await this.assertCodeFree(manager, changes.code);
      await updateIfVersion(manager, Facility, id, version, changes);
      await this.audit.record(manager, {
        entity: 'facility',
        entityId: id,
        action: 'update',
        ...diffOf(current, changes, AUDITED_FIELDS),
        facilityId: id,
      });
    });
    return this.findById(id);
  }

  private async assertCodeFree(manager: EntityManager, code: string): Promise<void> {
    if (await manager.existsBy(Facility, { code })) {
      throw new DomainError('FACILITY_CODE_TAKEN', `Facility code ${code} is already used`, [
        { field: 'code', rule: 'unique', message: 'code is already used by another facility' },
      ]);
    }
  }
}
