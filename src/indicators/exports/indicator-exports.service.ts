import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { Facility } from '../../core/facilities/facility.entity';
import { HospitalClock } from '../../core/time/hospital-clock';
import { User } from '../../core/users/user.entity';
import { pageWindow, type Page, type PageQueryDto } from '../../core/http/pagination';
import type { ComputationScope } from '../indicator-engine.service';
import type { ExportFormat } from '../indicator-jobs.producer';
import { IndicatorValuesService } from '../indicator-values.service';
import { exportNotFound } from '../indicators.errors';
import { exportIncomplete } from '../closing/indicator-periods.errors';
import { IndicatorStaleness } from '../indicator-staleness.service';
import { parsePeriod } from '../periods';
import {
  toCaseListXlsx,
  toCsv,
  toFhirBundle,
  toXlsx,
  type CaseListSheet,
  type ExportStatus,
  type ExportSignOff,
  type ExportSubject,
} from './indicator-export-formats';
import { IndicatorExportRecord } from './indicator-export.entity';

export interface ExportFile {
  filename: string;
  contentType: string;
  bytes: number;
  content: Buffer;
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  fhir: 'application/fhir+json; charset=utf-8',
};

const EXTENSIONS: Record<ExportFormat, string> = { xlsx: 'xlsx', csv: 'csv', fhir: 'json' };

/** What to export, for whom, and for a queued export its job. */
export interface ExportRequest {
  scope: ComputationScope;
  period: string;
  format: ExportFormat;
  allowStale: boolean;
  requestedBy: number;
  jobId?: string;
}

