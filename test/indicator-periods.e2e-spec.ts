import { getQueueToken } from '@nestjs/bull';
import type { Job, Queue } from 'bull';
import ExcelJS from 'exceljs';
import { QUEUES } from '../src/core/queue/queue.constants';
import { addDays } from '../src/core/time/calendar-date';
import { INDICATORS } from '../src/indicators/definitions';
import { settlesOn } from '../src/indicators/evaluation-day';
import { IndicatorStaleness } from '../src/indicators/indicator-staleness.service';
import { periodContaining, previousPeriod } from '../src/indicators/periods';
import { baby, deliveryPayload, tenOClockOn } from './factories/delivery.factory';
import { createFacility, createStaffedFacility, Staff } from './factories/people.factory';
import { registrationPayload, today } from './factories/registration.factory';
import { bearer, loginWith } from './utils/auth';
import { createTestApp, TestApp } from './utils/test-app';

type Role = keyof Staff['tokens'];

interface ValueBody {
  code: string;
  numerator: number;
  denominator: number;
  stale: boolean;
  version: number | null;
  state: string;
  asOf: string | null;
  provisional: boolean;
  facilities: number;
  withoutValue: Array<{ facilityId: number; code: string }>;
}

/** The CSV's rows as cells (quoted fields may hold commas). */
function csvRows(text: string): string[][] {
  return text
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n')
    .map((line) =>
      [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)]
        .filter((m) => m.index < line.length || m[1] !== '')
        .map((m) => (m[1].startsWith('"') ? m[1].slice(1, -1).replace(/""/g, '"') : m[1])),
    );
}

const ALL_CODES = INDICATORS.map((i) => i.code).sort();
/** Live births are SM-06's denominator. */
const LIVE_BIRTHS = 'SM-06';

/**
 * Period close and versions, the as-of day of now-dependent rules, exports that refuse missing or
 * stale values unless allowed (and then say so), and regional sums by code prefix.
 */
