import { addDays } from '../src/core/time/calendar-date';
import { deliveryPayload, tenOClockOn } from './factories/delivery.factory';
import { createStaffedFacility, Staff } from './factories/people.factory';
import { registrationPayload, today, uniqueName } from './factories/registration.factory';
import { auditTrail } from './utils/audit-trail';
import { bearer, loginWith } from './utils/auth';
import { releaseDesk, waitForLockWaits } from './utils/lock-waits';
import { createTestApp, TestApp } from './utils/test-app';

interface Pregnancy {
  id: number;
  version: number;
  name: string;
}

describe('antenatal visits, schedule and the overdue worklist', () => {
  let t: TestApp;
  let home: Staff;
  let other: Staff;

  const as = (staff: Staff, role: keyof Staff['tokens'] = 'nurse') => bearer(staff.tokens[role]);

  /** A pregnancy at `gaToday` days today, registered `registeredDaysAgo` days ago. */
  async function pregnancyAt(
    gaToday: number,
    staff = home,
    registeredDaysAgo = 0,
  ): Promise<Pregnancy> {
    const name = uniqueName();
    const { body } = await t
      .http()
      .post('/registrations')
      .set(as(staff))
      .send(
        registrationPayload({
          woman: { name },
          pregnancy: {
            lmp: addDays(today(), -gaToday),
            registrationDate: addDays(today(), -registeredDaysAgo),
          },
        }),
      )
      .expect(201);
    return { id: body.pregnancy.id, version: body.pregnancy.version, name };
  }

  const visit = (pregnancyId: number, body: Record<string, unknown>, staff = home) =>
    t.http().post(`/pregnancies/${pregnancyId}/visits`).set(as(staff)).send(body);

  const screen = (pregnancyId: number, factorCodes: string[], staff = home) =>
    t
      .http()
      .post(`/pregnancies/${pregnancyId}/risk-assessments`)
      .set(as(staff))
      .send({ kind: 'registration_screening', factorCodes })
      .expect(201);

  beforeAll(async () => {
    t = await createTestApp();
    home = await createStaffedFacility(t.dataSource, loginWith(t));
    other = await createStaffedFacility(t.dataSource, loginWith(t));
  });

  afterAll(() => t.close());

  describe('recording a visit', () => {
    it('computes the gestational age and ordinal, keeps measurements, and audits it', async () => {
      const p = await pregnancyAt(100, home, 40);
      const first = await visit(p.id, {
        visitDate: addDays(today(), -30),
        weightKg: 56.5,
        heightCm: 160,
        systolicMmHg: 112,
        diastolicMmHg: 70,
        haemoglobinGL: 121,
        urineProtein: 'negative',
        nextAppointmentDate: addDays(today(), -2),
      }).expect(201);
      expect(first.body).toMatchObject({
        ordinal: 1,
        gestationalAge: { days: 70, display: '10+0' },
        weightKg: 56.5,
        heightCm: 160,
        regrading: null,
      });
      const second = await visit(p.id, {
        visitDate: today(),
        weightKg: 58,
        fundalHeightCm: 14,
        fetalHeartRate: 148,
      }).expect(201);
      expect(second.body).toMatchObject({
        ordinal: 2,
        gestationalAge: { days: 100, display: '14+2' },
      });

      const backdated = await visit(p.id, { visitDate: addDays(today(), -10) }).expect(201);
      expect(backdated.body.ordinal).toBe(2);
      const list = await t
        .http()
        .get(`/pregnancies/${p.id}/visits`)
        .set(as(home, 'statistician'))
        .expect(200);
      expect(
        list.body.map((v: { ordinal: number; visitDate: string }) => [v.ordinal, v.visitDate]),
      ).toEqual([
        [1, addDays(today(), -30)],
        [2, addDays(today(), -10)],
        [3, today()],
      ]);

      const audit = await auditTrail(t.dataSource, 'antenatal_visit', first.body.id);
      expect(audit[0]).toMatchObject({ action: 'create', userId: home.users.nurse.id });
      expect(audit[0].after).toMatchObject({
        pregnancyId: p.id,
        weightKg: 56.5,
        haemoglobinGL: 121,
      });
      const pregnancy = await t.http().get(`/pregnancies/${p.id}`).set(as(home)).expect(200);
      expect(pregnancy.body.lastVisitDate).toBe(today());
    });

    describe('refuses with a 4xx naming the field', () => {
      let p: Pregnancy;
      beforeAll(async () => {
        p = await pregnancyAt(60);
        await visit(p.id, { visitDate: today() }).expect(201);
      });

      it.each<[string, () => Record<string, unknown>, number, string, string, string]>([
        [
          'a visit in the future',
          () => ({ visitDate: addDays(today(), 1) }),
          400,
          'VALIDATION_FAILED',
          'visitDate',
          'notFuture',
        ],
        [
          'a visit the day before the LMP',
          () => ({ visitDate: addDays(today(), -61) }),
          400,
          'VISIT_BEFORE_LMP',
          'visitDate',
          'notBeforeLmp',
        ],
        [
          'a second visit on the same day',
          () => ({ visitDate: today() }),
          409,
          'VISIT_SAME_DAY',
          'visitDate',
          'oneVisitPerDay',
        ],
        [
          'a weight of 29 kg',
          () => ({ visitDate: addDays(today(), -1), weightKg: 29 }),
          400,
          'VALIDATION_FAILED',
          'weightKg',
          'min',
        ],
        [
          'a weight of 201 kg',
          () => ({ visitDate: addDays(today(), -1), weightKg: 201 }),
          400,
          'VALIDATION_FAILED',
          'weightKg',
          'max',
        ],
        [
          'a systolic pressure of 300',
          () => ({ visitDate: addDays(today(), -1), systolicMmHg: 300, diastolicMmHg: 80 }),
          400,
          'VALIDATION_FAILED',
          'systolicMmHg',
          'max',
        ],
        [
          'a systolic pressure without diastolic',
          () => ({ visitDate: addDays(today(), -1), systolicMmHg: 120 }),
          400,
          'VALIDATION_FAILED',
          'diastolicMmHg',
          'bloodPressurePair',
        ],
        [
          'a diastolic above systolic',
          () => ({ visitDate: addDays(today(), -1), systolicMmHg: 80, diastolicMmHg: 90 }),
          400,
          'VALIDATION_FAILED',
          'diastolicMmHg',
          'belowSystolic',
        ],
        [
          'a fetal heart rate of 250',
          () => ({ visitDate: addDays(today(), -1), fetalHeartRate: 250 }),
          400,
          'VALIDATION_FAILED',
          'fetalHeartRate',
          'max',
        ],
        [
          'an Hb of 19 g/L',
          () => ({ visitDate: addDays(today(), -1), haemoglobinGL: 19 }),
          400,
          'VALIDATION_FAILED',
          'haemoglobinGL',
          'min',
        ],
        [
          'an unknown fetal position',
          () => ({ visitDate: addDays(today(), -1), fetalPosition: 'sideways' }),
          400,
          'VALIDATION_FAILED',
          'fetalPosition',
          'isIn',
        ],
        [
          'a next appointment before the visit',
          () => ({ visitDate: addDays(today(), -1), nextAppointmentDate: addDays(today(), -2) }),
          400,
          'VALIDATION_FAILED',
          'nextAppointmentDate',
          'afterVisit',
        ],
      ])('%s', async (_name, body, status, code, field, rule) => {
        const response = await visit(p.id, body()).expect(status);
        expect(response.body.code).toBe(code);
        expect(response.body.details).toEqual(
          expect.arrayContaining([expect.objectContaining({ field, rule })]),
        );
      });

      it('accepts a weight of exactly 30 kg and a same-day repeat when marked', async () => {
        await visit(p.id, { visitDate: addDays(today(), -1), weightKg: 30 }).expect(201);
        await visit(p.id, { visitDate: today(), sameDayRepeat: true, findings: '复查胎心' }).expect(
          201,
        );
      });

      it('answers another facility with 404', async () => {
        const { body } = await visit(p.id, { visitDate: addDays(today(), -3) }, other).expect(404);
        expect(body.code).toBe('PREGNANCY_NOT_FOUND');
      });

      it('refuses a visit after the delivery, but accepts one entered late from before it', async () => {
        const delivered = await pregnancyAt(270, home, 150);
        await t
          .http()
          .post(`/pregnancies/${delivered.id}/delivery`)
          .set(as(home))
          .send(deliveryPayload(tenOClockOn(addDays(today(), -5))))
          .expect(201);
        const after = await visit(delivered.id, { visitDate: addDays(today(), -4) }).expect(409);
        expect(after.body).toMatchObject({ code: 'VISIT_AFTER_PREGNANCY_END' });
        expect(after.body.details).toEqual([
          expect.objectContaining({ field: 'visitDate', rule: 'notAfterPregnancyEnd' }),
        ]);
        await visit(delivered.id, { visitDate: addDays(today(), -5) }).expect(201);
      });
    });

    it('takes visits of one pregnancy sent at once in turn: one a day, each numbered after the last', async () => {
      const p = await pregnancyAt(150, home, 10);
      const sameDay = await Promise.all(
        Array.from({ length: 4 }, () => visit(p.id, { visitDate: addDays(today(), -2) })),
      );
      expect(sameDay.map((response) => response.status).sort()).toEqual([201, 409, 409, 409]);
      for (const refused of sameDay.filter((response) => response.status === 409)) {
        expect(refused.body.code).toBe('VISIT_SAME_DAY');
      }
      const repeats = await Promise.all(
        Array.from({ length: 4 }, () => visit(p.id, { visitDate: today(), sameDayRepeat: true })),
      );
      expect(repeats.map((response) => response.status)).toEqual([201, 201, 201, 201]);
      expect(repeats.map((response) => response.body.ordinal).sort()).toEqual([2, 3, 4, 5]);
    });

    it('checks a corrected date against a visit recorded while the correction waited for her', async () => {
      const p = await pregnancyAt(150, home, 10);
      const day = addDays(today(), -3);
      const earlier = await visit(p.id, { visitDate: addDays(today(), -5) }).expect(201);
      // Another desk holds her while it records a visit on `day`.
      const desk = t.dataSource.createQueryRunner();
      await desk.connect();
      try {
        await desk.startTransaction();
        await desk.query('SELECT id FROM pregnancy WHERE id = ? FOR UPDATE', [p.id]);
        await desk.query(
          `INSERT INTO antenatal_visit (pregnancy_id, facility_id, visit_date, same_day_repeat,
             recorded_by, version) VALUES (?, ?, ?, 0, ?, 1)`,
          [p.id, home.facility.id, day, home.users.nurse.id],
        );
        const correction = t
          .http()
          .patch(`/visits/${earlier.body.id}`)
          .set(as(home))
          .send({ version: earlier.body.version, visitDate: day })
          .then((response) => response);
        await waitForLockWaits(desk);
        await desk.commitTransaction();
        const refused = await correction;
        expect(refused.status).toBe(409);
        expect(refused.body.code).toBe('VISIT_SAME_DAY');
      } finally {
        await releaseDesk(desk);
      }
    });

    it('corrects a visit with its version, refuses a stale one, and audits the change', async () => {
      const p = await pregnancyAt(80);
      const recorded = await visit(p.id, { visitDate: today(), weightKg: 60 }).expect(201);
      const corrected = await t
        .http()
        .patch(`/visits/${recorded.body.id}`)
        .set(as(home))
        .send({ version: recorded.body.version, weightKg: 61.2 })
        .expect(200);
      expect(corrected.body).toMatchObject({ weightKg: 61.2, version: recorded.body.version + 1 });
      const stale = await t
        .http()
        .patch(`/visits/${recorded.body.id}`)
        .set(as(home))
        .send({ version: recorded.body.version, weightKg: 62 })
        .expect(409);
      expect(stale.body.code).toBe('STALE_VERSION');
      const audit = await auditTrail(t.dataSource, 'antenatal_visit', recorded.body.id);
      expect(audit[1]).toMatchObject({
        action: 'update',
        before: { weightKg: 60 },
        after: { weightKg: 61.2 },
      });
    });
  });

  describe('schedule', () => {
    it('shows each window as done, missed, overdue, due or upcoming, and changes when a visit is recorded', async () => {
      const p = await pregnancyAt(160, home, 120); // GA 22+6 today
      await visit(p.id, { visitDate: addDays(today(), -100) }).expect(201); // GA 60: ANC1 done
      const states = async (asOf?: string) =>
        (
          await t
            .http()
            .get(`/pregnancies/${p.id}/schedule`)
            .query(asOf ? { asOf } : {})
            .set(as(home))
            .expect(200)
        ).body.windows.map((w: { code: string; state: string }) => `${w.code}:${w.state}`);

      expect(await states()).toEqual([
        'ANC1:done',
        'ANC2:overdue',
        'ANC3:due',
        'ANC4:upcoming',
        'ANC5:upcoming',
      ]);
      // ANC2 ends at GA 146 (today − 14): overdue from GA 153, due until GA 152.
      expect(await states(addDays(today(), -8))).toContain('ANC2:due');
      expect(await states(addDays(today(), -7))).toContain('ANC2:overdue');

      await visit(p.id, { visitDate: today() }).expect(201); // GA 160, in ANC3
      expect(await states()).toEqual([
        'ANC1:done',
        'ANC2:missed',
        'ANC3:done',
        'ANC4:upcoming',
        'ANC5:upcoming',
      ]);
    });

    it('gives the dates each window opens and turns overdue', async () => {
      const p = await pregnancyAt(0);
      const { body } = await t
        .http()
        .get(`/pregnancies/${p.id}/schedule`)
        .set(as(home))
        .expect(200);
      expect(body.windows[1]).toMatchObject({
        code: 'ANC2',
        label: '孕16-20周',
        state: 'upcoming',
        dueFrom: addDays(today(), 112),
        overdueFrom: addDays(today(), 153),
      });
    });

    it('lets an admin replace the schedule with a denser one, and refuses an invalid one', async () => {
      const staff = await createStaffedFacility(t.dataSource, loginWith(t));
      const denser = [
        { code: 'V1', label: '孕6-13周', startDay: 42, endDay: 90 },
        { code: 'V2', label: '孕14-19周', startDay: 98, endDay: 139 },
        { code: 'V3', label: '孕20-24周', startDay: 140, endDay: 174 },
      ];
      const replaced = await t
        .http()
        .put('/visit-schedule')
        .set(as(staff, 'admin'))
        .send({ windows: denser })
        .expect(200);
      expect(replaced.body).toMatchObject({ facilitySpecific: true, windows: denser });
      const seen = await t.http().get('/visit-schedule').set(as(staff)).expect(200);
      expect(seen.body.windows.map((w: { code: string }) => w.code)).toEqual(['V1', 'V2', 'V3']);

      const overlapping = await t
        .http()
        .put('/visit-schedule')
        .set(as(staff, 'admin'))
        .send({ windows: [denser[1], denser[0]] })
        .expect(400);
      expect(overlapping.body.code).toBe('SCHEDULE_INVALID');
      // On the field to correct: the second window starts before the first.
      expect(overlapping.body.details[0]).toMatchObject({
        field: 'windows[1].startDay',
        rule: 'inOrder',
      });

      await t
        .http()
        .put('/visit-schedule')
        .set(as(staff, 'nurse'))
        .send({ windows: [] })
        .expect(403);
      const reverted = await t
        .http()
        .put('/visit-schedule')
        .set(as(staff, 'admin'))
        .send({ windows: [] })
        .expect(200);
      expect(reverted.body.facilitySpecific).toBe(false);
    });
  });

  describe('overdue worklist', () => {
    let staff: Staff;
    const worklist = (query: Record<string, unknown> = {}) =>
      t.http().get('/worklists/overdue-visits').query(query).set(as(staff));

    beforeAll(async () => {
      staff = await createStaffedFacility(t.dataSource, loginWith(t));
    });

    it('orders overdue women by risk colour, PURPLE as high, then days overdue; shows whom to call', async () => {
      // ANC1 ends at GA 90 and is overdue from GA 97.
      const green = await pregnancyAt(120, staff, 30);
      await screen(green.id, [], staff);
      const yellowLong = await pregnancyAt(110, staff, 30);
      await screen(yellowLong.id, ['RH_NEGATIVE'], staff);
      const yellowShort = await pregnancyAt(100, staff, 10);
      await screen(yellowShort.id, ['RH_NEGATIVE'], staff);
      const unscreened = await pregnancyAt(105, staff, 10);
      const orange = await pregnancyAt(98, staff, 5);
      await screen(orange.id, ['SEVERE_PRE_ECLAMPSIA'], staff);
      const purple = await pregnancyAt(97, staff, 5);
      await screen(purple.id, ['TUBERCULOSIS'], staff);
      const red = await pregnancyAt(101, staff, 5);
      await screen(red.id, ['PERNICIOUS_PLACENTA_PRAEVIA'], staff);
      await pregnancyAt(96, staff, 5); // GA 96: due, not yet overdue
      const visited = await pregnancyAt(120, staff, 40);
      await visit(visited.id, { visitDate: addDays(today(), -40) }, staff).expect(201); // GA 80: ANC1 done

      const { body } = await worklist().expect(200);
      expect(body.items.map((item: { name: string }) => item.name)).toEqual([
        red.name,
        purple.name,
        orange.name,
        yellowLong.name,
        yellowShort.name,
        unscreened.name,
        green.name,
      ]);
      expect(body.total).toBe(7);
      expect(body.items[1]).toMatchObject({
        riskPurple: true,
        overdueWindow: 'ANC1',
        daysOverdue: 0,
      });
      expect(body.items[3]).toMatchObject({
        riskColour: 'yellow',
        overdueWindow: 'ANC1',
        overdueWindowLabel: '孕13周前',
        daysOverdue: 13,
        gestationalAge: { days: 110 },
        lastContact: null,
      });
      // Masked, as on every list: GET /women/{id}/contact reveals it (test/security).
      expect(body.items[3].phone).toMatch(/^1\d{2}\*{4}\d{4}$/);
    });

    it('shows the last call, and can leave out women called recently', async () => {
      const before = await worklist().expect(200);
      const first = before.body.items[0];
      await t
        .http()
        .post(`/pregnancies/${first.pregnancyId}/contact-attempts`)
        .set(as(staff))
        .send({ outcome: 'no_answer', note: '无人接听' })
        .expect(201);
      const after = await worklist().expect(200);
      expect(after.body.items[0].lastContact).toMatchObject({
        outcome: 'no_answer',
        note: '无人接听',
        userId: staff.users.nurse.id,
      });
      const filtered = await worklist({ notContactedWithinHours: 24 }).expect(200);
      expect(filtered.body.total).toBe(before.body.total - 1);
      expect(filtered.body.items.map((i: { pregnancyId: number }) => i.pregnancyId)).not.toContain(
        first.pregnancyId,
      );
    });

    it('drops a woman once she comes in', async () => {
      const before = await worklist().expect(200);
      const last = before.body.items[before.body.items.length - 1];
      await visit(last.pregnancyId, { visitDate: today() }, staff).expect(201);
      const after = await worklist().expect(200);
      expect(after.body.total).toBe(before.body.total - 1);
    });

    it('is for nurses and MCH staff of the facility only', async () => {
      await t.http().get('/worklists/overdue-visits').set(as(staff, 'statistician')).expect(403);
      const elsewhere = await t.http().get('/worklists/overdue-visits').set(as(other)).expect(200);
      expect(elsewhere.body.total).toBe(0);
    });
  });

  describe('the overdue worklist follows every change that moves her overdue day', () => {
    let staff: Staff;
    const overdue = async () => {
      const { body } = await t
        .http()
        .get('/worklists/overdue-visits')
        .query({ pageSize: 100 })
        .set(as(staff))
        .expect(200);
      return new Map<number, { overdueWindow: string; daysOverdue: number }>(
        body.items.map((item: { pregnancyId: number }) => [item.pregnancyId, item]),
      );
    };
    const version = async (pregnancyId: number) =>
      (await t.http().get(`/pregnancies/${pregnancyId}`).set(as(staff)).expect(200)).body
        .version as number;

    beforeAll(async () => {
      staff = await createStaffedFacility(t.dataSource, loginWith(t));
    });

    it('re-dating moves her across the boundary, both ways', async () => {
      const p = await pregnancyAt(96, staff, 20); // GA 96: ANC1 due, overdue tomorrow
      expect((await overdue()).has(p.id)).toBe(false);
      const later = await t
        .http()
        .post(`/pregnancies/${p.id}/redating`)
        .set(as(staff))
        .send({ version: p.version, lmp: addDays(today(), -97), reason: 'LMP corrected' })
        .expect(200);
      expect((await overdue()).get(p.id)).toMatchObject({ overdueWindow: 'ANC1', daysOverdue: 0 });
      await t
        .http()
        .post(`/pregnancies/${p.id}/redating`)
        .set(as(staff))
        .send({ version: later.body.version, lmp: addDays(today(), -96), reason: 'back again' })
        .expect(200);
      expect((await overdue()).has(p.id)).toBe(false);
    });

    it('a visit moved out of a window puts her back on the list; the last window leaves none', async () => {
      const p = await pregnancyAt(160, staff, 100);
      const recorded = await visit(p.id, { visitDate: addDays(today(), -10) }, staff).expect(201); // GA 150: in ANC3
      expect((await overdue()).has(p.id)).toBe(false); // ANC2 missed, not a defaulter; ANC4 later
      await t
        .http()
        .patch(`/visits/${recorded.body.id}`)
        .set(as(staff))
        .send({ version: recorded.body.version, visitDate: addDays(today(), -60) }) // GA 100: ANC1
        .expect(200);
      // ANC2 (GA 112..146) has been overdue since GA 153.
      expect((await overdue()).get(p.id)).toMatchObject({ overdueWindow: 'ANC2', daysOverdue: 7 });

      const late = await pregnancyAt(290, staff, 100);
      expect((await overdue()).has(late.id)).toBe(true);
      await visit(late.id, { visitDate: addDays(today(), -30) }, staff).expect(201); // GA 260: ANC5
      expect((await overdue()).has(late.id)).toBe(false);
    });

    it('a status change takes her off the list', async () => {
      const p = await pregnancyAt(120, staff, 30);
      expect((await overdue()).has(p.id)).toBe(true);
      await t
        .http()
        .post(`/pregnancies/${p.id}/status`)
        .set(as(staff))
        .send({
          version: await version(p.id),
          status: 'transferred_out',
          effectiveDate: today(),
          reason: 'moved away',
        })
        .expect(200);
      expect((await overdue()).has(p.id)).toBe(false);
    });

    it("a new schedule for the facility recomputes every open pregnancy's overdue day", async () => {
      const p = await pregnancyAt(96, staff, 20); // national: ANC1 overdue from GA 97
      expect((await overdue()).has(p.id)).toBe(false);
      const denser = [
        { code: 'V1', label: '孕6-12周', startDay: 42, endDay: 84 }, // overdue from GA 91
        { code: 'V2', label: '孕14-19周', startDay: 98, endDay: 139 },
      ];
      await t
        .http()
        .put('/visit-schedule')
        .set(as(staff, 'admin'))
        .send({ windows: denser })
        .expect(200);
      expect((await overdue()).get(p.id)).toMatchObject({ overdueWindow: 'V1', daysOverdue: 5 });
      await t
        .http()
        .put('/visit-schedule')
        .set(as(staff, 'admin'))
        .send({ windows: [] })
        .expect(200);
      expect((await overdue()).has(p.id)).toBe(false);
    });
  });
});
