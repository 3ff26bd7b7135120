import ExcelJS from 'exceljs';
import { periodGap } from '../closing/indicator-periods.errors';
import type { IndicatorValueView } from '../indicator-values.service';
import { parsePeriod } from '../periods';
import {
  statusText,
  toCsv,
  toFhirBundle,
  toXlsx,
  XLSX_FONT,
  type ExportStatus,
  type ExportSubject,
} from './indicator-export-formats';

const subject: ExportSubject = { code: 'H-01', name: '测试医院', kind: 'facility' };
const period = parsePeriod('2026-03');

function value(overrides: Partial<IndicatorValueView>): IndicatorValueView {
  return {
    code: 'SM-06',
    nameZh: '住院分娩率',
    nameEn: 'Facility delivery',
    group: 'SM',
    unit: 'percent',
    numerator: 9,
    denominator: 10,
    excluded: 0,
    incomplete: 0,
    value: 90,
    target: null,
    targetMet: null,
    definitionVersion: 1,
    computedAt: '2026-04-02T01:00:00.000Z',
    stale: false,
    version: 1,
    state: 'closed',
    asOf: '2026-03-31',
    provisional: false,
    facilities: 1,
    withoutValue: [],
    trend: [],
    ...overrides,
  };
}

const facilities: ExportStatus['facilities'] = [
  {
    facilityId: 7,
    code: 'H-01',
    name: '测试医院',
    version: 2,
    state: 'stale',
    asOf: '2026-03-31',
    computedAt: '2026-04-01T02:00:00.000Z',
    values: 3,
  },
];
const complete: ExportStatus = { allowedStale: false, gaps: [], facilities };
const allowed: ExportStatus = {
  allowedStale: true,
  gaps: [periodGap(7, '2026-03', 'stale', ['BF-04'], 'H-01')],
  facilities,
};
const values = [
  value({}),
  value({ code: 'BF-04', group: 'BF', incomplete: 3, stale: true, state: 'stale', version: 2 }),
];

describe('export formats', () => {
  it('states a complete file, or what an allowed incomplete one holds', () => {
    expect(statusText(complete)).toMatch(/^数据状态：完整/);
    expect(statusText(allowed)).toMatch(/^⚠ 数据不完整（allowStale=true 导出）/);
    expect(statusText(allowed)).toContain('facility H-01, 2026-03: BF-04 stale');
  });

  it('gives every CSV row its state, version, as-of day and the file status', () => {
    const lines = toCsv(subject, period, values, allowed).toString('utf8').trim().split('\r\n');
    const header = lines[0].replace(/^\uFEFF/, '').split(',');
    const rows = lines.slice(1).map((line) => line.split(','));
    const cell = (row: string[], column: string) => row[header.indexOf(column)];
    expect(rows.map((r) => cell(r, 'export_status'))).toEqual(['allow_stale', 'allow_stale']);
    expect(rows.map((r) => [cell(r, 'stale'), cell(r, 'state'), cell(r, 'version')])).toEqual([
      ['false', 'closed', '1'],
      ['true', 'stale', '2'],
    ]);
    expect(cell(rows[0], 'as_of')).toBe('2026-03-31');
    expect(rows.map((r) => [cell(r, 'excluded'), cell(r, 'incomplete')])).toEqual([
      ['0', '0'],
      ['0', '3'],
    ]);
  });

  const signOff = {
    unit: '测试医院',
    preparer: '统计员 王芳',
    reportedOn: '2026-04-03',
    timeZone: 'Asia/Shanghai',
  };

  it('puts the status line on every xlsx sheet above the headers', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      (await toXlsx(
        subject,
        period,
        [...values, value({ code: 'BF-01', group: 'BF' })],
        allowed,
        signOff,
      )) as unknown as ArrayBuffer,
    );
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      'BF 爱婴医院',
      'SM 孕产妇系统管理',
      '版本 机构数据版本',
    ]);
    for (const sheet of workbook.worksheets) {
      expect(sheet.getRow(2).getCell(1).text).toBe(statusText(allowed));
    }
    expect(workbook.worksheets[0].getRow(3).getCell(13).text).toBe('是否过期');
    const bf = workbook.worksheets[0];
    expect([bf.getRow(3).getCell(6).text, bf.getRow(4).getCell(6).text]).toEqual(['不完整数', '3']);
    expect(workbook.worksheets[2].getRow(4).values).toEqual([
      undefined,
      'H-01',
      '测试医院',
      2,
      '已过期',
      '2026-03-31',
      3,
    ]);
    for (const sheet of workbook.worksheets) {
      // A4 landscape, one page wide; every cell names the CJK font; the sign-off under the table.
      expect(sheet.pageSetup).toMatchObject({
        paperSize: 9,
        orientation: 'landscape',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
      });
      const texts: string[] = [];
      sheet.eachRow((row) =>
        row.eachCell((c) => {
          expect(c.font?.name).toBe(XLSX_FONT);
          texts.push(c.text);
        }),
      );
      expect(texts).toEqual(
        expect.arrayContaining([
          '填报单位：测试医院',
          '负责人：____________',
          '填表人：统计员 王芳',
          '报出日期：2026-04-03',
        ]),
      );
    }
  });

  it('writes the computation time on the hospital’s clock', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      (await toXlsx(
        subject,
        period,
        [value({ code: 'BF-01', group: 'BF', computedAt: '2026-04-02T16:30:00.000Z' })],
        allowed,
        signOff,
      )) as unknown as ArrayBuffer,
    );
    const sheet = workbook.worksheets[0];
    const column = (sheet.getRow(3).values as unknown[]).indexOf('计算时间');
    expect(sheet.getRow(4).getCell(column).text).toBe('2026-04-03 00:30');
  });

  it('reports a stale or provisional value as pending in FHIR, with its status extension', () => {
    const bundle = toFhirBundle(
      subject,
      period,
      [...values, value({ code: 'RK-03', provisional: true })],
      new Date('2026-04-03T00:00:00Z'),
      allowed,
    ) as { entry: Array<{ resource: Record<string, unknown> }> };
    expect(bundle.entry.map((e) => e.resource.status)).toEqual(['complete', 'pending', 'pending']);
    const populations = (bundle.entry[1].resource.group as Array<{ population: unknown[] }>)[0]
      .population;
    expect(populations.at(-1)).toEqual({
      code: {
        coding: [{ system: 'urn:mch-case-tracking:measure-population', code: 'incomplete' }],
        text: '记录不完整，未计入分母',
      },
      count: 3,
    });
    expect(bundle.entry[1].resource.extension).toEqual([
      {
        url: 'urn:mch-case-tracking:StructureDefinition/value-status',
        extension: [
          { url: 'state', valueCode: 'stale' },
          { url: 'stale', valueBoolean: true },
          { url: 'provisional', valueBoolean: false },
          { url: 'version', valueInteger: 2 },
          { url: 'asOf', valueDate: '2026-03-31' },
        ],
      },
    ]);
  });
});
