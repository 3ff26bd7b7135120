import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { AuditService } from '../core/audit/audit.service';
import { Facility } from '../core/facilities/facility.entity';
import { DomainError } from '../core/errors/domain.error';
import {
  CatalogueListItemDto,
  CatalogueWithFactorsDto,
  CreateCatalogueDto,
  RiskFactorDto,
} from './dto/risk.dto';
import { RiskCatalogue, RiskFactor } from './risk-catalogue.entity';
import { catalogueInvalid, catalogueNotFound, catalogueVersionTaken } from './risk.errors';
import { checkCatalogue } from './rules/catalogue-checks';

@Injectable()
export class RiskCatalogueService {
  // A catalogue version is never changed once created (a new version is added instead), so every
  // grading can read it from memory rather than from the database.
  private readonly catalogueById = new Map<number, RiskCatalogue>();
  private readonly factorsByCatalogue = new Map<number, ReadonlyMap<string, RiskFactor>>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Every version, oldest first; the one the caller's facility grades with is marked. */
  async list(facilityId: number): Promise<CatalogueListItemDto[]> {
    const rows = await this.dataSource.query<
      {
        version: string;
        province: string | null;
        name: string;
        created_at: Date;
        factor_count: string;
      }[]
    >(
      `SELECT c.version, c.province, c.name, c.created_at, COUNT(f.id) AS factor_count
       FROM risk_catalogue c LEFT JOIN risk_factor f ON f.catalogue_id = c.id
       GROUP BY c.id, c.version, c.province, c.name, c.created_at ORDER BY c.id`,
    );
    const facilityDefault = rows.length > 0 ? await this.defaultFor(facilityId) : null;
    return rows.map((row) => ({
      version: row.version,
      province: row.province,
      name: row.name,
      factorCount: Number(row.factor_count),
      addedAt: new Date(row.created_at).toISOString(),
      facilityDefault: row.version === facilityDefault,
    }));
  }

  async findWithFactors(version: string): Promise<CatalogueWithFactorsDto> {
    const catalogue = await this.dataSource.getRepository(RiskCatalogue).findOneBy({ version });
    if (!catalogue) throw catalogueNotFound(version);
    const factors = await this.dataSource
      .getRepository(RiskFactor)
      .find({ where: { catalogueId: catalogue.id }, order: { id: 'ASC' } });
    return {
      version: catalogue.version,
      province: catalogue.province,
      name: catalogue.name,
      factorCount: factors.length,
      addedAt: catalogue.createdAt.toISOString(),
      factors: factors.map(mapFactor),
    };
  }

  async create(input: CreateCatalogueDto): Promise<CatalogueWithFactorsDto> {
    const problems = checkCatalogue(input.factors);
    if (problems.length > 0) throw catalogueInvalid(problems);
    await this.dataSource.transaction(async (manager) => {
      if (await manager.existsBy(RiskCatalogue, { version: input.version })) {
        throw catalogueVersionTaken(input.version);
      }
      const catalogue = await manager.save(
        manager.create(RiskCatalogue, {
          version: input.version,
          province: input.province,
          name: input.name,
        }),
      );
      await manager.insert(
        RiskFactor,
        input.factors.map((factor) => ({ ...factor, catalogueId: catalogue.id })),
      );
      await this.audit.record(manager, {
        entity: 'risk_catalogue',
        entityId: catalogue.id,
        action: 'create',
        after: { version: input.version, province: input.province, factors: input.factors.length },
      });
    });
    return this.findWithFactors(input.version);
  }

  async byId(manager: EntityManager, id: number): Promise<RiskCatalogue> {
    let catalogue = this.catalogueById.get(id);
    if (!catalogue) {
      catalogue = await manager.findOneByOrFail(RiskCatalogue, { id });
      this.catalogueById.set(id, catalogue);
    }
    return catalogue;
  }

  /** The catalogue's factors by code, read once per process (every visit re-grades with them). */
  async factorsOf(
    manager: EntityManager,
    catalogueId: number,
  ): Promise<ReadonlyMap<string, RiskFactor>> {
    let factors = this.factorsByCatalogue.get(catalogueId);
    if (!factors) {
      const rows = await manager.find(RiskFactor, { where: { catalogueId } });
      factors = new Map(rows.map((factor) => [factor.code, factor]));
      this.factorsByCatalogue.set(catalogueId, factors);
    }
    return factors;
  }

  /** The version the facility grades with when none is named; null when there is none. */
  private async defaultFor(facilityId: number): Promise<string | null> {
    try {
      return (await this.forAssessment(this.dataSource.manager, facilityId)).version;
    } catch (error) {
      if (error instanceof DomainError && error.code === 'RISK_CATALOGUE_NOT_FOUND') return null;
      throw error;
    }
  }

  /**
   * The catalogue an assessment uses: the one asked for, else the newest of the facility's
   * province, else the newest national one.
   */
  async forAssessment(
    manager: EntityManager,
    facilityId: number,
    version?: string,
  ): Promise<RiskCatalogue> {
    if (version) {
      const asked = await manager.findOneBy(RiskCatalogue, { version });
      if (!asked) throw catalogueNotFound(version);
      return asked;
    }
    const facility = await manager.findOneByOrFail(Facility, { id: facilityId });
    const provincial = await manager.findOne(RiskCatalogue, {
      where: { province: facility.regionCode.slice(0, 2) },
      order: { id: 'DESC' },
    });
    if (provincial) return provincial;
    const national = await manager.findOne(RiskCatalogue, {
      where: { province: IsNull() },
      order: { id: 'DESC' },
    });
    if (!national) throw catalogueNotFound('national');
    return national;
  }
}

function mapFactor(factor: RiskFactor): RiskFactorDto {
  return {
    code: factor.code,
    colour: factor.colour,
    purple: factor.purple,
    origin: factor.origin,
    descriptionZh: factor.descriptionZh,
    descriptionEn: factor.descriptionEn,
    requiresNote: factor.requiresNote,
  };
}
