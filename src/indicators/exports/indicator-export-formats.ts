import ExcelJS from 'exceljs';
import {
  INDICATOR_GROUP_NAMES,
  INDICATOR_GROUPS,
  type IndicatorUnit,
} from '../definitions/indicator-definition';
import type { PeriodGapDetail } from '../closing/indicator-periods.errors';
import type {
  FacilityVersionView,
  IndicatorValueView,
  ValueState,
} from '../indicator-values.service';
import type { Period } from '../periods';
import { wallClockIn } from '../../core/time/calendar-date';

/** Who the values are for, as the export names it. */
export interface ExportSubject {
  /** Facility code, or the region code for a region. */
  code: string;
  name: string;
  kind: 'facility' | 'region';
}

/**
 * The block the bureau's forms end with: 填报单位, 负责人 (left to sign), 填表人 (who exported),
 * 报出日期 (the hospital day of the export); and the zone the file's times are written in.
 */
export interface ExportSignOff {
  unit: string;
  preparer: string;
  reportedOn: string;
  timeZone: string;
}

/** The CJK font every cell names (宋体, as the bureau's forms use; LibreOffice substitutes). */
export const XLSX_FONT = 'SimSun';

/** Printed on A4 landscape, each sheet one page wide, its header rows repeated on every page. */
const PAGE_SETUP: Partial<ExcelJS.PageSetup> = {
  paperSize: 9,
  orientation: 'landscape',
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
  horizontalCentered: true,
  margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
  printTitlesRow: '1:3',
};

/** Whether the file holds everything, and if not what is missing or stale. */
export interface ExportStatus {
  /** Something is missing or stale, and the caller asked for the file anyway (allowStale). */
  allowedStale: boolean;
  gaps: PeriodGapDetail[];
  /** The version each facility's values are (one for a facility, each of a region's). */
  facilities: FacilityVersionView[];
}

const STATE_ZH: Record<ValueState, string> = {
  computed: '已计算',
  stale: '已过期',
  closed: '已关账',
  corrected_after_close: '关账后已更正',
  not_computed: '未计算',
};

/** The line every sheet (and the CSV's status column) carries. */
export function statusText(status: ExportStatus): string {
  if (!status.allowedStale) return '数据状态：完整，无未计算或过期数值';
  const listed = status.gaps.map((g) => g.message).join('；');
  return `⚠ 数据不完整（allowStale=true 导出）：含未计算、过期或关账后更正的数值。${listed}`;
}

export const UNIT_ZH: Record<IndicatorUnit, string> = {
  percent: '%',
  per_mille: '‰',
  per_100000: '/10万',
  count: '个',
  ratio: '比值',
};

const DIRECTION_ZH = { at_least: '≥', at_most: '≤', falling: '逐年下降' } as const;

/** Column headers as on the bureau's forms. */
export const XLSX_HEADERS = [
  '指标代码',
  '指标名称',
  '分子',
  '分母',
  '排除数',
  '不完整数',
  '指标值',
  '单位',
  '目标值',
  '是否达标',
  '计算时间',
  '状态',
  '是否过期',
  '版本',
  '评估截至日',
  '暂定',
];

export function targetText(value: IndicatorValueView): string {
  if (!value.target) return '';
  const direction = DIRECTION_ZH[value.target.direction];
  return value.target.value === null ? direction : `${direction}${value.target.value}`;
}

function metText(met: boolean | null): string {
  if (met === null) return '—';
  return met ? '达标' : '未达标';
}

/**
 * One sheet per indicator group; a missed target is flagged in red, a stale or missing value in
 * orange. The second row of every sheet states whether the file is complete.
 */
