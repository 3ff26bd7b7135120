import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../../core/auth/actor';
import { AuditService } from '../../core/audit/audit.service';
import { pageOf, pageWindow } from '../../core/http/pagination';
import { maskStoredPhone } from '../../core/privacy/identifier-cipher';
import {
  DATA_QUALITY_CHECKS,
  DATA_QUALITY_COHORT,
  DATA_QUALITY_FIELDS,
  DATA_QUALITY_POPULATION,
} from '../definitions/data-quality-checks';
import type { DataQualityPageDto, DataQualityQueryDto } from '../dto/data-quality.dto';
import { IndicatorEngine } from '../indicator-engine.service';
import { bindCohort } from '../indicator-sql';
import { parsePeriod } from '../periods';

const failed = (i: number) => `COALESCE(${DATA_QUALITY_CHECKS[i].sql}, FALSE)`;
const FAILS_ANY = DATA_QUALITY_CHECKS.map((_, i) => failed(i)).join(' OR ');

/**
 * The babies of a period whose stay records disagree (discharged on formula with no supplement
 * recorded, …), read from the same cohort rows the Baby-Friendly values are counted from.
 */
@Injectable()
export class IndicatorDataQualityService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly engine: IndicatorEngine,
    private readonly audit: AuditService,
  ) {}

  async list(actor: Actor, query: DataQualityQueryDto): Promise<DataQualityPageDto> {
    const period = parsePeriod(query.period);
    const bound = bindCohort(
      DATA_QUALITY_COHORT,
      this.engine.cohortParams([actor.facilityId], period),
    );
    const where = `(${DATA_QUALITY_POPULATION.sql}) AND (${FAILS_ANY})`;
    const flags = DATA_QUALITY_CHECKS.map((_, i) => `${failed(i)} AS q${i}`).join(', ');
    const { skip, take } = pageWindow(query);
    return this.dataSource.transaction(async (manager) => {
      const rows = await manager.query<Array<Record<string, unknown>>>(
        `SELECT c.*, ${flags} FROM (${bound.sql}) c WHERE ${where}
         ORDER BY c.attributed_on, c.case_id LIMIT ? OFFSET ?`,
        [...bound.params, take, skip],
      );
      const [{ total }] = await manager.query<Array<{ total: string | number }>>(
        `SELECT COUNT(*) AS total FROM (${bound.sql}) c WHERE ${where}`,
        bound.params,
      );
      const people = await peopleOf(manager, rows);
      // Names and masked phones of the babies' mothers: audited like the indicator drill-down.
      await this.audit.record(manager, {
        entity: 'indicator_data_quality',
        entityId: period.key,
        action: 'view_cases',
        after: {
          page: query.page,
          pageSize: query.pageSize,
          listed: rows.length,
          newborns: rows.map((row) => Number(row.newborn_id)),
        },
        facilityId: actor.facilityId,
      });
      const items = rows.map((row) => {
        const person = people.get(Number(row.woman_id));
        return {
          newbornId: Number(row.newborn_id),
          pregnancyId: Number(row.pregnancy_id),
          womanId: Number(row.woman_id),
          name: person?.name ?? null,
          phone: person ? maskStoredPhone(person.phone) : null,
          bornOn: String(row.attributed_on).slice(0, 10),
          problems: DATA_QUALITY_CHECKS.filter((_, i) => Number(row[`q${i}`]) === 1).map(
            (check) => check.code,
          ),
          fields: Object.fromEntries(
            DATA_QUALITY_FIELDS.map((column) => [column, plainNumber(row[column])]),
          ),
        };
      });
      return {
        ...pageOf(items, Number(total), query),
        period: period.key,
        checks: DATA_QUALITY_CHECKS.map(({ code, description, descriptionZh, indicators }) => ({
          code,
          description,
          descriptionZh,
          indicators: [...indicators],
        })),
      };
    });
  }
}

async function peopleOf(
  manager: EntityManager,
  rows: Array<Record<string, unknown>>,
): Promise<Map<number, { name: string; phone: string }>> {
  const ids = [...new Set(rows.map((row) => Number(row.woman_id)))];
  if (ids.length === 0) return new Map();
  const people = await manager.query<Array<{ id: number; name: string; phone: string }>>(
    `SELECT id, name, phone FROM woman WHERE id IN (${ids.map(() => '?').join(', ')})`,
    ids,
  );
  return new Map(people.map((p) => [Number(p.id), { name: p.name, phone: p.phone }]));
}

/** Counts arrive as strings (BIGINT); the feeding at discharge stays a string. */
function plainNumber(value: unknown): unknown {
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value);
  if (typeof value === 'bigint') return Number(value);
  return value ?? null;
}
