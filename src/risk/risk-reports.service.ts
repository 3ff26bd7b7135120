import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../core/audit/audit.service';
import { diffOf } from '../core/audit/audit-diff';
import type { Actor } from '../core/auth/actor';
import { inActorFacility } from '../core/auth/facility-scope';
import { Page, pageOf, pageWindow } from '../core/http/pagination';
import { Woman } from '../women/woman.entity';
import { Pregnancy } from '../women/pregnancy.entity';
import { RecordReportDto, ReportQueryDto, RiskReportDto } from './dto/risk.dto';
import { RiskReport } from './risk-report.entity';
import { reportAlreadySent, reportNotFound, riskInputInvalid } from './risk.errors';
import { reportState } from './rules/report-deadline';

/** Reports of ORANGE and RED gradings to the district MCH institute: which are due, which late. */
@Injectable()
export class RiskReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(actor: Actor, query: ReportQueryDto): Promise<Page<RiskReportDto>> {
    const now = new Date();
    const state = query.state ?? 'pending';
    const builder = this.dataSource
      .getRepository(RiskReport)
      .createQueryBuilder('r')
      .innerJoin(Pregnancy, 'p', 'p.id = r.pregnancyId')
      .innerJoin(Woman, 'w', 'w.id = p.womanId')
      .addSelect('w.name', 'name')
      .where('r.facilityId = :facilityId', { facilityId: actor.facilityId })
      .orderBy('r.dueAt', 'ASC')
      .addOrderBy('r.id', 'ASC');
    const conditions: Record<typeof state, string> = {
      pending: 'r.reportedAt IS NULL',
      due: 'r.reportedAt IS NULL AND r.dueAt >= :now',
      late: 'r.reportedAt IS NULL AND r.dueAt < :now',
      reported_on_time: 'r.reportedAt IS NOT NULL AND r.reportedAt <= r.dueAt',
      reported_late: 'r.reportedAt IS NOT NULL AND r.reportedAt > r.dueAt',
    };
    builder.andWhere(conditions[state], { now });
    const { skip, take } = pageWindow(query);
    const total = await builder.getCount();
    const { entities, raw } = await builder
      .offset(skip)
      .limit(take)
      .getRawAndEntities<{ name: string }>();
    return pageOf(
      entities.map((report, index) => ({ ...mapReport(report, now), name: raw[index].name })),
      total,
      query,
    );
  }

  async record(id: number, input: RecordReportDto, actor: Actor): Promise<RiskReportDto> {
    return this.dataSource.transaction(async (manager) => {
      const report = inActorFacility(
        await manager.findOne(RiskReport, { where: { id }, lock: { mode: 'pessimistic_write' } }),
        actor,
        () => reportNotFound(id),
      );
      if (report.reportedAt !== null) throw reportAlreadySent(id);
      const now = new Date();
      const reportedAt = input.reportedAt ?? now;
      if (reportedAt < report.gradedAt || reportedAt > now) {
        throw riskInputInvalid([
          {
            field: 'reportedAt',
            rule: 'betweenGradingAndNow',
            message: `reportedAt must be between the grading (${report.gradedAt.toISOString()}) and now`,
          },
        ]);
      }
      const changes = { reportedAt, reportedTo: input.reportedTo, reportedBy: actor.userId };
      await manager.update(RiskReport, id, changes);
      await this.audit.record(manager, {
        entity: 'risk_report',
        entityId: id,
        action: 'update',
        ...diffOf(report, changes, ['reportedAt', 'reportedTo', 'reportedBy']),
      });
      return mapReport({ ...report, ...changes }, now);
    });
  }
}

function mapReport(report: RiskReport, now: Date): RiskReportDto {
  return {
    id: report.id,
    assessmentId: report.assessmentId,
    pregnancyId: report.pregnancyId,
    colour: report.colour,
    gradedAt: report.gradedAt.toISOString(),
    dueAt: report.dueAt.toISOString(),
    reportedAt: report.reportedAt?.toISOString() ?? null,
    reportedTo: report.reportedTo,
    reportedBy: report.reportedBy,
    state: reportState(report.dueAt, report.reportedAt, now),
  };
}