export async function toXlsx(
  subject: ExportSubject,
  period: Period,
  values: IndicatorValueView[],
  status: ExportStatus,
  signOff: ExportSignOff,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'MCH case tracking';
  for (const group of INDICATOR_GROUPS) {
    const rows = values.filter((v) => v.group === group);
    if (rows.length === 0) continue;
    const sheet = workbook.addWorksheet(`${group} ${INDICATOR_GROUP_NAMES[group].zh}`, {
      pageSetup: PAGE_SETUP,
    });
    sheet.addRow([
      `${subject.name}（${subject.code}） ${INDICATOR_GROUP_NAMES[group].zh} 统计期 ${period.from} 至 ${period.last}`,
    ]).font = { bold: true };
    sheet.addRow([statusText(status)]).font = {
      bold: true,
      color: { argb: status.allowedStale ? 'FFC00000' : 'FF006100' },
    };
    sheet.addRow(XLSX_HEADERS).font = { bold: true };
    for (const v of rows) {
      const row = sheet.addRow([
        v.code,
        v.nameZh,
        v.numerator,
        v.unit === 'count' ? null : v.denominator,
        v.excluded,
        v.incomplete,
        v.value,
        UNIT_ZH[v.unit],
        targetText(v),
        metText(v.targetMet),
        v.computedAt ? wallClockIn(signOff.timeZone, new Date(v.computedAt)) : '未计算',
        STATE_ZH[v.state],
        v.stale ? '是' : '否',
        v.version,
        v.asOf,
        v.provisional ? '是' : '否',
      ]);
      if (v.targetMet === false) {
        row.getCell(10).font = { color: { argb: 'FFC00000' }, bold: true };
        row.getCell(7).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
      }
      if (v.stale || v.state === 'not_computed') {
        row.getCell(12).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFEB9C' } };
      }
    }
    sheet.columns.forEach((column, i) => {
      column.width = [10, 36, 8, 8, 8, 8, 9, 7, 10, 9, 17, 12, 8, 6, 12, 6][i];
    });
    addSignOff(sheet, signOff);
  }
  addVersionSheet(workbook, subject, period, status, signOff);
  for (const sheet of workbook.worksheets) nameFont(sheet);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The 填报单位 / 负责人 / 填表人 / 报出日期 line under the table, and the times' zone. */
function addSignOff(sheet: ExcelJS.Worksheet, signOff: ExportSignOff): void {
  sheet.addRow([]);
  sheet.addRow([`填报单位：${signOff.unit}`]);
  sheet.addRow(['负责人：____________']);
  sheet.addRow([`填表人：${signOff.preparer}`]);
  sheet.addRow([`报出日期：${signOff.reportedOn}`]);
  sheet.addRow([`注：时间均为医院所在时区（${signOff.timeZone}）时间。`]);
}

/** Every cell names the CJK font, keeping its bold and colour. */
function nameFont(sheet: ExcelJS.Worksheet): void {
  sheet.eachRow((row) =>
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.font = { ...cell.font, name: XLSX_FONT, size: cell.font?.size ?? 10 };
    }),
  );
}

/** The last sheet: which version of the period each facility's values are. */
function addVersionSheet(
  workbook: ExcelJS.Workbook,
  subject: ExportSubject,
  period: Period,
  status: ExportStatus,
  signOff: ExportSignOff,
): void {
  const sheet = workbook.addWorksheet('版本 机构数据版本', { pageSetup: PAGE_SETUP });
  sheet.addRow([
    `${subject.name}（${subject.code}） 各机构数据版本 统计期 ${period.from} 至 ${period.last}`,
  ]).font = { bold: true };
  sheet.addRow([statusText(status)]).font = {
    bold: true,
    color: { argb: status.allowedStale ? 'FFC00000' : 'FF006100' },
  };
  sheet.addRow(['机构代码', '机构名称', '版本', '状态', '评估截至日', '指标数']).font = {
    bold: true,
  };
  for (const f of status.facilities) {
    sheet.addRow([f.code, f.name, f.version, STATE_ZH[f.state], f.asOf, f.values]);
  }
  sheet.columns.forEach((column, i) => {
    column.width = [16, 30, 6, 14, 12, 8][i];
  });
  addSignOff(sheet, signOff);
}

