import { createHash } from 'node:crypto';
import { getQueueToken } from '@nestjs/bull';
import type { Job, Queue } from 'bull';
import type { Test } from 'supertest';
import { QUEUES } from '../src/core/queue/queue.constants';
import { periodContaining, previousPeriod } from '../src/indicators/periods';
import { createStaffedFacility, Staff } from './factories/people.factory';
import { today } from './factories/registration.factory';
import { bearer, loginWith } from './utils/auth';
import { createTestApp, TestApp } from './utils/test-app';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A download read as its bytes, whatever its content type. */
function asBytes(download: Test): Test {
  return download.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });
}

/**
 * The report centre's history: every export kept with what it held, listed to those who may see
 * its scope, and handed out again byte for byte.
 */
describe('indicator export records', () => {
  let t: TestApp;
  let home: Staff;
  let other: Staff;
  let queue: Queue;
  const lastMonth = () => previousPeriod(periodContaining('month', today()));
  const as = (staff: Staff, role: keyof Staff['tokens']) => bearer(staff.tokens[role]);

  beforeAll(async () => {
    t = await createTestApp();
    const login = loginWith(t);
    home = await createStaffedFacility(t.dataSource, login);
    other = await createStaffedFacility(t.dataSource, login);
    queue = t.app.get<Queue>(getQueueToken(QUEUES.indicators));
    const { body } = await t
      .http()
      .post('/indicator-computations')
      .set(as(home, 'statistician'))
      .send({ period: lastMonth().key })
      .expect(202);
    await ((await queue.getJob(body.jobId as string)) as Job).finished();
  });

  afterAll(async () => {
    await queue.empty();
    await t.close();
  });

  it('keeps each export with who sent it and which computation it held, and hands out the same bytes', async () => {
    const period = lastMonth().key;
    const xlsx = await asBytes(
      t
        .http()
        .get('/indicator-exports')
        .query({ period, format: 'xlsx' })
        .set(as(home, 'statistician')),
    ).expect(200);
    const sent = xlsx.body as Buffer;

    const { body: listed } = await t
      .http()
      .get('/indicator-export-records')
      .query({ period })
      .set(as(home, 'mch_staff'))
      .expect(200);
    expect(listed.total).toBe(1);
    const [record] = listed.items;
    expect(record).toMatchObject({
      facilityId: home.facility.id,
      regionCode: null,
      period,
      format: 'xlsx',
      complete: true,
      jobId: null,
      exportedBy: home.users.statistician.id,
      exportedByName: home.users.statistician.displayName,
      bytes: sent.length,
      sha256: sha256(sent),
      downloadUrl: `/indicator-export-records/${record.id}/file`,
    });
    expect(record.held).toEqual([
      expect.objectContaining({
        facilityId: home.facility.id,
        code: home.facility.code,
        version: 1,
        state: 'computed',
        computedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      }),
    ]);

    const again = await asBytes(
      t
        .http()
        .get(record.downloadUrl as string)
        .set(as(home, 'statistician')),
    ).expect(200);
    expect(sha256(again.body as Buffer)).toBe(record.sha256);
    expect(again.headers['content-disposition']).toContain(
      `indicators-${home.facility.code}-${period}.xlsx`,
    );
  });

  it('a queued export is kept under its job: the job hands out the kept file, listed newest first', async () => {
    const period = lastMonth().key;
    const { body } = await t
      .http()
      .post('/indicator-exports')
      .set(as(home, 'mch_staff'))
      .send({ period, format: 'csv' })
      .expect(202);
    await ((await queue.getJob(body.jobId as string)) as Job).finished();
    const file = await asBytes(
      t.http().get(`/indicator-exports/${body.jobId}/file`).set(as(home, 'mch_staff')),
    ).expect(200);

    const { body: listed } = await t
      .http()
      .get('/indicator-export-records')
      .set(as(home, 'statistician'))
      .expect(200);
    expect(listed.items.map((r: { format: string }) => r.format)).toEqual(['csv', 'xlsx']);
    expect(listed.items[0]).toMatchObject({
      jobId: String(body.jobId),
      exportedBy: home.users.mch_staff.id,
      sha256: sha256(file.body as Buffer),
    });
  });

  it('an export allowed with missing values is kept as incomplete, naming what it held', async () => {
    const never = previousPeriod(previousPeriod(previousPeriod(lastMonth()))).key;
    await t
      .http()
      .get('/indicator-exports')
      .query({ period: never, format: 'csv', allowStale: true })
      .set(as(home, 'statistician'))
      .expect(200);
    const { body } = await t
      .http()
      .get('/indicator-export-records')
      .query({ period: never })
      .set(as(home, 'statistician'))
      .expect(200);
    expect(body.items).toEqual([
      expect.objectContaining({
        complete: false,
        held: [expect.objectContaining({ state: 'not_computed', values: 0 })],
      }),
    ]);
  });

  it('another facility sees none of them, cannot fetch their files, and the rows cannot be changed', async () => {
    const { body } = await t
      .http()
      .get('/indicator-export-records')
      .set(as(home, 'statistician'))
      .expect(200);
    const id = body.items[0].id as number;
    const theirs = await t
      .http()
      .get('/indicator-export-records')
      .set(as(other, 'mch_staff'))
      .expect(200);
    expect(theirs.body.total).toBe(0);
    const refused = await t
      .http()
      .get(`/indicator-export-records/${id}/file`)
      .set(as(other, 'statistician'))
      .expect(404);
    expect(refused.body.code).toBe('EXPORT_NOT_FOUND');
    const named = await t
      .http()
      .get('/indicator-export-records')
      .query({ facilityId: home.facility.id })
      .set(as(other, 'mch_staff'))
      .expect(404);
    expect(named.body.code).toBe('FACILITY_NOT_FOUND');
    await t.http().get('/indicator-export-records').set(as(home, 'nurse')).expect(403);

    await expect(
      t.dataSource.query('UPDATE indicator_export SET bytes = 0 WHERE id = ?', [id]),
    ).rejects.toThrow(/command denied/i);
    await expect(
      t.dataSource.query('DELETE FROM indicator_export WHERE id = ?', [id]),
    ).rejects.toThrow(/command denied/i);
  });

  it('refuses a bad filter naming the field', async () => {
    const period = await t
      .http()
      .get('/indicator-export-records')
      .query({ period: '2026-13' })
      .set(as(home, 'statistician'))
      .expect(400);
    expect(period.body.details[0].field).toBe('period');
    const region = await t
      .http()
      .get('/indicator-export-records')
      .query({ regionCode: '11' })
      .set(as(home, 'mch_staff'))
      .expect(403);
    expect(region.body.code).toBe('FORBIDDEN_ROLE');
    const size = await t
      .http()
      .get('/indicator-export-records')
      .query({ pageSize: 101 })
      .set(as(home, 'statistician'))
      .expect(400);
    expect(size.body.details[0].field).toBe('pageSize');
  });
});