/** A period's computed values as xlsx, CSV or a FHIR MeasureReport bundle. */
@Injectable()
export class IndicatorExports {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly values: IndicatorValuesService,
    private readonly staleness: IndicatorStaleness,
    private readonly clock: HospitalClock,
  ) {}

  /**
   * The file of a period's values, kept with what it held (indicator_export) before it is handed
   * out. Refused (EXPORT_INCOMPLETE, with what is missing or stale per facility) when a facility
   * of the scope has a value never computed, stale, or corrected after its close, unless
   * `allowStale`; the file then says so on every sheet. Corrections recorded so far are read from
   * the audit trail first, so a value they change counts as stale here.
   */
  async build(request: ExportRequest): Promise<ExportFile> {
    const { scope, format, requestedBy } = request;
    const period = parsePeriod(request.period);
    const status = await this.exportable(scope, period.key, request.allowStale);
    // One period, no trend: the files hold the period's values only.
    const { values } = await this.values.values(scope, period.key, null, 1);
    const subject = await this.subjectOf(scope);
    const content =
      format === 'xlsx'
        ? await toXlsx(subject, period, values, status, await this.signOffOf(subject, requestedBy))
        : format === 'csv'
          ? toCsv(subject, period, values, status)
          : Buffer.from(
              JSON.stringify(toFhirBundle(subject, period, values, new Date(), status), null, 2),
            );
    const file: ExportFile = {
      filename: `indicators-${subject.code}-${period.key}.${EXTENSIONS[format]}`,
      contentType: CONTENT_TYPES[format],
      bytes: content.length,
      content,
    };
    await this.dataSource.manager.insert(IndicatorExportRecord, {
      facilityId: 'facilityId' in scope ? scope.facilityId : null,
      regionCode: 'regionCode' in scope ? scope.regionCode : null,
      periodKey: period.key,
      format,
      complete: !status.allowedStale,
      held: status.facilities.map((f) => ({
        facilityId: f.facilityId,
        code: f.code,
        name: f.name,
        version: f.version,
        state: f.state,
        asOf: f.asOf,
        computedAt: f.computedAt,
        values: f.values,
      })),
      jobId: request.jobId ?? null,
      exportedBy: requestedBy,
      exportedAt: new Date(),
      filename: file.filename,
      contentType: file.contentType,
      bytes: file.bytes,
      sha256: createHash('sha256').update(content).digest('hex'),
      content,
    });
    return file;
  }

  /** Refuses an incomplete export unless allowed; otherwise what the file must say about it. */
  async exportable(
    scope: ComputationScope,
    periodKey: string,
    allowStale: boolean,
  ): Promise<ExportStatus> {
    await this.staleness.markFromAuditTrail();
    const { facilities, gaps } = await this.values.periodStatus(scope, periodKey);
    if (gaps.length > 0 && !allowStale) throw exportIncomplete(gaps);
    return { allowedStale: gaps.length > 0, gaps, facilities };
  }

  /** The file a queued export built. */
  async fetch(jobId: string): Promise<ExportFile> {
    return this.fileWhere({ jobId }, () => exportNotFound(jobId));
  }

  /** The file of an earlier export, byte for byte. */
  async fetchRecord(id: number): Promise<ExportFile> {
    return this.fileWhere({ id }, () => exportNotFound(String(id)));
  }

  private async fileWhere(
    where: { jobId: string } | { id: number },
    notFound: () => Error,
  ): Promise<ExportFile> {
    const record = await this.dataSource.manager.findOne(IndicatorExportRecord, {
      where,
      select: { id: true, filename: true, contentType: true, bytes: true, content: true },
    });
    if (!record) throw notFound();
    return {
      filename: record.filename,
      contentType: record.contentType,
      bytes: record.bytes,
      content: record.content,
    };
  }

  /** The exports of a facility or a region, newest first, with who made each. */
  async records(
    scope: ComputationScope,
    periodKey: string | undefined,
    query: PageQueryDto,
  ): Promise<Page<IndicatorExportRecord & { exportedByName: string }>> {
    const [records, total] = await this.dataSource.manager.findAndCount(IndicatorExportRecord, {
      where: {
        ...('facilityId' in scope
          ? { facilityId: scope.facilityId }
          : { regionCode: scope.regionCode }),
        ...(periodKey === undefined ? {} : { periodKey: parsePeriod(periodKey).key }),
      },
      order: { exportedAt: 'DESC', id: 'DESC' },
      ...pageWindow(query),
    });
    const ids = [...new Set(records.map((r) => r.exportedBy))];
    const users = ids.length
      ? await this.dataSource.manager.find(User, {
          where: { id: In(ids) },
          select: { id: true, displayName: true },
        })
      : [];
    const names = new Map(users.map((u) => [u.id, u.displayName]));
    return {
      items: records.map((r) => ({ ...r, exportedByName: names.get(r.exportedBy) ?? '' })),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /** An earlier export without its bytes: what the access check needs. */
  record(id: number): Promise<IndicatorExportRecord | null> {
    return this.dataSource.manager.findOneBy(IndicatorExportRecord, { id });
  }

  /** A drill-down list as an xlsx, signed off by whoever asked for it. */
  async caseList(
    facilityId: number,
    list: CaseListSheet,
    requestedBy: number,
    fileStem: string,
  ): Promise<ExportFile> {
    const subject = await this.subjectOf({ facilityId });
    const content = await toCaseListXlsx(list, await this.signOffOf(subject, requestedBy));
    return {
      filename: `${fileStem}.xlsx`,
      contentType: CONTENT_TYPES.xlsx,
      bytes: content.length,
      content,
    };
  }

  /** The sign-off block: the unit, who exported (by name) and the hospital day of the export. */
  private async signOffOf(subject: ExportSubject, requestedBy: number): Promise<ExportSignOff> {
    const user = await this.dataSource.manager.findOneBy(User, { id: requestedBy });
    return {
      unit: subject.name,
      preparer: user?.displayName ?? '',
      reportedOn: this.clock.today(),
      timeZone: this.clock.timeZone(),
    };
  }

  private async subjectOf(scope: ComputationScope): Promise<ExportSubject> {
    if ('facilityId' in scope) {
      const facility = await this.dataSource.manager.findOneByOrFail(Facility, {
        id: scope.facilityId,
      });
      return { code: facility.code, name: facility.name, kind: 'facility' };
    }
    const level = { 2: '省', 4: '市', 6: '县（区）' }[scope.regionCode.length] ?? '';
    return { code: scope.regionCode, name: `行政区划 ${scope.regionCode}${level}`, kind: 'region' };
  }
}