describe('indicator periods, exports and regions', () => {
  let t: TestApp;
  let queue: Queue;
  let login: (username: string) => Promise<string>;
  const lastMonth = () => previousPeriod(periodContaining('month', today()));
  const as = (staff: Staff, role: Role) => bearer(staff.tokens[role]);

  async function compute(staff: Staff, body: Record<string, unknown>, role: Role = 'mch_staff') {
    const response = await t
      .http()
      .post('/indicator-computations')
      .set(as(staff, role))
      .send(body)
      .expect(202);
    const job = (await queue.getJob(response.body.jobId as string)) as Job;
    await job.finished();
  }

  /** A registration and a live birth at `staff`'s facility on `day`. */
  /** A birth at the facility on `day`, of a mother living in `county` (110105 unless given). */
  async function birthOn(staff: Staff, day: string, county?: string): Promise<void> {
    const { body } = await t
      .http()
      .post('/registrations')
      .set(as(staff, 'nurse'))
      .send(
        registrationPayload({
          woman: county ? { residenceRegionCode: county, hukouRegionCode: county } : {},
          pregnancy: { lmp: addDays(day, -275), registrationDate: addDays(day, -200) },
        }),
      )
      .expect(201);
    await t
      .http()
      .post(`/pregnancies/${body.pregnancy.id}/delivery`)
      .set(as(staff, 'nurse'))
      .send(deliveryPayload(tenOClockOn(day), { babies: [baby()] }))
      .expect(201);
  }

  async function values(
    staff: Staff,
    query: Record<string, unknown>,
    role: Role = 'mch_staff',
  ): Promise<ValueBody[]> {
    const { body } = await t
      .http()
      .get('/indicator-values')
      .query({ trend: 1, ...query })
      .set(as(staff, role))
      .expect(200);
    return body.values as ValueBody[];
  }

  const valueOf = (list: ValueBody[], code: string) => list.find((v) => v.code === code)!;

  function download(staff: Staff, query: Record<string, unknown>, role: Role = 'mch_staff') {
    return t
      .http()
      .get('/indicator-exports')
      .query(query)
      .set(as(staff, role))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
  }

  beforeAll(async () => {
    t = await createTestApp();
    login = loginWith(t);
    queue = t.app.get<Queue>(getQueueToken(QUEUES.indicators));
  });

  afterAll(async () => {
    await queue.empty();
    await t.close();
  });

  describe('exports never silent', () => {
    it('refuses a statistical year never computed, listing the facility and every indicator', async () => {
      const staff = await createStaffedFacility(t.dataSource, login);
      const year = previousPeriod(periodContaining('statistical_year', today())).key;
      for (const format of ['xlsx', 'csv', 'fhir']) {
        const { body } = await t
          .http()
          .get('/indicator-exports')
          .query({ period: year, format })
          .set(as(staff, 'statistician'))
          .expect(409);
        expect(body.code).toBe('EXPORT_INCOMPLETE');
        expect(body.details).toEqual([
          expect.objectContaining({
            field: 'period',
            rule: 'not_computed',
            facilityId: staff.facility.id,
            facilityCode: staff.facility.code,
            period: year,
            indicatorCodes: ALL_CODES,
          }),
        ]);
      }
      const queued = await t
        .http()
        .post('/indicator-exports')
        .set(as(staff, 'statistician'))
        .send({ period: year, format: 'csv' })
        .expect(409);
      expect(queued.body.details[0]).toMatchObject({ rule: 'not_computed', period: year });

      // Allowed, the file says what it is on every row.
      const csv = await t
        .http()
        .get('/indicator-exports')
        .query({ period: year, format: 'csv', allowStale: true })
        .set(as(staff, 'statistician'))
        .expect(200);
      const [columns, ...rows] = csvRows(csv.text);
      expect(rows).toHaveLength(INDICATORS.length);
      for (const cells of rows) {
        expect(cells[columns.indexOf('export_status')]).toBe('allow_stale');
        expect(cells[columns.indexOf('state')]).toBe('not_computed');
      }
      const fhir = await t
        .http()
        .get('/indicator-exports')
        .query({ period: year, format: 'fhir', allowStale: 'true' })
        .set(as(staff, 'statistician'))
        .expect(200);
      const bundle = JSON.parse(fhir.text);
      expect(bundle.meta.tag[0]).toMatchObject({ code: 'allow_stale' });
      for (const entry of bundle.entry) {
        expect(entry.resource.status).toBe('pending');
        expect(entry.resource.meta.tag[0].code).toBe('allow_stale');
        expect(entry.resource.extension[0].extension).toEqual(
          expect.arrayContaining([{ url: 'state', valueCode: 'not_computed' }]),
        );
      }
      const bad = await t
        .http()
        .get('/indicator-exports')
        .query({ period: year, format: 'csv', allowStale: 'yes' })
        .set(as(staff, 'statistician'))
        .expect(400);
      expect(bad.body.details[0].field).toBe('allowStale');
    });

    it('refuses stale values, and an allowStale export marks every sheet and the stale rows', async () => {
      const staff = await createStaffedFacility(t.dataSource, login);
      const month = lastMonth();
      await birthOn(staff, addDays(month.from, 4));
      await compute(staff, { period: month.key });
      const fresh = await download(staff, { period: month.key, format: 'xlsx' }).expect(200);
      const complete = new ExcelJS.Workbook();
      await complete.xlsx.load(fresh.body as ArrayBuffer);
      complete.eachSheet((sheet) =>
        expect(sheet.getRow(2).getCell(1).text).toMatch(/^数据状态：完整/),
      );

      // A birth recorded late in the month makes its values stale.
      await birthOn(staff, addDays(month.from, 6));
      const refused = await download(staff, { period: month.key, format: 'xlsx' }).expect(409);
      const details = JSON.parse((refused.body as Buffer).toString('utf8')).details;
      expect(details).toEqual([
        expect.objectContaining({
          rule: 'stale',
          facilityId: staff.facility.id,
          period: month.key,
        }),
      ]);
      expect(details[0].indicatorCodes).toContain(LIVE_BIRTHS);

      const allowed = await download(staff, {
        period: month.key,
        format: 'xlsx',
        allowStale: true,
      }).expect(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(allowed.body as ArrayBuffer);
      expect(workbook.worksheets.length).toBeGreaterThan(1);
      workbook.eachSheet((sheet) => {
        expect(sheet.getRow(2).getCell(1).text).toMatch(/^⚠ 数据不完整（allowStale=true 导出）/);
        expect(sheet.getRow(2).getCell(1).text).toContain(staff.facility.code);
      });
      for (const sheet of workbook.worksheets.slice(0, -1)) {
        const headers = sheet.getRow(3).values as unknown[];
        expect(headers).toEqual(
          expect.arrayContaining(['是否过期', '状态', '版本', '评估截至日', '暂定']),
        );
      }
      // The last sheet says which version each facility's values are.
      const versions = workbook.worksheets.at(-1)!;
      expect(versions.name).toBe('版本 机构数据版本');
      expect(versions.getRow(4).values).toEqual([
        undefined,
        staff.facility.code,
        staff.facility.name,
        1,
        '已过期',
        today(), // FA-01/FA-02 settle 91 days after the month: as of today so far
        INDICATORS.length,
      ]);
      const staleColumn = (workbook.worksheets[0].getRow(3).values as unknown[]).indexOf(
        '是否过期',
      );
      const sm = workbook.worksheets.find((s) => s.name.startsWith('SM'))!;
      const row = sm.getRows(4, sm.rowCount - 3)!.find((r) => r.getCell(1).text === LIVE_BIRTHS)!;
      expect(row.getCell(staleColumn).text).toBe('是');

      // Computed again, the export goes through.
      await compute(staff, { period: month.key });
      await download(staff, { period: month.key, format: 'csv' }).expect(200);
    });
  });

  describe('overview of a facility’s periods', () => {
    it('shows each period never computed, computed, stale or closed, what is missing or stale, and its computations', async () => {
      const staff = await createStaffedFacility(t.dataSource, login);
      const month = lastMonth();
      const before = previousPeriod(month);
      const overview = async (role: Role = 'statistician') =>
        (
          await t
            .http()
            .get('/indicator-periods/overview')
            .query({ period: month.key, count: 3 })
            .set(as(staff, role))
            .expect(200)
        ).body as {
          facilityId: number;
          periods: Array<{
            period: string;
            state: string;
            version: number;
            missing: string[];
            stale: string[];
            jobs: Array<{ jobId: string; state: string; progress: number; trigger: string }>;
          }>;
        };

      const never = await overview();
      expect(never.facilityId).toBe(staff.facility.id);
      expect(never.periods.map((p) => p.period)).toEqual([
        previousPeriod(before).key,
        before.key,
        month.key,
      ]);
      expect(never.periods.at(-1)).toMatchObject({
        state: 'never_computed',
        version: 0,
        stale: [],
        jobs: [],
      });
      expect([...never.periods.at(-1)!.missing].sort()).toEqual(ALL_CODES);

      await birthOn(staff, addDays(month.from, 3));
      // One group computed: the others are missing.
      await compute(staff, { period: month.key, group: 'SM' });
      const partly = (await overview()).periods.at(-1)!;
      expect(partly.state).toBe('computed');
      expect(partly.missing).toContain('BF-01');
      expect(partly.missing).not.toContain(LIVE_BIRTHS);
      expect(partly.jobs).toEqual([
        expect.objectContaining({ state: 'completed', progress: 100, trigger: 'on_demand' }),
      ]);

      await compute(staff, { period: month.key });
      const computed = (await overview('mch_staff')).periods.at(-1)!;
      expect(computed).toMatchObject({ state: 'computed', version: 1, missing: [], stale: [] });
      expect(computed.jobs).toHaveLength(1);
      expect(computed.jobs[0].jobId).toMatch(
        new RegExp(`^compute:f${staff.facility.id}:${month.key}:all:`),
      );

      // A birth recorded late makes the month stale; the month before is untouched.
      await birthOn(staff, addDays(month.from, 5));
      const [, untouched, stale] = (await overview()).periods;
      expect(untouched.state).toBe('never_computed');
      expect(stale.state).toBe('stale');
      expect(stale.stale).toContain(LIVE_BIRTHS);

      await compute(staff, { period: month.key });
      await t
        .http()
        .post('/indicator-periods/close')
        .set(as(staff, 'mch_staff'))
        .send({ period: month.key })
        .expect(201);
      expect((await overview()).periods.at(-1)).toMatchObject({ state: 'closed', version: 1 });

      // Another facility's periods are not the caller's to see.
      const other = await createStaffedFacility(t.dataSource, login);
      await t
        .http()
        .get('/indicator-periods/overview')
        .query({ period: month.key, facilityId: staff.facility.id })
        .set(as(other, 'statistician'))
        .expect(404);
      const tooMany = await t
        .http()
        .get('/indicator-periods/overview')
        .query({ period: month.key, count: 37 })
        .set(as(staff, 'statistician'))
        .expect(400);
      expect(tooMany.body.details).toEqual([
        expect.objectContaining({ field: 'count', rule: 'max' }),
      ]);
    });
  });

  describe('period close', () => {
    it('keeps a closed month after a late correction; a second version is computed, closed and both are listed', async () => {
      const staff = await createStaffedFacility(t.dataSource, login);
      const month = lastMonth();
      const period = month.key;
      const versions = async () =>
        (
          await t
            .http()
            .get('/indicator-periods')
            .query({ period })
            .set(as(staff, 'statistician'))
            .expect(200)
        ).body;
      const close = () =>
        t.http().post('/indicator-periods/close').set(as(staff, 'mch_staff')).send({ period });

      await birthOn(staff, addDays(month.from, 2));
      expect((await versions()).versions).toEqual([]);
      const never = await close().expect(409);
      expect(never.body.code).toBe('PERIOD_NOT_COMPUTED');
      expect(never.body.details[0].indicatorCodes).toEqual(ALL_CODES);

      // One group computed is not the period computed.
      await compute(staff, { period, group: 'SM' });
      const partly = await close().expect(409);
      expect(partly.body.details[0].indicatorCodes).toEqual(
        INDICATORS.filter((i) => i.group !== 'SM')
          .map((i) => i.code)
          .sort(),
      );

      await compute(staff, { period });
      expect((await versions()).versions).toEqual([
        expect.objectContaining({ version: 1, state: 'computed', values: INDICATORS.length }),
      ]);
      await t
        .http()
        .post('/indicator-periods/close')
        .set(as(staff, 'statistician'))
        .send({ period })
        .expect(403);
      const closed = await close().expect(201);
      expect(closed.body).toMatchObject({ facilityId: staff.facility.id, period });
      expect(closed.body.versions).toEqual([
        expect.objectContaining({
          version: 1,
          state: 'closed',
          closedBy: staff.users.mch_staff.id,
          correctedAt: null,
        }),
      ]);
      const [audit] = await t.dataSource.query(
        "SELECT action, entity_id, JSON_EXTRACT(`after`, '$.version') AS version FROM audit_entry WHERE entity = 'indicator_period' AND facility_id = ?",
        [staff.facility.id],
      );
      expect(audit).toMatchObject({
        action: 'status_change',
        entity_id: `${staff.facility.id}:${period}:1`,
      });
      expect(Number(audit.version)).toBe(1);
      expect((await close().expect(409)).body.code).toBe('PERIOD_ALREADY_CLOSED');

      const before = valueOf(await values(staff, { period }), LIVE_BIRTHS);
      expect(before).toMatchObject({ denominator: 1, version: 1, state: 'closed', stale: false });

      // A birth of the month recorded late: the closed values stay, the period is corrected.
      await birthOn(staff, addDays(month.from, 5));
      await t.app.get(IndicatorStaleness).markFromAuditTrail();
      expect(valueOf(await values(staff, { period }), LIVE_BIRTHS)).toMatchObject({
        denominator: 1,
        version: 1,
        state: 'corrected_after_close',
        stale: true,
      });
      expect((await versions()).versions).toEqual([
        expect.objectContaining({ version: 1, state: 'corrected_after_close' }),
        expect.objectContaining({ version: 2, state: 'stale' }),
      ]);
      const stale = await close().expect(409);
      expect(stale.body.code).toBe('PERIOD_STALE');
      expect(stale.body.details[0].indicatorCodes).toContain(LIVE_BIRTHS);

      await compute(staff, { period });
      expect(valueOf(await values(staff, { period, version: 2 }), LIVE_BIRTHS)).toMatchObject({
        denominator: 2,
        version: 2,
        state: 'computed',
      });
      const second = await close().expect(201);
      expect(second.body.versions).toEqual([
        expect.objectContaining({ version: 1, state: 'corrected_after_close' }),
        expect.objectContaining({ version: 2, state: 'closed', correctedAt: null }),
      ]);
      expect(valueOf(await values(staff, { period }), LIVE_BIRTHS)).toMatchObject({
        denominator: 2,
        version: 2,
        state: 'closed',
      });
      expect(valueOf(await values(staff, { period, version: 1 }), LIVE_BIRTHS)).toMatchObject({
        denominator: 1,
        version: 1,
      });
      const missing = await t
        .http()
        .get('/indicator-values')
        .query({ period, version: 3 })
        .set(as(staff, 'mch_staff'))
        .expect(404);
      expect(missing.body.details[0].field).toBe('version');

      // The closed rows cannot be changed by the application's own account.
      await expect(
        t.dataSource.query(
          'UPDATE indicator_value_closed SET numerator = 0 WHERE facility_id = ?',
          [staff.facility.id],
        ),
      ).rejects.toThrow(/command denied/i);

      // The export names the version it holds.
      const csv = await download(staff, { period, format: 'csv' }).expect(200);
      const [columns, ...rows] = csvRows((csv.body as Buffer).toString('utf8'));
      const sm06 = rows.find((c) => c[columns.indexOf('code')] === LIVE_BIRTHS)!;
      expect(sm06[columns.indexOf('version')]).toBe('2');
      expect(sm06[columns.indexOf('state')]).toBe('closed');
      expect(sm06[columns.indexOf('export_status')]).toBe('complete');
    });

    it('evaluates day-dependent rules as of the period end plus their grace', async () => {
      const staff = await createStaffedFacility(t.dataSource, login);
      const past = previousPeriod(previousPeriod(previousPeriod(previousPeriod(lastMonth()))));
      await compute(staff, { period: past.key, group: 'RK' });
      const rk = await values(staff, { period: past.key, group: 'RK' });
      // Four months back every grace (7 days for RK-01, 3 for RK-03) has passed: settled.
      expect(valueOf(rk, 'RK-01')).toMatchObject({
        asOf: settlesOn('RK-01', past),
        provisional: false,
      });
      expect(valueOf(rk, 'RK-03')).toMatchObject({
        asOf: settlesOn('RK-03', past),
        provisional: false,
      });
      const running = periodContaining('month', today());
      await compute(staff, { period: running.key, group: 'RK' });
      expect(
        valueOf(await values(staff, { period: running.key, group: 'RK' }), 'RK-03'),
      ).toMatchObject({
        asOf: today(),
        provisional: true,
      });
    });
  });

  describe('regions by code prefix', () => {
    it('sums a city from its counties, names the facilities without a value, and validates the code', async () => {
      const province = `9${Math.floor(Math.random() * 10)}`;
      const city = `${province}01`;
      const month = lastMonth();
      const staffed = async (regionCode: string) => {
        const staff = await createStaffedFacility(t.dataSource, login);
        await t.dataSource.query('UPDATE facility SET region_code = ? WHERE id = ?', [
          regionCode,
          staff.facility.id,
        ]);
        return staff;
      };
      const east = await staffed(`${city}01`);
      const west = await staffed(`${city}02`);
      const elsewhere = await staffed(`${province}0201`);
      const silent = await createFacility(t.dataSource, { regionCode: `${city}02` });
      // Each mother lives in the county of the hospital that delivers her, so the district
      // indicator counts her where the facility is too.
      await birthOn(east, addDays(month.from, 1), `${city}01`);
      await birthOn(west, addDays(month.from, 1), `${city}02`);
      await birthOn(west, addDays(month.from, 2), `${city}02`);
      await birthOn(elsewhere, addDays(month.from, 3), `${province}0201`);
      for (const staff of [east, west, elsewhere]) await compute(staff, { period: month.key });

      const cityValue = valueOf(
        await values(east, { regionCode: city, period: month.key }, 'statistician'),
        LIVE_BIRTHS,
      );
      expect(cityValue).toMatchObject({
        denominator: 3,
        facilities: 2,
        state: 'not_computed',
        version: null,
      });
      expect(cityValue.withoutValue).toEqual([
        { facilityId: silent.id, code: silent.code, name: silent.name },
      ]);
      const provinceValue = valueOf(
        await values(east, { regionCode: province, period: month.key }, 'statistician'),
        LIVE_BIRTHS,
      );
      expect(provinceValue).toMatchObject({ denominator: 4, facilities: 3 });
      const county = valueOf(
        await values(east, { regionCode: `${city}01`, period: month.key }, 'statistician'),
        LIVE_BIRTHS,
      );
      expect(county).toMatchObject({
        denominator: 1,
        facilities: 1,
        withoutValue: [],
        state: 'computed',
      });

      // The city's export names the facility without values.
      const refused = await t
        .http()
        .get('/indicator-exports')
        .query({ regionCode: city, period: month.key, format: 'csv' })
        .set(as(east, 'statistician'))
        .expect(409);
      expect(refused.body.details).toEqual([
        expect.objectContaining({
          facilityId: silent.id,
          facilityCode: silent.code,
          rule: 'not_computed',
          indicatorCodes: ALL_CODES,
        }),
      ]);

      // A computation of the city covers every facility whose code starts with it.
      await compute(east, { regionCode: city, period: month.key }, 'statistician');
      expect(
        valueOf(
          await values(east, { regionCode: city, period: month.key }, 'statistician'),
          LIVE_BIRTHS,
        ),
      ).toMatchObject({ denominator: 3, facilities: 3, withoutValue: [], state: 'computed' });

      for (const regionCode of ['9', '123', '12345', '1234567', 'ab01', '１１']) {
        const { body } = await t
          .http()
          .get('/indicator-values')
          .query({ regionCode, period: month.key })
          .set(as(east, 'statistician'))
          .expect(400);
        expect(body.details[0]).toMatchObject({ field: 'regionCode' });
      }
      const unknown = await t
        .http()
        .get('/indicator-values')
        .query({ regionCode: '00', period: month.key })
        .set(as(east, 'statistician'))
        .expect(404);
      expect(unknown.body.code).toBe('REGION_NOT_FOUND');
    });
  });
});
