import { addDays } from '../src/core/time/calendar-date';
import { deliveryPayload, tenOClockOn } from './factories/delivery.factory';
import { createStaffedFacility, Staff } from './factories/people.factory';
import { registrationPayload, RegistrationPayload, today } from './factories/registration.factory';
import { auditTrail } from './utils/audit-trail';
import { bearer, loginWith } from './utils/auth';
import { createTestApp, TestApp } from './utils/test-app';

interface Registered {
  pregnancyId: number;
  womanId: number;
  version: number;
  payload: RegistrationPayload;
  body: Record<string, unknown>;
}

describe('dating scans, the past-due-date worklist and reopening', () => {
  let t: TestApp;
  let home: Staff;
  let other: Staff;

  const as = (staff: Staff, role: keyof Staff['tokens'] = 'nurse') => bearer(staff.tokens[role]);

  async function register(
    pregnancy: Record<string, unknown>,
    staff = home,
    payload = registrationPayload({ pregnancy }),
  ): Promise<Registered> {
    const { body } = await t
      .http()
      .post('/registrations')
      .set(as(staff))
      .send({ ...payload, pregnancy: { ...payload.pregnancy, ...pregnancy } })
      .expect(201);
    return {
      pregnancyId: body.pregnancy.id,
      womanId: body.woman.id,
      version: body.pregnancy.version,
      payload,
      body: body.pregnancy,
    };
  }

  const pregnancy = async (id: number, staff = home) =>
    (await t.http().get(`/pregnancies/${id}`).set(as(staff)).expect(200)).body;
  const addScan = (id: number, scan: Record<string, unknown>, staff = home) =>
    t.http().post(`/pregnancies/${id}/scans`).set(as(staff)).send(scan);
  const scans = async (id: number) =>
    (await t.http().get(`/pregnancies/${id}/scans`).set(as(home, 'statistician')).expect(200)).body;
  const eddChanges = async (id: number) =>
    (await t.http().get(`/pregnancies/${id}/edd-changes`).set(as(home)).expect(200)).body;

  beforeAll(async () => {
    t = await createTestApp();
    home = await createStaffedFacility(t.dataSource, loginWith(t));
    other = await createStaffedFacility(t.dataSource, loginWith(t));
  });

  afterAll(() => t.close());

  describe('every scan is kept; the earliest dates the pregnancy', () => {
    it('a 30-week scan 25 days off leaves the EDD alone and is kept, not used for dating', async () => {
      const lmp = addDays(today(), -230);
      const p = await register({
        registrationDate: addDays(today(), -140),
        lmp,
        ultrasound: { scanDate: addDays(lmp, 80), gaDays: 82, method: 'crl' },
      });
      expect(p.body).toMatchObject({ eddSource: 'lmp', edd: addDays(lmp, 280) });

      const scanDate = addDays(lmp, 210); // 30+0 by the LMP
      const { body } = await addScan(p.pregnancyId, {
        scanDate,
        gaDays: 185, // 25 days smaller: beyond even the 21-day row
        method: 'biometry',
        note: '孕30周B超 胎儿生长受限?',
      }).expect(201);
      expect(body.scan).toMatchObject({
        scanDate,
        gaDays: 185,
        gaDisplay: '26+3',
        method: 'biometry',
        usedForDating: false,
        notUsedReason: 'earlier_scan_dates',
        notUsedReasonText: expect.stringContaining('never moves the EDD'),
      });
      expect(body.pregnancy).toMatchObject({
        edd: addDays(lmp, 280),
        eddSource: 'lmp',
        ultrasoundScanDate: addDays(lmp, 80),
        suboptimallyDated: false,
        version: p.version,
      });
      expect(await eddChanges(p.pregnancyId)).toHaveLength(1);
      expect(
        (await scans(p.pregnancyId)).map((s: Record<string, unknown>) => [
          s.scanDate,
          s.usedForDating,
          s.notUsedReason,
        ]),
      ).toEqual([
        [addDays(lmp, 80), true, null],
        [scanDate, false, 'earlier_scan_dates'],
      ]);
      const trail = await auditTrail(t.dataSource, 'dating_scan', body.scan.id);
      expect(trail).toEqual([
        expect.objectContaining({
          action: 'create',
          userId: home.users.nurse.id,
          after: expect.objectContaining({ usedForDating: false, gaDays: 185 }),
        }),
      ]);
    });

    it('a first scan at 30 weeks redates beyond 21 days through the EDD-change path, flagged suboptimally dated', async () => {
      const lmp = addDays(today(), -215);
      const p = await register({ registrationDate: addDays(today(), -100), lmp });
      const overdueBefore = (
        await t.http().get(`/pregnancies/${p.pregnancyId}/schedule`).set(as(home)).expect(200)
      ).body.windows;
      const scanDate = addDays(lmp, 210);
      const { body } = await addScan(p.pregnancyId, {
        scanDate,
        gaDays: 188, // 22 days smaller
        method: 'biometry',
        note: '首次B超（孕30周）',
      }).expect(201);
      const newEdd = addDays(scanDate, 280 - 188);
      expect(body.scan).toMatchObject({ usedForDating: true, notUsedReason: null });
      expect(body.pregnancy).toMatchObject({
        edd: newEdd,
        eddSource: 'ultrasound',
        suboptimallyDated: true,
        version: p.version + 1,
      });
      expect((await pregnancy(p.pregnancyId)).suboptimallyDated).toBe(true);
      expect(await eddChanges(p.pregnancyId)).toEqual([
        expect.objectContaining({ newEdd: addDays(lmp, 280), newSource: 'lmp' }),
        expect.objectContaining({
          oldEdd: addDays(lmp, 280),
          newEdd,
          newSource: 'ultrasound',
          reason: '首次B超（孕30周）',
          changedBy: home.users.nurse.id,
        }),
      ]);
      // The schedule follows the new EDD: every window moved by the 22 days.
      const after = (
        await t.http().get(`/pregnancies/${p.pregnancyId}/schedule`).set(as(home)).expect(200)
      ).body.windows;
      expect(after[0].dueFrom).toBe(addDays(overdueBefore[0].dueFrom, 22));
    });

    it.each([
      [153, false], // 21+6
      [154, true], // 22+0
    ])(
      'a first scan at GA %i given at registration is her dating scan; suboptimally dated: %s',
      async (ga, flagged) => {
        const lmp = addDays(today(), -200);
        const p = await register({
          registrationDate: addDays(today(), -10),
          lmp,
          ultrasound: { scanDate: addDays(lmp, ga), gaDays: ga + 2 },
        });
        expect(p.body).toMatchObject({ eddSource: 'lmp', suboptimallyDated: flagged });
        expect(await scans(p.pregnancyId)).toEqual([
          expect.objectContaining({ gaDays: ga + 2, method: 'biometry', usedForDating: true }),
        ]);
      },
    );

    it('an earlier scan recorded later takes over the dating; the one it replaces is kept, not used', async () => {
      const lmp = addDays(today(), -150);
      const lateScan = { scanDate: addDays(lmp, 130), gaDays: 142 }; // 12 days: redates (10-day row)
      const p = await register({
        registrationDate: addDays(today(), -15),
        lmp,
        ultrasound: lateScan,
      });
      expect(p.body).toMatchObject({ eddSource: 'ultrasound' });
      const { body } = await addScan(p.pregnancyId, {
        scanDate: addDays(lmp, 70),
        gaDays: 72,
        method: 'crl',
      }).expect(201);
      expect(body.scan).toMatchObject({ usedForDating: true });
      expect(body.pregnancy).toMatchObject({
        edd: addDays(lmp, 280),
        eddSource: 'lmp',
        ultrasoundScanDate: addDays(lmp, 70),
      });
      expect(
        (await scans(p.pregnancyId)).map((s: Record<string, unknown>) => s.usedForDating),
      ).toEqual([true, false]);
      expect(
        (await eddChanges(p.pregnancyId)).map((c: { newSource: string }) => c.newSource),
      ).toEqual(['ultrasound', 'lmp']);
    });

    it('an IVF pregnancy keeps its scans, none used for dating', async () => {
      const transferDate = addDays(today(), -60);
      const p = await register({
        registrationDate: today(),
        lmp: null,
        ivf: { transferDate, embryoAgeDays: 5 },
      });
      const { body } = await addScan(p.pregnancyId, {
        scanDate: today(),
        gaDays: 70,
        method: 'crl',
      }).expect(201);
      expect(body.scan).toMatchObject({ usedForDating: false, notUsedReason: 'ivf_dates' });
      expect(body.pregnancy).toMatchObject({ eddSource: 'ivf', suboptimallyDated: false });
    });

    it('refuses a CRL past 13+6, a future scan, a closed pregnancy, another facility and a statistician', async () => {
      const p = await register({ lmp: addDays(today(), -100) });
      const crl = (gaDays: number) =>
        addScan(p.pregnancyId, { scanDate: today(), gaDays, method: 'crl' });
      const tooLate = await crl(98).expect(400);
      expect(tooLate.body.details).toEqual([
        expect.objectContaining({ field: 'method', rule: 'crlUpTo13w6d' }),
      ]);
      await crl(97).expect(201);
      const future = await addScan(p.pregnancyId, {
        scanDate: addDays(today(), 1),
        gaDays: 100,
        method: 'biometry',
      }).expect(400);
      expect(future.body.details).toEqual([
        expect.objectContaining({ field: 'scanDate', rule: 'notFuture' }),
      ]);
      const beforeLmp = await addScan(p.pregnancyId, {
        scanDate: addDays(today(), -101),
        gaDays: 40,
        method: 'crl',
      }).expect(400);
      expect(beforeLmp.body.details).toEqual([
        expect.objectContaining({ field: 'scanDate', rule: 'afterLmp' }),
      ]);
      await addScan(
        p.pregnancyId,
        { scanDate: today(), gaDays: 100, method: 'biometry' },
        other,
      ).expect(404);
      await t.http().get(`/pregnancies/${p.pregnancyId}/scans`).set(as(other)).expect(404);
      await t
        .http()
        .post(`/pregnancies/${p.pregnancyId}/scans`)
        .set(as(home, 'statistician'))
        .send({ scanDate: today(), gaDays: 100, method: 'biometry' })
        .expect(403);
      const viaRedating = await t
        .http()
        .post(`/pregnancies/${p.pregnancyId}/redating`)
        .set(as(home))
        .send({ version: p.version, ultrasound: { scanDate: today(), gaDays: 90 }, reason: 'x' })
        .expect(400);
      expect(viaRedating.body.details).toEqual([expect.objectContaining({ field: 'ultrasound' })]);

      const current = await pregnancy(p.pregnancyId);
      await t
        .http()
        .post(`/pregnancies/${p.pregnancyId}/status`)
        .set(as(home))
        .send({
          version: current.version,
          status: 'transferred_out',
          effectiveDate: today(),
          reason: '转院',
        })
        .expect(200);
      const closed = await addScan(p.pregnancyId, {
        scanDate: today(),
        gaDays: 100,
        method: 'biometry',
      }).expect(409);
      expect(closed.body.code).toBe('PREGNANCY_NOT_OPEN');
    });
  });

  describe('the past-due-date worklist', () => {
    let ward: Staff;
    const list = async (query: Record<string, number> = { pageSize: 100 }) =>
      (await t.http().get('/worklists/past-due-date').query(query).set(as(ward)).expect(200)).body;
    /** An open pregnancy whose EDD was `days` ago. */
    const pastEdd = (days: number) =>
      register(
        { registrationDate: addDays(today(), -200), lmp: addDays(today(), -(280 + days)) },
        ward,
      );

    beforeAll(async () => {
      ward = await createStaffedFacility(t.dataSource, loginWith(t));
    });

    it('lists open pregnancies from 14 days past the EDD, not 13; masked, longest past first, paginated', async () => {
      const day13 = await pastEdd(13);
      const day14 = await pastEdd(14);
      const day20 = await pastEdd(20);
      const page = await list();
      expect(page.asOf).toBe(today());
      expect(page.items.map((i: { pregnancyId: number }) => i.pregnancyId)).toEqual([
        day20.pregnancyId,
        day14.pregnancyId,
      ]);
      expect(page.total).toBe(2);
      const phone = day14.payload.woman.phone as string;
      expect(page.items[1]).toMatchObject({
        womanId: day14.womanId,
        name: day14.payload.woman.name,
        phone: `${phone.slice(0, 3)}****${phone.slice(-4)}`,
        edd: addDays(today(), -14),
        daysPastDueDate: 14,
        gestationalAge: { days: 294, display: '42+0' },
        lastContact: null,
      });
      expect(JSON.stringify(page)).not.toContain(day14.payload.woman.documentNumber as string);
      expect(JSON.stringify(page)).not.toContain(phone);
      expect(page.items.map((i: { pregnancyId: number }) => i.pregnancyId)).not.toContain(
        day13.pregnancyId,
      );

      const first = await list({ page: 1, pageSize: 1 });
      const second = await list({ page: 2, pageSize: 1 });
      expect([first.total, second.total]).toEqual([2, 2]);
      expect([...first.items, ...second.items].map((i) => i.pregnancyId)).toEqual([
        day20.pregnancyId,
        day14.pregnancyId,
      ]);
    });

    it('drops her once a delivery or an ending is recorded; other facilities and statisticians see none', async () => {
      const delivered = await pastEdd(15);
      const ended = await pastEdd(16);
      const listed = async () =>
        (await list()).items.map((i: { pregnancyId: number }) => i.pregnancyId);
      expect(await listed()).toEqual(
        expect.arrayContaining([delivered.pregnancyId, ended.pregnancyId]),
      );
      await t
        .http()
        .post(`/pregnancies/${delivered.pregnancyId}/delivery`)
        .set(as(ward))
        .send(deliveryPayload(tenOClockOn(today())))
        .expect(201);
      await t
        .http()
        .post(`/pregnancies/${ended.pregnancyId}/status`)
        .set(as(ward))
        .send({
          version: ended.version,
          status: 'lost_to_follow_up',
          effectiveDate: today(),
          reason: '多次电话未接通',
        })
        .expect(200);
      expect(await listed()).not.toEqual(expect.arrayContaining([delivered.pregnancyId]));
      expect(await listed()).not.toContain(ended.pregnancyId);

      const elsewhere = await t.http().get('/worklists/past-due-date').set(as(other)).expect(200);
      expect(elsewhere.body.items.map((i: { pregnancyId: number }) => i.pregnancyId)).not.toContain(
        delivered.pregnancyId,
      );
      await t.http().get('/worklists/past-due-date').set(as(ward, 'statistician')).expect(403);
    });
  });

  describe('reopening a pregnancy when she comes back', () => {
    const move = (p: Registered, version: number, status: string, effectiveDate = today()) =>
      t
        .http()
        .post(`/pregnancies/${p.pregnancyId}/status`)
        .set(as(home))
        .send({ version, status, effectiveDate, reason: '未按时产检，电话无法联系' })
        .expect(200);
    const reopen = (p: Registered, body: Record<string, unknown>, staff = home) =>
      t
        .http()
        .post(`/pregnancies/${p.pregnancyId}/reopen`)
        .set(as(staff))
        .send({ effectiveDate: today(), reason: '孕妇返回本院继续产检', ...body });
    const visit = (p: Registered, visitDate = today()) =>
      t
        .http()
        .post(`/pregnancies/${p.pregnancyId}/visits`)
        .set(as(home))
        .send({ visitDate, weightKg: 60, systolicMmHg: 110, diastolicMmHg: 70 });

    it('a lost pregnancy reopens to open, audited with the reason, and takes visits again', async () => {
      const p = await register({
        registrationDate: addDays(today(), -60),
        lmp: addDays(today(), -150),
      });
      const lost = await move(p, p.version, 'lost_to_follow_up', addDays(today(), -1));
      const refused = await visit(p).expect(409);
      expect(refused.body.code).toBe('VISIT_AFTER_PREGNANCY_END');

      const future = await reopen(p, {
        version: lost.body.version,
        effectiveDate: addDays(today(), 1),
      }).expect(400);
      expect(future.body.details).toEqual([
        expect.objectContaining({ field: 'effectiveDate', rule: 'notFuture' }),
      ]);
      await reopen(p, { version: lost.body.version }, other).expect(404);
      const stale = await reopen(p, { version: p.version }).expect(409);
      expect(stale.body.code).toBe('STALE_VERSION');

      const reopened = await reopen(p, { version: lost.body.version }).expect(200);
      expect(reopened.body).toMatchObject({
        status: 'open',
        statusDate: today(),
        statusReason: '孕妇返回本院继续产检',
        outcomeDate: null,
        gestationalAge: { days: 150 },
      });
      await visit(p).expect(201);
      const moves = (await auditTrail(t.dataSource, 'pregnancy', p.pregnancyId)).filter(
        (row) => row.action === 'status_change',
      );
      expect(moves.map((row) => [row.before?.status, row.after?.status, row.reason])).toEqual([
        ['open', 'lost_to_follow_up', '未按时产检，电话无法联系'],
        ['lost_to_follow_up', 'open', '孕妇返回本院继续产检'],
      ]);
      // Open again: a second open pregnancy is refused, as for any open one.
      const again = await t.http().post('/registrations').set(as(home)).send(p.payload).expect(409);
      expect(again.body.code).toBe('PREGNANCY_ALREADY_OPEN');
    });

    it('a woman transferred out after the birth comes back to delivered; open and closed ones do not reopen', async () => {
      const p = await register({
        registrationDate: addDays(today(), -200),
        lmp: addDays(today(), -275),
      });
      await t
        .http()
        .post(`/pregnancies/${p.pregnancyId}/delivery`)
        .set(as(home))
        .send(deliveryPayload(tenOClockOn(addDays(today(), -3))))
        .expect(201);
      const delivered = await pregnancy(p.pregnancyId);
      const open = await reopen(p, { version: delivered.version }).expect(409);
      expect(open.body.code).toBe('PREGNANCY_STATUS_TRANSITION_INVALID');
      const moved = await move(p, delivered.version, 'transferred_out', addDays(today(), -2));
      const back = await reopen(p, { version: moved.body.version }).expect(200);
      expect(back.body).toMatchObject({
        status: 'delivered',
        outcomeDate: addDays(today(), -3),
        gestationalAge: null,
      });
      const closed = await move(p, back.body.version, 'closed');
      const refused = await reopen(p, { version: closed.body.version }).expect(409);
      expect(refused.body.code).toBe('PREGNANCY_STATUS_TRANSITION_INVALID');
    });

    it('a lost episode never blocks her next registration; once one is registered the old one stays closed', async () => {
      const p = await register({
        registrationDate: addDays(today(), -30),
        lmp: addDays(today(), -100),
      });
      const lost = await move(p, p.version, 'lost_to_follow_up');
      const next = await t
        .http()
        .post('/registrations')
        .set(as(other))
        .send({ ...p.payload, pregnancy: { ...p.payload.pregnancy, lmp: addDays(today(), -100) } })
        .expect(201);
      expect(next.body).toMatchObject({ existingWoman: true, pregnancy: { status: 'open' } });
      const superseded = await reopen(p, { version: lost.body.version }).expect(409);
      expect(superseded.body).toMatchObject({ code: 'PREGNANCY_SUPERSEDED' });
      expect(JSON.stringify(superseded.body)).not.toContain(String(next.body.pregnancy.id));
    });
  });
});
