import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bull';
import { DataSource } from 'typeorm';
import { Facility } from '../../core/facilities/facility.entity';
import { HospitalClock } from '../../core/time/hospital-clock';
import { User } from '../../core/users/user.entity';
import { QUEUES } from '../../core/queue/queue.constants';
import type { ComputationScope } from '../indicator-engine.service';
import type { ExportFormat } from '../indicator-jobs.producer';
import { IndicatorValuesService } from '../indicator-values.service';
import { exportNotFound } from '../indicators.errors';
import { exportIncomplete } from '../closing/indicator-periods.errors';
import { IndicatorStaleness } from '../indicator-staleness.service';
import { parsePeriod } from '../periods';
import {
  toCsv,
  toFhirBundle,
  toXlsx,
  type ExportStatus,
  type ExportSignOff,
  type ExportSubject,
} from './indicator-export-formats';

export interface ExportFile {
  filename: string;
  contentType: string;
  bytes: number;
  content: Buffer;
}

/** Built files wait this long in Redis for their download. */
export const EXPORT_TTL_SECONDS = 24 * 60 * 60;

const CONTENT_TYPES: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  fhir: 'application/fhir+json; charset=utf-8',
};

const EXTENSIONS: Record<ExportFormat, string> = { xlsx: 'xlsx', csv: 'csv', fhir: 'json' };

/** A period's computed values as xlsx, CSV or a FHIR MeasureReport bundle. */
@Injectable()
export class IndicatorExports {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QUEUES.indicators) private readonly queue: Queue,
    private readonly values: IndicatorValuesService,
    private readonly staleness: IndicatorStaleness,
    private readonly clock: HospitalClock,
  ) {}

  /**
   * The file of a period's values. Refused (EXPORT_INCOMPLETE, with what is missing or stale per
   * facility) when a facility of the scope has a value never computed, stale, or corrected after
   * its close, unless `allowStale`; the file then says so on every sheet. Corrections recorded so
   * far are read from the audit trail first, so a value they change counts as stale here.
   */
  async build(
    scope: ComputationScope,
    periodKey: string,
    format: ExportFormat,
    allowStale = false,
    requestedBy: number | null = null,
  ): Promise<ExportFile> {
    const period = parsePeriod(periodKey);
    const status = await this.exportable(scope, period.key, allowStale);
    // One period, no trend: the files hold the period's values only.
    const { values } = await this.values.values(scope, periodKey, null, 1);
    const subject = await this.subjectOf(scope);
    const content =
      format === 'xlsx'
        ? await toXlsx(subject, period, values, status, await this.signOffOf(subject, requestedBy))
        : format === 'csv'
          ? toCsv(subject, period, values, status)
          : Buffer.from(
              JSON.stringify(toFhirBundle(subject, period, values, new Date(), status), null, 2),
            );
    return {
      filename: `indicators-${subject.code}-${period.key}.${EXTENSIONS[format]}`,
      contentType: CONTENT_TYPES[format],
      bytes: content.length,
      content,
    };
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

  async store(jobId: string, file: ExportFile): Promise<void> {
    const meta = JSON.stringify({ filename: file.filename, contentType: file.contentType });
    await this.queue.client
      .multi()
      .set(fileKey(jobId), file.content.toString('base64'), 'EX', EXPORT_TTL_SECONDS)
      .set(`${fileKey(jobId)}:meta`, meta, 'EX', EXPORT_TTL_SECONDS)
      .exec();
  }

  async fetch(jobId: string): Promise<ExportFile> {
    const [content, meta] = await Promise.all([
      this.queue.client.get(fileKey(jobId)),
      this.queue.client.get(`${fileKey(jobId)}:meta`),
    ]);
    if (content === null || meta === null) throw exportNotFound(jobId);
    const { filename, contentType } = JSON.parse(meta) as { filename: string; contentType: string };
    const buffer = Buffer.from(content, 'base64');
    return { filename, contentType, bytes: buffer.length, content: buffer };
  }

  /** The sign-off block: the unit, who exported (by name) and the hospital day of the export. */
  private async signOffOf(
    subject: ExportSubject,
    requestedBy: number | null,
  ): Promise<ExportSignOff> {
    const user = requestedBy
      ? await this.dataSource.manager.findOneBy(User, { id: requestedBy })
      : null;
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

function fileKey(jobId: string): string {
  return `mch:indicator-export:${jobId}`;
}
