import { addDays } from '../src/core/time/calendar-date';
import { ageInYears } from '../src/women/rules/registration-checks';
import { deliveryPayload, tenOClockOn } from './factories/delivery.factory';
import { createStaffedFacility, Staff } from './factories/people.factory';
import { registrationPayload, today, uniqueName } from './factories/registration.factory';
import { auditTrail } from './utils/audit-trail';
import { bearer, loginWith } from './utils/auth';
import { createTestApp, TestApp } from './utils/test-app';

interface Registered {
  womanId: number;
  pregnancyId: number;
  version: number;
  documentNumber: string;
  phone: string;
}

describe('pregnancies, women and audit', () => {
  let t: TestApp;
  let home: Staff;
  let other: Staff;

  const as = (staff: Staff, role: keyof Staff['tokens']) => bearer(staff.tokens[role]);

  async function registerOne(
    overrides: Parameters<typeof registrationPayload>[0] = {},
    staff = home,
  ): Promise<Registered> {
    const payload = registrationPayload(overrides);
    const { body } = await t
      .http()
      .post('/registrations')
      .set(as(staff, 'nurse'))
      .send(payload)
      .expect(201);
    return {
      womanId: body.woman.id,
      pregnancyId: body.pregnancy.id,
      version: body.pregnancy.version,
      documentNumber: payload.woman.documentNumber as string,
      phone: payload.woman.phone as string,
    };
  }

  const audits = (entity: string, entityId: number) => auditTrail(t.dataSource, entity, entityId);

  beforeAll(async () => {
    t = await createTestApp();
    home = await createStaffedFacility(t.dataSource, loginWith(t));
    other = await createStaffedFacility(t.dataSource, loginWith(t));
  });

  afterAll(() => t.close());

  describe('reading one pregnancy', () => {
    it('shows a nurse the full ID and phone, and audits the view', async () => {
      const p = await registerOne();
      const { body } = await t
        .http()
        .get(`/pregnancies/${p.pregnancyId}`)
        .set(as(home, 'nurse'))
        .expect(200);
      expect(body.woman).toMatchObject({
        documentNumber: p.documentNumber,
        phone: p.phone,
        documentNumberMasked: false,
      });
      const views = (await audits('woman', p.womanId)).filter(
        (row) => row.action === 'view_unmasked',
      );
      expect(views).toHaveLength(1);
      expect(views[0]).toMatchObject({
        userId: home.users.nurse.id,
        reason: `pregnancy ${p.pregnancyId}`,
      });
    });

    it('masks the ID and phone for a statistician, and audits no view', async () => {
      const p = await registerOne();
      const { body } = await t
        .http()
        .get(`/pregnancies/${p.pregnancyId}`)
        .set(as(home, 'statistician'))
        .expect(200);
      expect(body.woman.documentNumber).toBe(
        `${p.documentNumber.slice(0, 6)}********${p.documentNumber.slice(-4)}`,
      );
      expect(body.woman.phone).toBe(`${p.phone.slice(0, 3)}****${p.phone.slice(-4)}`);
      const views = (await audits('woman', p.womanId)).filter(
        (row) => row.action === 'view_unmasked',
      );
      expect(views).toHaveLength(0);
    });

    it('answers 404 to another facility, for the pregnancy, the woman and every action', async () => {
      const p = await registerOne();
      const token = as(other, 'nurse');
      for (const path of [
        `/pregnancies/${p.pregnancyId}`,
        `/pregnancies/${p.pregnancyId}/edd-changes`,
        `/pregnancies/${p.pregnancyId}/gestational-age`,
        `/women/${p.womanId}`,
      ]) {
        const { body } = await t.http().get(path).set(token).expect(404);
        expect(body.code).toMatch(/^(PREGNANCY|WOMAN)_NOT_FOUND$/);
      }
      await t
        .http()
        .patch(`/pregnancies/${p.pregnancyId}`)
        .set(token)
        .send({ version: p.version, gravidity: 3 })
        .expect(404);
      await t
        .http()
        .post(`/pregnancies/${p.pregnancyId}/status`)
        .set(token)
        .send({
          version: p.version,
          status: 'transferred_out',
          effectiveDate: today(),
          reason: 'x',
        })
        .expect(404);
      const unchanged = await t
        .http()
        .get(`/pregnancies/${p.pregnancyId}`)
        .set(as(home, 'nurse'))
        .expect(200);
      expect(unchanged.body).toMatchObject({ status: 'open', gravidity: 1, version: p.version });
    });

    it('gives the gestational age as of a date, in days and W+d', async () => {
      const p = await registerOne({ pregnancy: { lmp: addDays(today(), -90) } });
      const at = (asOf: string) =>
        t
          .http()
          .get(`/pregnancies/${p.pregnancyId}/gestational-age`)
          .query({ asOf })
          .set(as(home, 'nurse'));
      expect((await at(today()).expect(200)).body).toEqual({
        asOf: today(),
        days: 90,
        display: '12+6',
        trimester: 'first',
      });
      expect((await at(addDays(today(), 1)).expect(200)).body).toMatchObject({
        days: 91,
        display: '13+0',
        trimester: 'second',
      });
      const bad = await at('2026-13-01').expect(400);
      expect(bad.body.details).toEqual([
        expect.objectContaining({ field: 'asOf', rule: 'isCalendarDate' }),
      ]);
    });
  });

  describe('search', () => {
    it('finds by exact ID, name prefix, phone, status and EDD range, masked, in the caller facility only', async () => {
      const name = uniqueName();
      const p = await registerOne({ woman: { name }, pregnancy: { lmp: addDays(today(), -100) } });
      await registerOne({ woman: { name } }, other);
      const search = (query: Record<string, string>) =>
        t.http().get('/pregnancies').query(query).set(as(home, 'nurse')).expect(200);

      const byId = await search({ documentNumber: p.documentNumber.toLowerCase() });
      expect(byId.body.total).toBe(1);
      const full = (await t.http().get(`/pregnancies/${p.pregnancyId}`).set(as(home, 'nurse')))
        .body;
      // Every field of the list item, typed as the full record has it.
      expect(byId.body.items[0]).toEqual({
        id: p.pregnancyId,
        womanId: p.womanId,
        name,
        age: ageInYears(full.woman.birthDate, today()),
        documentType: 'resident_id',
        documentNumber: `${p.documentNumber.slice(0, 6)}********${p.documentNumber.slice(-4)}`,
        phone: `${p.phone.slice(0, 3)}****${p.phone.slice(-4)}`,
        registrationDate: today(),
        handbookNumber: null,
        edd: addDays(today(), 180),
        eddSource: 'lmp',
        gestationalAge: full.gestationalAge,
        status: 'open',
        riskColour: full.riskColour,
        riskPurple: false,
        facilityId: home.facility.id,
        facilityName: home.facility.name,
        version: p.version,
      });
      expect(byId.body.items[0].gestationalAge).toMatchObject({ days: 100, display: '14+2' });
      expect(
        (await search({ name: name.slice(0, -1) })).body.items.map((i: { id: number }) => i.id),
      ).toContain(p.pregnancyId);
      expect((await search({ name })).body.total).toBe(1);
      expect((await search({ phone: p.phone })).body.total).toBe(1);

      const edd = addDays(today(), 180);
      expect((await search({ name, eddFrom: edd, eddTo: edd })).body.total).toBe(1);
      expect((await search({ name, eddFrom: addDays(edd, 1) })).body.total).toBe(0);
      expect((await search({ name, eddTo: addDays(edd, -1) })).body.total).toBe(0);
      expect((await search({ name, status: 'open' })).body.total).toBe(1);
      expect((await search({ name, status: 'delivered' })).body.total).toBe(0);
    });

    it('finds her by the number of her handbook, one pregnancy per number, in the caller facility only', async () => {
      const number = `HB-${Date.now()}`;
      const p = await registerOne({ pregnancy: { handbookNumber: number } });
      const search = (staff: Staff, handbookNumber: string) =>
        t.http().get('/pregnancies').query({ handbookNumber }).set(as(staff, 'nurse')).expect(200);

      const found = await search(home, ` ${number.toLowerCase()} `);
      expect(found.body.items.map((i: { id: number }) => i.id)).toEqual([p.pregnancyId]);
      expect(found.body.items[0].handbookNumber).toBe(number);
      expect((await search(other, number)).body.total).toBe(0);

      const taken = await t
        .http()
        .post('/registrations')
        .set(as(other, 'nurse'))
        .send(registrationPayload({ pregnancy: { handbookNumber: number } }))
        .expect(409);
      expect(taken.body).toMatchObject({
        code: 'HANDBOOK_NUMBER_TAKEN',
        details: [{ field: 'pregnancy.handbookNumber', rule: 'unique' }],
      });
      const badFormat = await t
        .http()
        .post('/registrations')
        .set(as(home, 'nurse'))
        .send(registrationPayload({ pregnancy: { handbookNumber: 'hb 1' } }))
        .expect(400);
      expect(badFormat.body.details).toEqual([
        expect.objectContaining({ field: 'pregnancy.handbookNumber', rule: 'matches' }),
      ]);

      // Written later, on a record registered without it; a number already used is refused.
      const later = await registerOne();
      const renumbered = `${number}-2`;
      await t
        .http()
        .patch(`/pregnancies/${later.pregnancyId}`)
        .set(as(home, 'nurse'))
        .send({ version: later.version, handbookNumber: renumbered })
        .expect(200);
      expect((await search(home, renumbered)).body.items[0].id).toBe(later.pregnancyId);
      const reused = await t
        .http()
        .patch(`/pregnancies/${later.pregnancyId}`)
        .set(as(home, 'nurse'))
        .send({ version: later.version + 1, handbookNumber: number })
        .expect(409);
      expect(reused.body.details).toEqual([
        expect.objectContaining({ field: 'handbookNumber', rule: 'unique' }),
      ]);
    });

    it('paginates and refuses a page size over 100', async () => {
      const { body } = await t
        .http()
        .get('/pregnancies')
        .query({ page: 1, pageSize: 2 })
        .set(as(home, 'statistician'))
        .expect(200);
      expect(body.items.length).toBeLessThanOrEqual(2);
      expect(body).toMatchObject({ page: 1, pageSize: 2 });
      const tooBig = await t
        .http()
        .get('/pregnancies')
        .query({ pageSize: 101 })
        .set(as(home, 'nurse'))
        .expect(400);
      expect(tooBig.body.details).toEqual([
        expect.objectContaining({ field: 'pageSize', rule: 'max' }),
      ]);
    });
  });

  describe('updates', () => {
    it('updates with the current version, refuses a stale one with 409, and audits the change', async () => {
      const p = await registerOne();
      const updated = await t
        .http()
        .patch(`/pregnancies/${p.pregnancyId}`)
        .set(as(home, 'nurse'))
        .send({ version: p.version, gravidity: 3, parity: 1 })
        .expect(200);
      expect(updated.body).toMatchObject({ gravidity: 3, parity: 1, version: p.version + 1 });

      const stale = await t
        .http()
        .patch(`/pregnancies/${p.pregnancyId}`)
        .set(as(home, 'nurse'))
        .send({ version: p.version, gravidity: 4 })
        .expect(409);
      expect(stale.body.code).toBe('STALE_VERSION');

      const update = (await audits('pregnancy', p.pregnancyId)).find(
        (row) => row.action === 'update',
      );
      expect(update).toMatchObject({
        before: { gravidity: 1, parity: 0 },
        after: { gravidity: 3, parity: 1 },
      });
    });

    it('checks the merged obstetric history', async () => {
      const p = await registerOne();
      const { body } = await t
        .http()
        .patch(`/pregnancies/${p.pregnancyId}`)
        .set(as(home, 'nurse'))
        .send({ version: p.version, parity: 1 })
        .expect(400);
      expect(body.details).toEqual([
        expect.objectContaining({ field: 'parity', rule: 'lessThanGravidity' }),
      ]);
    });

    it("updates a woman's contact details with her version and audits them", async () => {
      const p = await registerOne();
      const woman = await t
        .http()
        .get(`/women/${p.womanId}`)
        .set(as(home, 'mch_staff'))
        .expect(200);
      expect(woman.body.pregnancies).toHaveLength(1);
      await t
        .http()
        .patch(`/women/${p.womanId}`)
        .set(as(home, 'nurse'))
        .send({ version: woman.body.version, phone: '13700001111', householdType: 'migrant' })
        .expect(200);
      const stale = await t
        .http()
        .patch(`/women/${p.womanId}`)
        .set(as(home, 'nurse'))
        .send({ version: woman.body.version, phone: '13700002222' })
        .expect(409);
      expect(stale.body.code).toBe('STALE_VERSION');
      const update = (await audits('woman', p.womanId)).find((row) => row.action === 'update');
      // The trail keeps that the phone changed, never the full number (issue 12).
      expect(update?.after).toEqual({ phone: '137****1111', householdType: 'migrant' });
    });
  });

  describe('status', () => {
    const move = (p: Registered, version: number, body: Record<string, unknown>) =>
      t
        .http()
        .post(`/pregnancies/${p.pregnancyId}/status`)
        .set(as(home, 'nurse'))
        .send({ version, effectiveDate: today(), reason: 'recorded at the ward desk', ...body });
    /** Delivery goes through the delivery module, which moves the pregnancy to delivered. */
    const deliver = async (p: Registered, on: string) => {
      await t
        .http()
        .post(`/pregnancies/${p.pregnancyId}/delivery`)
        .set(as(home, 'nurse'))
        .send(deliveryPayload(tenOClockOn(on)))
        .expect(201);
      return (
        await t.http().get(`/pregnancies/${p.pregnancyId}`).set(as(home, 'nurse')).expect(200)
      ).body;
    };

    it('moves open → delivered → closed, audits each move, and refuses closed → open paths', async () => {
      const p = await registerOne({ pregnancy: { lmp: addDays(today(), -270) } });
      const refused = await move(p, p.version, { status: 'delivered' }).expect(409);
      expect(refused.body).toMatchObject({ code: 'DELIVERY_REQUIRED' });
      const delivered = await deliver(p, today());
      expect(delivered).toMatchObject({
        status: 'delivered',
        statusDate: today(),
        gestationalAge: null,
      });
      const closed = await move(p, delivered.version, { status: 'closed' }).expect(200);
      expect(closed.body.status).toBe('closed');

      const illegal = await move(p, closed.body.version, {
        status: 'ended',
        endOutcome: 'miscarriage',
      }).expect(409);
      expect(illegal.body).toMatchObject({ code: 'PREGNANCY_STATUS_TRANSITION_INVALID' });
      expect(illegal.body.details).toEqual([
        expect.objectContaining({ field: 'status', rule: 'allowedTransition' }),
      ]);

      const moves = (await audits('pregnancy', p.pregnancyId)).filter(
        (row) => row.action === 'status_change',
      );
      expect(moves.map((row) => [row.before?.status, row.after?.status])).toEqual([
        ['open', 'delivered'],
        ['delivered', 'closed'],
      ]);
    });

    it('keeps the delivery date as the outcome, and refuses a status date before the last one', async () => {
      const p = await registerOne({
        pregnancy: { registrationDate: addDays(today(), -200), lmp: addDays(today(), -270) },
      });
      const deliveredOn = addDays(today(), -10);
      const delivered = await deliver(p, deliveredOn);
      expect(delivered).toMatchObject({ statusDate: deliveredOn, outcomeDate: deliveredOn });

      const backwards = await move(p, delivered.version, {
        status: 'closed',
        effectiveDate: addDays(deliveredOn, -1),
      }).expect(400);
      expect(backwards.body.details).toEqual([
        expect.objectContaining({ field: 'effectiveDate', rule: 'notBeforeLastStatusChange' }),
      ]);
      const closed = await move(p, delivered.version, {
        status: 'closed',
        effectiveDate: deliveredOn,
      }).expect(200);
      expect(closed.body).toMatchObject({
        statusDate: deliveredOn,
        outcomeDate: deliveredOn,
        status: 'closed',
      });
    });

    it('refuses a transfer dated before registration', async () => {
      const p = await registerOne({
        pregnancy: { registrationDate: addDays(today(), -20), lmp: addDays(today(), -90) },
      });
      const { body } = await move(p, p.version, {
        status: 'transferred_out',
        effectiveDate: addDays(today(), -21),
      }).expect(400);
      expect(body.details).toEqual([
        expect.objectContaining({ field: 'effectiveDate', rule: 'notBeforeRegistration' }),
      ]);
    });

    it('refuses open → closed', async () => {
      const p = await registerOne();
      const { body } = await move(p, p.version, { status: 'closed' }).expect(409);
      expect(body.code).toBe('PREGNANCY_STATUS_TRANSITION_INVALID');
    });

    it('needs the outcome when a pregnancy ends, and refuses a future date', async () => {
      const p = await registerOne();
      const noOutcome = await move(p, p.version, { status: 'ended' }).expect(400);
      expect(noOutcome.body.details).toEqual([
        expect.objectContaining({ field: 'endOutcome', rule: 'isIn' }),
      ]);
      const future = await move(p, p.version, {
        status: 'ended',
        endOutcome: 'ectopic',
        effectiveDate: addDays(today(), 1),
      }).expect(400);
      expect(future.body.details).toEqual([
        expect.objectContaining({ field: 'effectiveDate', rule: 'notFuture' }),
      ]);
      const ended = await move(p, p.version, { status: 'ended', endOutcome: 'ectopic' }).expect(
        200,
      );
      expect(ended.body).toMatchObject({ status: 'ended', endOutcome: 'ectopic' });
    });

    it('refuses a stale version', async () => {
      const p = await registerOne({ pregnancy: { lmp: addDays(today(), -270) } });
      await deliver(p, today());
      const { body } = await move(p, p.version, { status: 'closed' }).expect(409);
      expect(body.code).toBe('STALE_VERSION');
    });
  });

  describe('re-dating', () => {
    it('compares a corrected LMP with the dating scan, and keeps every EDD change', async () => {
      const lmp = addDays(today(), -84);
      const p = await registerOne({ pregnancy: { lmp } });
      const scanDate = addDays(today(), -1); // GA by LMP 83 days (11+6): threshold 7 days
      const kept = await t
        .http()
        .post(`/pregnancies/${p.pregnancyId}/scans`)
        .set(as(home, 'nurse'))
        .send({ scanDate, gaDays: 76, method: 'crl', note: 'NT scan' })
        .expect(201);
      expect(kept.body.pregnancy).toMatchObject({
        eddSource: 'lmp',
        edd: addDays(lmp, 280),
        ultrasoundGaDays: 76,
      });

      // One day earlier, the LMP gives 84 days at the scan: 8 days off, the scan dates.
      const redated = await t
        .http()
        .post(`/pregnancies/${p.pregnancyId}/redating`)
        .set(as(home, 'nurse'))
        .send({
          version: kept.body.pregnancy.version,
          lmp: addDays(lmp, -1),
          reason: 'LMP corrected',
        })
        .expect(200);
      expect(redated.body).toMatchObject({
        eddSource: 'ultrasound',
        edd: addDays(scanDate, 280 - 76),
        lmp: addDays(lmp, -1),
      });

      const history = await t
        .http()
        .get(`/pregnancies/${p.pregnancyId}/edd-changes`)
        .set(as(home, 'mch_staff'))
        .expect(200);
      expect(history.body).toEqual([
        expect.objectContaining({ oldEdd: null, newEdd: addDays(lmp, 280), newSource: 'lmp' }),
        expect.objectContaining({
          oldEdd: addDays(lmp, 280),
          newEdd: addDays(scanDate, 204),
          oldSource: 'lmp',
          newSource: 'ultrasound',
          reason: 'LMP corrected',
          changedBy: home.users.nurse.id,
        }),
      ]);
    });

    it('refuses to redate a pregnancy that is no longer open', async () => {
      const p = await registerOne();
      const moved = await t
        .http()
        .post(`/pregnancies/${p.pregnancyId}/status`)
        .set(as(home, 'nurse'))
        .send({
          version: p.version,
          status: 'transferred_out',
          effectiveDate: today(),
          reason: '转院',
        })
        .expect(200);
      const { body } = await t
        .http()
        .post(`/pregnancies/${p.pregnancyId}/redating`)
        .set(as(home, 'nurse'))
        .send({
          version: moved.body.version,
          lmp: addDays(today(), -60),
          reason: 'late correction',
        })
        .expect(409);
      expect(body.code).toBe('PREGNANCY_NOT_OPEN');
    });
  });

  describe('audit entries', () => {
    it('lists the entries of one record for MCH staff, filtered and paginated, in the facility only', async () => {
      const p = await registerOne();
      await t
        .http()
        .patch(`/pregnancies/${p.pregnancyId}`)
        .set(as(home, 'nurse'))
        .send({ version: p.version, fetusCount: 2 })
        .expect(200);
      const list = (query: Record<string, string | number>, staff = home) =>
        t.http().get('/audit-entries').query(query).set(as(staff, 'mch_staff')).expect(200);

      const all = await list({ entity: 'pregnancy', entityId: String(p.pregnancyId) });
      expect(all.body.items.map((e: { action: string }) => e.action)).toEqual(['update', 'create']);
      expect(all.body.items[0]).toMatchObject({
        before: { fetusCount: 1 },
        after: { fetusCount: 2 },
      });

      const firstPage = await list({
        entity: 'pregnancy',
        entityId: String(p.pregnancyId),
        pageSize: 1,
      });
      expect(firstPage.body).toMatchObject({ total: 2, pageSize: 1 });
      expect(firstPage.body.items).toHaveLength(1);

      const byUser = await list({
        userId: home.users.nurse.id,
        entity: 'pregnancy',
        entityId: String(p.pregnancyId),
        action: 'create',
      });
      expect(byUser.body.total).toBe(1);

      const future = await list({
        entity: 'pregnancy',
        entityId: String(p.pregnancyId),
        from: new Date(Date.now() + 60_000).toISOString(),
      });
      expect(future.body.total).toBe(0);

      const elsewhere = await list({ entity: 'pregnancy', entityId: String(p.pregnancyId) }, other);
      expect(elsewhere.body.total).toBe(0);
    });
  });
});
