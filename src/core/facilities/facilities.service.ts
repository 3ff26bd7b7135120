import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Not } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { diffOf, pick } from '../audit/audit-diff';
import { AdminScope, managesFacility } from '../auth/facility-scope';
import { updateIfVersion } from '../database/versioned-update';
import { DomainError } from '../errors/domain.error';
import { CreateFacilityDto, ServiceAreasDto, UpdateFacilityDto } from './dto/facility.dto';
import { Facility, FacilityServiceArea } from './facility.entity';

const AUDITED_FIELDS = ['code', 'name', 'level', 'kind', 'regionCode'] as const;

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
      if (scope !== 'every-facility' && changes.kind && changes.kind !== current.kind) {
        throw new DomainError('FORBIDDEN_ROLE', "Only a system admin changes a facility's kind");
      }
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

  /** The region codes each facility serves, by facility (none for most). */
  async serviceAreasOf(facilityIds?: number[]): Promise<Map<number, string[]>> {
    const areas = await this.dataSource.getRepository(FacilityServiceArea).find({
      where: facilityIds ? { facilityId: In(facilityIds) } : {},
      order: { regionCode: 'ASC' },
    });
    const byFacility = new Map<number, string[]>();
    for (const area of areas) {
      byFacility.set(area.facilityId, [
        ...(byFacility.get(area.facilityId) ?? []),
        area.regionCode,
      ]);
    }
    return byFacility;
  }

  /**
   * The region codes a community centre serves, replacing those it served: a code another
   * centre serves is refused (409), naming it. Audited.
   */
  async setServiceAreas(id: number, input: ServiceAreasDto): Promise<string[]> {
    await this.dataSource.transaction(async (manager) => {
      const facility = await manager.findOne(Facility, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!facility) throw new DomainError('FACILITY_NOT_FOUND', `Facility ${id} does not exist`);
      if (facility.kind !== 'community_centre' && input.serviceAreas.length > 0) {
        throw new DomainError('VALIDATION_FAILED', 'Only a community centre serves an area', [
          {
            field: 'serviceAreas',
            rule: 'communityCentre',
            message: `serviceAreas are for a community centre; this facility is a ${facility.kind}`,
          },
        ]);
      }
      const before = await manager.find(FacilityServiceArea, {
        where: { facilityId: id },
        order: { regionCode: 'ASC' },
      });
      const taken = input.serviceAreas.length
        ? await manager.find(FacilityServiceArea, {
            where: { regionCode: In(input.serviceAreas), facilityId: Not(id) },
            lock: { mode: 'pessimistic_write' },
          })
        : [];
      if (taken.length > 0) {
        throw new DomainError(
          'SERVICE_AREA_TAKEN',
          'Some of these region codes are served by another centre',
          taken.map((area) => ({
            field: 'serviceAreas',
            rule: 'servedOnce',
            message: `${area.regionCode} is served by facility ${area.facilityId}`,
          })),
        );
      }
      await manager.delete(FacilityServiceArea, { facilityId: id });
      if (input.serviceAreas.length > 0) {
        await manager.insert(
          FacilityServiceArea,
          input.serviceAreas.map((regionCode) => ({ regionCode, facilityId: id })),
        );
      }
      await this.audit.record(manager, {
        entity: 'facility',
        entityId: id,
        action: 'update',
        before: { serviceAreas: before.map((area) => area.regionCode) },
        after: { serviceAreas: [...input.serviceAreas].sort() },
        facilityId: id,
      });
    });
    return (await this.serviceAreasOf([id])).get(id) ?? [];
  }

  private async assertCodeFree(manager: EntityManager, code: string): Promise<void> {
    if (await manager.existsBy(Facility, { code })) {
      throw new DomainError('FACILITY_CODE_TAKEN', `Facility code ${code} is already used`, [
        { field: 'code', rule: 'unique', message: 'code is already used by another facility' },
      ]);
    }
  }
}
