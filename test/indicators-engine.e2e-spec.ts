import { getQueueToken } from '@nestjs/bull';
import type { Job, Queue } from 'bull';
import ExcelJS from 'exceljs';
import { INDICATOR_JOBS, QUEUES } from '../src/core/queue/queue.constants';
import { addDays } from '../src/core/time/calendar-date';
import { INDICATORS } from '../src/indicators/definitions';
import type { ComputeJobData } from '../src/indicators/indicator-jobs.producer';
import { IndicatorStaleness } from '../src/indicators/indicator-staleness.service';
import { IndicatorValue } from '../src/indicators/indicator.entities';
import { periodContaining, previousPeriod } from '../src/indicators/periods';
import { baby, deliveryPayload, tenOClockOn } from './factories/delivery.factory';
import {
  createFacility,
  createStaffedFacility,
  createUser,
  Staff,
} from './factories/people.factory';
import { registrationPayload, today } from './factories/registration.factory';
import { bearer, loginWith } from './utils/auth';
import { createTestApp, TestApp } from './utils/test-app';

/**
 * The engine's mechanics: jobs, idempotent upserts, scope rules, targets, staleness after a late
 * correction, the audited drill-down and the three export formats. The values of each indicator
 * are checked by hand in indicators-births and indicators-programmes.
 */