const CSV_COLUMNS = [
  'code',
  'name_zh',
  'name_en',
  'group',
  'unit',
  'numerator',
  'denominator',
  'excluded',
  'incomplete',
  'value',
  'target',
  'target_met',
  'computed_at',
  'stale',
  'state',
  'version',
  'as_of',
  'provisional',
  'export_status',
] as const;

/**
 * UTF-8 with a byte-order mark, so spreadsheet programs read the Chinese names. Every row says
 * whether the file is complete (export_status: complete, or allow_stale).
 */
export function toCsv(
  subject: ExportSubject,
  period: Period,
  values: IndicatorValueView[],
  status: ExportStatus,
): Buffer {
  const lines = [
    ['subject', 'period', ...CSV_COLUMNS].join(','),
    ...values.map((v) =>
      [
        subject.code,
        period.key,
        v.code,
        v.nameZh,
        v.nameEn,
        v.group,
        v.unit,
        v.numerator,
        v.denominator,
        v.excluded,
        v.incomplete,
        v.value ?? '',
        targetText(v),
        v.targetMet === null ? '' : String(v.targetMet),
        v.computedAt ?? '',
        String(v.stale),
        v.state,
        v.version ?? '',
        v.asOf ?? '',
        String(v.provisional),
        exportStatusCode(status),
      ]
        .map(csvField)
        .join(','),
    ),
  ];
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

function exportStatusCode(status: ExportStatus): string {
  return status.allowedStale ? 'allow_stale' : 'complete';
}

function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const MEASURE_BASE_URL = 'urn:mch-case-tracking:Measure';

const UCUM: Record<IndicatorUnit, string> = {
  percent: '%',
  per_mille: '‰',
  per_100000: '/100000',
  count: '1',
  ratio: '1',
};

export const VALUE_STATUS_EXTENSION = 'urn:mch-case-tracking:StructureDefinition/value-status';
export const EXPORT_STATUS_TAG = 'urn:mch-case-tracking:export-status';

/**
 * A FHIR R4 Bundle of MeasureReports (type summary), one per indicator. A report is `complete`
 * only when its value is computed (or closed), not stale and settled; otherwise `pending`. Its
 * value-status extension carries the state, stale flag, version, as-of day and provisional flag;
 * the bundle and every report are tagged allow-stale when the file is exported incomplete.
 */
export function toFhirBundle(
  subject: ExportSubject,
  period: Period,
  values: IndicatorValueView[],
  generatedAt: Date,
  status: ExportStatus,
): Record<string, unknown> {
  const meta = {
    tag: [
      {
        system: EXPORT_STATUS_TAG,
        code: exportStatusCode(status),
        display: statusText(status),
      },
    ],
  };
  return {
    resourceType: 'Bundle',
    meta,
    type: 'collection',
    timestamp: generatedAt.toISOString(),
    entry: values.map((v) => ({
      fullUrl: `urn:uuid:${subject.kind}-${subject.code}-${period.key}-${v.code}`,
      resource: {
        resourceType: 'MeasureReport',
        meta,
        extension: [valueStatusExtension(v)],
        status:
          v.computedAt && !v.stale && !v.provisional && v.state !== 'not_computed'
            ? 'complete'
            : 'pending',
        type: 'summary',
        measure: `${MEASURE_BASE_URL}/${v.code}|${v.definitionVersion}`,
        date: v.computedAt ?? generatedAt.toISOString(),
        period: { start: period.from, end: period.last },
        reporter: {
          identifier: { system: `urn:mch-case-tracking:${subject.kind}`, value: subject.code },
          display: subject.name,
        },
        group: [
          {
            code: { text: `${v.code} ${v.nameEn}` },
            population: [
              population('numerator', v.numerator),
              population('denominator', v.denominator),
              population('denominator-exclusion', v.excluded),
              incompletePopulation(v.incomplete),
            ],
            ...(v.value === null
              ? {}
              : {
                  measureScore: {
                    value: v.value,
                    unit: UCUM[v.unit],
                    system: 'http://unitsofmeasure.org',
                  },
                }),
          },
        ],
      },
    })),
  };
}

function valueStatusExtension(v: IndicatorValueView): Record<string, unknown> {
  return {
    url: VALUE_STATUS_EXTENSION,
    extension: [
      { url: 'state', valueCode: v.state },
      { url: 'stale', valueBoolean: v.stale },
      { url: 'provisional', valueBoolean: v.provisional },
      ...(v.version === null ? [] : [{ url: 'version', valueInteger: v.version }]),
      ...(v.asOf === null ? [] : [{ url: 'asOf', valueDate: v.asOf }]),
    ],
  };
}

/**
 * Cases not complete enough to decide are in no population of the measure-population code
 * system (they are neither in the denominator nor excluded from it): the project's own code.
 */
function incompletePopulation(count: number): Record<string, unknown> {
  return {
    code: {
      coding: [{ system: 'urn:mch-case-tracking:measure-population', code: 'incomplete' }],
      text: '记录不完整，未计入分母',
    },
    count,
  };
}

function population(code: string, count: number): Record<string, unknown> {
  return {
    code: {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/measure-population', code }],
    },
    count,
  };
}

/** A drill-down list as the office prints it. */
export interface CaseListSheet {
  /** e.g. 「BF-02 早吸吮率 2026-11 未达标」 */
  title: string;
  /** Listed here of how many in all (a list is cut at its limit). */
  listed: number;
  total: number;
  fieldLabelsZh: Record<string, string>;
  fieldValuesZh: Record<string, Record<string, string>>;
  cases: ReadonlyArray<{
    caseId: string;
    womanName: string | null;
    attributedOn: string;
    failedCriterion?: string | null;
    fields: Record<string, unknown>;
  }>;
}

/**
 * The cases behind a value as an xlsx: her name (or the case number where she is not shown),
 * the day it counts on, the failed criterion where there is one, and every deciding field under
 * its Chinese label with coded values in Chinese. Prints like the report, with the sign-off.
 */
export async function toCaseListXlsx(list: CaseListSheet, signOff: ExportSignOff): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'MCH case tracking';
  const sheet = workbook.addWorksheet('个案清单', { pageSetup: PAGE_SETUP });
  sheet.addRow([`${signOff.unit} ${list.title}`]).font = { bold: true };
  sheet.addRow([
    list.listed < list.total
      ? `共 ${list.total} 例，本表列出前 ${list.listed} 例`
      : `共 ${list.total} 例`,
  ]);
  const columns = Object.keys(list.fieldLabelsZh);
  const failed = list.cases.some((c) => c.failedCriterion);
  sheet.addRow([
    '孕产妇/个案',
    '归属日期',
    ...(failed ? ['未达标原因'] : []),
    ...columns.map((c) => list.fieldLabelsZh[c]),
  ]).font = { bold: true };
  for (const c of list.cases) {
    sheet.addRow([
      c.womanName ?? c.caseId,
      c.attributedOn,
      ...(failed ? [c.failedCriterion ?? ''] : []),
      ...columns.map((column) => shownCell(c.fields[column], list.fieldValuesZh[column])),
    ]);
  }
  sheet.columns.forEach((column, i) => {
    column.width = i === 0 ? 16 : i === 1 ? 12 : failed && i === 2 ? 40 : 14;
  });
  sheet.getRow(3).alignment = { wrapText: true, vertical: 'top' };
  addSignOff(sheet, signOff);
  nameFont(sheet);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A deciding field in a cell: a code in Chinese, numbers as numbers, a blank as a blank. */
function shownCell(value: unknown, codes: Record<string, string> = {}): string | number | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'string') return codes[value] ?? value;
  return JSON.stringify(value);
}