describe('indicator engine', () => {
  let t: TestApp;
  let home: Staff;
  let other: Staff;
  let queue: Queue;
  let regionCode: string;
  const lastMonth = () => previousPeriod(periodContaining('month', today()));

  const as = (staff: Staff, role: keyof Staff['tokens']) => bearer(staff.tokens[role]);

  async function computed(
    body: Record<string, unknown>,
    staff = home,
    role: keyof Staff['tokens'] = 'statistician',
  ) {
    const response = await t
      .http()
      .post('/indicator-computations')
      .set(as(staff, role))
      .send(body)
      .expect(202);
    const job = (await queue.getJob(response.body.jobId as string)) as Job;
    await job.finished().catch(() => undefined);
    return (
      await t.http().get(`/indicator-computations/${job.id}`).set(as(staff, role)).expect(200)
    ).body;
  }

  beforeAll(async () => {
    t = await createTestApp();
    const login = loginWith(t);
    regionCode = String(600000 + Math.floor(Math.random() * 99999));
    home = await createStaffedFacility(t.dataSource, login);
    other = await createStaffedFacility(t.dataSource, login);
    for (const staff of [home, other]) {
      await t.dataSource.query('UPDATE facility SET region_code = ? WHERE id = ?', [
        regionCode,
        staff.facility.id,
      ]);
    }
    queue = t.app.get<Queue>(getQueueToken(QUEUES.indicators));

    // One delivery last month at home: a live-born girl, of a mother living in the region.
    const deliveryDay = addDays(lastMonth().from, 9);
    const { body } = await t
      .http()
      .post('/registrations')
      .set(as(home, 'nurse'))
      .send(
        registrationPayload({
          woman: { residenceRegionCode: regionCode, hukouRegionCode: regionCode },
          pregnancy: {
            lmp: addDays(deliveryDay, -275),
            registrationDate: addDays(deliveryDay, -200),
          },
        }),
      )
      .expect(201);
    await t
      .http()
      .post(`/pregnancies/${body.pregnancy.id}/delivery`)
      .set(as(home, 'nurse'))
      .send(deliveryPayload(tenOClockOn(deliveryDay), { babies: [baby()] }))
      .expect(201);
  });

  afterAll(async () => {
    await queue.empty();
    await t.close();
  });

  it('lists every definition with its cohort, criteria and target', async () => {
    const { body } = await t.http().get('/indicators').set(as(home, 'nurse')).expect(200);
    expect(body).toHaveLength(INDICATORS.length);
    expect(new Set(body.map((d: { code: string }) => d.code)).size).toBe(INDICATORS.length);
  });

  it('computes a facility-month as a job, and a second run leaves the same rows', async () => {
    const period = lastMonth().key;
    const first = await computed({ period });
    expect(first).toMatchObject({
      state: 'completed',
      progress: 100,
      facilityId: home.facility.id,
      period,
      group: null,
      trigger: 'on_demand',
      failedReason: null,
    });
    const rows = () =>
      t.dataSource.getRepository(IndicatorValue).find({
        where: { facilityId: home.facility.id, periodKey: period },
        order: { indicatorCode: 'ASC' },
      });
    const once = await rows();
    expect(once).toHaveLength(INDICATORS.length);

    const second = await computed({ period });
    expect(second.jobId).not.toBe(first.jobId);
    const twice = await rows();
    expect(
      twice.map((r) => [r.id, r.indicatorCode, r.numerator, r.denominator, r.excluded, r.value]),
    ).toEqual(
      once.map((r) => [r.id, r.indicatorCode, r.numerator, r.denominator, r.excluded, r.value]),
    );
    expect(twice.every((r) => r.jobId === second.jobId)).toBe(true);

    const { body } = await t
      .http()
      .get('/indicator-values')
      .query({ period, trend: 3 })
      .set(as(home, 'mch_staff'))
      .expect(200);
    expect(body).toMatchObject({ facilityId: home.facility.id, regionCode: null, period });
    expect(body.values).toHaveLength(INDICATORS.length);
    expect(body.values[0].trend.map((p: { period: string }) => p.period)).toEqual([
      previousPeriod(previousPeriod(lastMonth())).key,
      previousPeriod(lastMonth()).key,
      period,
    ]);
  });

  it('reads a range of periods, oldest first, and refuses a range of mixed kinds', async () => {
    const from = previousPeriod(lastMonth()).key;
    const { body } = await t
      .http()
      .get('/indicator-values/range')
      .query({ period: from, to: lastMonth().key, group: 'BF' })
      .set(as(home, 'mch_staff'))
      .expect(200);
    expect(body.periods.map((p: { period: string }) => p.period)).toEqual([from, lastMonth().key]);
    const computedMonth = body.periods[1].values as Array<{
      group: string;
      computedAt: string | null;
    }>;
    expect(computedMonth.every((v) => v.group === 'BF' && v.computedAt !== null)).toBe(true);
    const mixed = await t
      .http()
      .get('/indicator-values/range')
      .query({ period: from, to: lastMonth().key.slice(0, 4) })
      .set(as(home, 'mch_staff'))
      .expect(400);
    expect(mixed.body.details[0]).toMatchObject({ field: 'to', rule: 'sameKindNotBefore' });
  });

  it('computes one group only when asked', async () => {
    const period = previousPeriod(lastMonth()).key;
    await computed({ period, group: 'RK' });
    const rows = await t.dataSource
      .getRepository(IndicatorValue)
      .findBy({ facilityId: home.facility.id, periodKey: period });
    expect(new Set(rows.map((r) => r.indicatorCode))).toEqual(
      new Set(INDICATORS.filter((i) => i.group === 'RK').map((i) => i.code)),
    );
  });

  it('sums a region from numerators and denominators, for statisticians and admins only', async () => {
    const period = lastMonth().key;
    const job = await computed({ regionCode, period });
    expect(job).toMatchObject({ state: 'completed', regionCode, facilityId: null });
    expect(job.result.facilityIds).toEqual([home.facility.id, other.facility.id]);

    const { body } = await t
      .http()
      .get('/indicator-values')
      .query({ regionCode, period })
      .set(as(home, 'statistician'))
      .expect(200);
    const [facilityRows, regionRows] = [
      await t.dataSource
        .getRepository(IndicatorValue)
        .findBy({ periodKey: period, facilityId: home.facility.id }),
      body.values as Array<{
        code: string;
        numerator: number;
        denominator: number;
        facilities: number;
      }>,
    ];
    const otherRows = await t.dataSource
      .getRepository(IndicatorValue)
      .findBy({ periodKey: period, facilityId: other.facility.id });
    for (const value of regionRows) {
      const mine = facilityRows.find((r) => r.indicatorCode === value.code)!;
      const theirs = otherRows.find((r) => r.indicatorCode === value.code)!;
      expect(value.numerator).toBe(mine.numerator + theirs.numerator);
      expect(value.denominator).toBe(mine.denominator + theirs.denominator);
      expect(value.facilities).toBe(2);
    }

    const refused = await t
      .http()
      .get('/indicator-values')
      .query({ regionCode, period })
      .set(as(home, 'mch_staff'))
      .expect(403);
    expect(refused.body.code).toBe('FORBIDDEN_ROLE');
  });

  it('answers bad requests with the field and the rule', async () => {
    const badPeriod = await t
      .http()
      .post('/indicator-computations')
      .set(as(home, 'statistician'))
      .send({ period: '2026-13' })
      .expect(400);
    expect(badPeriod.body.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'period' })]),
    );
    const badGroup = await t
      .http()
      .post('/indicator-computations')
      .set(as(home, 'statistician'))
      .send({ period: '2026-03', group: 'XX' })
      .expect(400);
    expect(badGroup.body.details[0].field).toBe('group');
    const both = await t
      .http()
      .post('/indicator-computations')
      .set(as(home, 'admin'))
      .send({ period: '2026-03', facilityId: home.facility.id, regionCode })
      .expect(400);
    expect(both.body.details[0]).toMatchObject({ field: 'regionCode', rule: 'exclusive' });
    await t
      .http()
      .post('/indicator-computations')
      .set(as(home, 'nurse'))
      .send({ period: '2026-03' })
      .expect(403);
    const elsewhere = await t
      .http()
      .post('/indicator-computations')
      .set(as(home, 'statistician'))
      .send({ period: '2026-03', facilityId: other.facility.id })
      .expect(404);
    expect(elsewhere.body.code).toBe('FACILITY_NOT_FOUND');
    await t
      .http()
      .get('/indicator-computations/compute:nothing')
      .set(as(home, 'statistician'))
      .expect(404);
  });

  it('shows a failed job with its reason, without retrying what cannot succeed', async () => {
    const admin = home.tokens.admin;
    // The API refuses such a period, so the job goes straight onto the queue as a bad one would.
    const data: ComputeJobData = {
      scope: { facilityId: home.facility.id },
      period: 'not-a-period',
      group: null,
      trigger: 'on_demand',
      requestedBy: null,
    };
    const job = await queue.add(INDICATOR_JOBS.compute, data, {
      jobId: `compute:test-failed:${Date.now()}`,
      attempts: 3,
    });
    await expect(job.finished()).rejects.toThrow('Not a period: not-a-period');
    const { body } = await t
      .http()
      .get(`/indicator-computations/${job.id}`)
      .set(bearer(admin))
      .expect(200);
    expect(body).toMatchObject({ state: 'failed', attemptsMade: 1 });
    expect(body.failedReason).toContain('Not a period');
    const failed = await t
      .http()
      .get('/indicator-computations/failed')
      .set(bearer(admin))
      .expect(200);
    expect(failed.body.map((j: { jobId: string }) => j.jobId)).toContain(job.id);
  });

  it("uses a facility's own target once an admin sets it", async () => {
    const code = INDICATORS.find((i) => i.target?.direction === 'at_least')!.code;
    await t
      .http()
      .put(`/indicators/${code}/targets/${home.facility.id}`)
      .set(as(home, 'admin'))
      .send({ direction: 'at_least', value: 0 })
      .expect(200);
    const { body } = await t
      .http()
      .get('/indicator-values')
      .query({ period: lastMonth().key })
      .set(as(home, 'mch_staff'))
      .expect(200);
    expect(body.values.find((v: { code: string }) => v.code === code).target).toEqual({
      direction: 'at_least',
      value: 0,
    });
    const bad = await t
      .http()
      .put(`/indicators/${code}/targets/${home.facility.id}`)
      .set(as(home, 'admin'))
      .send({ direction: 'at_least', value: null })
      .expect(400);
    expect(bad.body.details[0].field).toBe('value');
    await t
      .http()
      .put(`/indicators/NOPE/targets/${home.facility.id}`)
      .set(as(home, 'admin'))
      .send({ direction: 'at_least', value: 1 })
      .expect(404);
    await t
      .http()
      .put(`/indicators/${code}/targets/${home.facility.id}`)
      .set(as(home, 'mch_staff'))
      .send({ direction: 'at_least', value: 1 })
      .expect(403);
  });

  it('marks the periods of a late correction stale, and the next run recomputes them', async () => {
    const period = lastMonth().key;
    const staleness = t.app.get(IndicatorStaleness);
    await staleness.markFromAuditTrail(); // read the trail up to now
    await computed({ period });

    // A late registration: its registration day is in last month.
    await t
      .http()
      .post('/registrations')
      .set(as(home, 'nurse'))
      .send(
        registrationPayload({
          pregnancy: {
            registrationDate: addDays(lastMonth().from, 3),
            lmp: addDays(lastMonth().from, -60),
          },
        }),
      )
      .expect(201);
    const marking = await staleness.markFromAuditTrail();
    expect(marking.valuesMarked).toBeGreaterThan(0);
    const values = async () =>
      (
        await t
          .http()
          .get('/indicator-values')
          .query({ period })
          .set(as(home, 'mch_staff'))
          .expect(200)
      ).body.values as Array<{ stale: boolean }>;
    expect((await values()).every((v) => v.stale)).toBe(true);
    const untouched = await t.dataSource
      .getRepository(IndicatorValue)
      .findBy({ facilityId: other.facility.id, periodKey: period });
    expect(untouched.some((r) => r.stale)).toBe(false);

    const plan = await queue.add('plan', { day: today() }, { jobId: `plan:test:${Date.now()}` });
    await plan.finished();
    // The plan covers every facility of the shared test database, and the worker computes one at
    // a time: only this facility's recomputation is waited for.
    // (A job the worker took in the meantime is locked and cannot be removed: it runs.)
    for (const job of await queue.getWaiting()) {
      if (!String(job.id).startsWith(`compute:f${home.facility.id}:`)) {
        await job.remove().catch(() => undefined);
      }
    }
    const recompute =
      (await queue.getJob(`compute:f${home.facility.id}:${period}:all:nightly:${today()}`)) ??
      (await queue.getJob(`compute:f${home.facility.id}:${period}:all:stale:${today()}`));
    expect(recompute).not.toBeNull();
    await recompute!.finished();
    expect((await values()).some((v) => v.stale)).toBe(false);
    await queue.empty();
  });

  it('lists the cases behind a value for maternal health staff, and audits the look', async () => {
    const code = INDICATORS[0].code;
    const { body } = await t
      .http()
      .get(`/indicator-values/${code}/cases`)
      .query({ period: lastMonth().key, role: 'denominator' })
      .set(as(home, 'mch_staff'))
      .expect(200);
    expect(body).toMatchObject({ page: 1, pageSize: 20 });
    expect(body.items).toHaveLength(Math.min(body.total, 20));
    const audits = await t.dataSource.query(
      "SELECT entity_id FROM audit_entry WHERE entity = 'indicator_value' AND action = 'view_cases' AND facility_id = ?",
      [home.facility.id],
    );
    expect(audits).toEqual([{ entity_id: `${code}:${lastMonth().key}` }]);
    await t
      .http()
      .get(`/indicator-values/${code}/cases`)
      .query({ period: lastMonth().key, role: 'denominator' })
      .set(as(home, 'nurse'))
      .expect(403);
    const badRole = await t
      .http()
      .get(`/indicator-values/${code}/cases`)
      .query({ period: lastMonth().key, role: 'all' })
      .set(as(home, 'mch_staff'))
      .expect(400);
    expect(badRole.body.details[0].field).toBe('role');
    await t
      .http()
      .get('/indicator-values/NOPE/cases')
      .query({ period: lastMonth().key, role: 'numerator' })
      .set(as(home, 'mch_staff'))
      .expect(404);
  });

  it('exports the period as xlsx (one sheet per group, Chinese headers), CSV and FHIR', async () => {
    const period = lastMonth().key;
    const xlsx = await t
      .http()
      .get('/indicator-exports')
      .query({ period, format: 'xlsx' })
      .set(as(home, 'statistician'))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(xlsx.headers['content-disposition']).toContain(
      `indicators-${home.facility.code}-${period}.xlsx`,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as ArrayBuffer);
    const groups = [...new Set(INDICATORS.map((i) => i.group))];
    // After the group sheets, one lists the version of each facility's values.
    expect(workbook.worksheets.map((s) => s.name.slice(0, 2))).toEqual([...groups, '版本']);
    const sheet = workbook.worksheets[0];
    // Row 2 of every sheet states whether the file is complete; the headers follow it.
    expect(sheet.getRow(2).getCell(1).value).toBe('数据状态：完整，无未计算或过期数值');
    expect(sheet.getRow(3).getCell(1).value).toBe('指标代码');
    expect(sheet.getRow(3).getCell(3).value).toBe('分子');
    const codes: string[] = [];
    for (const s of workbook.worksheets.slice(0, -1)) {
      // The table's rows: below the headers, above the sign-off block.
      s.eachRow((row, n) => {
        if (n > 3 && /^[A-Z]{2}-/.test(row.getCell(1).text)) codes.push(row.getCell(1).text);
      });
    }
    expect(codes.sort()).toEqual(INDICATORS.map((i) => i.code).sort());

    const csv = await t
      .http()
      .get('/indicator-exports')
      .query({ period, format: 'csv' })
      .set(as(home, 'statistician'))
      .expect(200);
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0].split(',').slice(0, 3)).toEqual(['subject', 'period', 'code']);
    expect(lines).toHaveLength(INDICATORS.length + 1);

    const fhir = await t
      .http()
      .get('/indicator-exports')
      .query({ period, format: 'fhir' })
      .set(as(home, 'statistician'))
      .expect(200);
    const bundle = JSON.parse(fhir.text);
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection' });
    expect(bundle.entry[0].resource).toMatchObject({
      resourceType: 'MeasureReport',
      type: 'summary',
      status: 'complete',
    });
    expect(
      bundle.entry[0].resource.group[0].population.map(
        (p: { code: { coding: Array<{ code: string }> } }) => p.code.coding[0].code,
      ),
    ).toEqual(['numerator', 'denominator', 'denominator-exclusion', 'incomplete']);
  });

  it('runs a regional export as a job and serves the file once it is built', async () => {
    const period = lastMonth().key;
    const { body } = await t
      .http()
      .post('/indicator-exports')
      .set(as(home, 'statistician'))
      .send({ regionCode, period, format: 'csv' })
      .expect(202);
    const job = (await queue.getJob(body.jobId as string)) as Job;
    await job.finished();
    const status = await t
      .http()
      .get(`/indicator-exports/${job.id}`)
      .set(as(home, 'statistician'))
      .expect(200);
    expect(status.body).toMatchObject({
      state: 'completed',
      filename: `indicators-${regionCode}-${period}.csv`,
    });
    const file = await t
      .http()
      .get(status.body.downloadUrl as string)
      .set(as(home, 'statistician'))
      .expect(200);
    expect(file.text).toContain(regionCode);
    const stranger = await createUser(
      t.dataSource,
      await createFacility(t.dataSource),
      'mch_staff',
    );
    const token = await loginWith(t)(stranger.username);
    await t.http().get(`/indicator-exports/${job.id}`).set(bearer(token)).expect(404);
  });
});
