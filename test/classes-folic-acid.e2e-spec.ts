import { addDays, startOfDayIn } from '../src/core/time/calendar-date';
import { deliveryPayload, tenOClockOn } from './factories/delivery.factory';
import { createStaffedFacility, createSystemAdmin, Staff } from './factories/people.factory';
import { registrationPayload, today } from './factories/registration.factory';
import { auditTrail } from './utils/audit-trail';
import { bearer, loginWith } from './utils/auth';
import { createTestApp, TestApp } from './utils/test-app';

describe('prenatal classes and folic acid', () => {
  let t: TestApp;
  let home: Staff;
  let other: Staff;
  let systemAdmin: { token: string };

  const as = (staff: Staff, role: keyof Staff['tokens'] = 'nurse') => bearer(staff.tokens[role]);
  /** 14:00 in Shanghai on the given day. */
  const at2pm = (date: string) =>
    new Date(startOfDayIn(date, 'Asia/Shanghai').getTime() + 14 * 3_600_000).toISOString();

  async function woman(staff = home): Promise<number> {
    const { body } = await t
      .http()
      .post('/women')
      .set(as(staff))
      .send(registrationPayload().woman)
      .expect(201);
    return body.woman.id;
  }

  async function pregnant(lmp: string, registrationDate = today(), staff = home) {
    const { body } = await t
      .http()
      .post('/registrations')
      .set(as(staff))
      .send(registrationPayload({ pregnancy: { lmp, registrationDate } }))
      .expect(201);
    return {
      womanId: body.woman.id as number,
      pregnancyId: body.pregnancy.id as number,
      version: body.pregnancy.version as number,
    };
  }

  const session = (body: Record<string, unknown>, staff = home) =>
    t
      .http()
      .post('/class-sessions')
      .set(as(staff))
      .send({
        topicCode: 'breastfeeding',
        startsAt: at2pm(today()),
        durationMinutes: 90,
        instructor: '张助产士',
        place: '孕妇学校教室',
        capacity: 3,
        ...body,
      });

  const checkIn = (sessionId: number, body: Record<string, unknown>, staff = home) =>
    t.http().post(`/class-sessions/${sessionId}/attendances`).set(as(staff)).send(body);

  beforeAll(async () => {
    t = await createTestApp();
    home = await createStaffedFacility(t.dataSource, loginWith(t));
    other = await createStaffedFacility(t.dataSource, loginWith(t));
    systemAdmin = await createSystemAdmin(t.dataSource, loginWith(t));
  });

  afterAll(() => t.close());

  describe('classes', () => {
    it('lists the topic catalogue and lets a system admin add one, not a facility admin', async () => {
      const { body } = await t.http().get('/class-topics').set(as(home)).expect(200);
      expect(body.map((topic: { code: string }) => topic.code)).toEqual(
        expect.arrayContaining([
          'breastfeeding',
          'nutrition',
          'danger_signs',
          'labour_delivery',
          'newborn_care',
          'postpartum_recovery',
        ]),
      );
      const code = `topic_${Date.now() % 100000}`;
      await t
        .http()
        .post('/class-topics')
        .set(bearer(systemAdmin.token))
        .send({ code, nameZh: '妊娠期糖尿病', nameEn: 'GDM', breastfeeding: false })
        .expect(201);
      await t
        .http()
        .post('/class-topics')
        .set(as(home, 'admin'))
        .send({ code: 'x_z', nameZh: 'x', nameEn: 'x', breastfeeding: false })
        .expect(403);
      await t
        .http()
        .post('/class-topics')
        .set(as(home, 'nurse'))
        .send({ code: 'x_y', nameZh: 'x', nameEn: 'x', breastfeeding: false })
        .expect(403);
      const again = await t
        .http()
        .post('/class-topics')
        .set(bearer(systemAdmin.token))
        .send({ code, nameZh: 'x', nameEn: 'x', breastfeeding: false })
        .expect(409);
      expect(again.body.code).toBe('CLASS_TOPIC_TAKEN');
    });

    it('checks women in, with companions taking seats, and refuses twice, over capacity, and other facilities', async () => {
      const created = await session({ capacity: 3 }).expect(201);
      expect(created.body).toMatchObject({
        topicCode: 'breastfeeding',
        breastfeeding: true,
        sessionDate: today(),
        seatsTaken: 0,
      });
      const id = created.body.id;
      const [a, b, c] = [await woman(), await woman(), await woman()];

      const first = await checkIn(id, { womanId: a, companion: 'partner' }).expect(201);
      expect(first.body).toMatchObject({
        womanId: a,
        companion: 'partner',
        checkedInBy: home.users.nurse.id,
      });
      const twice = await checkIn(id, { womanId: a }).expect(409);
      expect(twice.body).toMatchObject({ code: 'ATTENDANCE_DUPLICATE' });
      expect(twice.body.details).toEqual([
        expect.objectContaining({ field: 'womanId', rule: 'oncePerSession' }),
      ]);

      await checkIn(id, { womanId: b }).expect(201);
      const full = await checkIn(id, { womanId: c }).expect(409);
      expect(full.body).toMatchObject({ code: 'SESSION_FULL' });

      const foreign = await woman(other);
      const elsewhere = await checkIn(id, { womanId: foreign }).expect(404);
      expect(elsewhere.body).toMatchObject({ code: 'ATTENDEE_NOT_FOUND' });
      expect(elsewhere.body.details).toEqual([
        expect.objectContaining({ field: 'womanId', rule: 'inFacilityRecords' }),
      ]);
      await checkIn(id, { womanId: c }, other).expect(404);

      const detail = await t
        .http()
        .get(`/class-sessions/${id}`)
        .set(as(home, 'statistician'))
        .expect(200);
      expect(detail.body).toMatchObject({ seatsTaken: 3, attendees: 2 });
      expect(detail.body.register.map((r: { womanId: number }) => r.womanId)).toEqual([a, b]);
      const audit = await auditTrail(t.dataSource, 'class_attendance', first.body.id);
      expect(audit[0]).toMatchObject({
        action: 'create',
        after: { womanId: a, companion: 'partner' },
      });
    });

    it('refuses a check-in before the session day', async () => {
      const tomorrow = await session({ startsAt: at2pm(addDays(today(), 1)) }).expect(201);
      const early = await checkIn(tomorrow.body.id, { womanId: await woman() }).expect(409);
      expect(early.body).toMatchObject({ code: 'CHECK_IN_BEFORE_SESSION' });
      expect(early.body.details).toEqual([
        expect.objectContaining({ field: 'sessionId', rule: 'notBeforeSessionDate' }),
      ]);
    });

    it('checks in a list all or none, naming the attendee at fault', async () => {
      const created = await session({ capacity: 10 }).expect(201);
      const [a, b] = [await woman(), await woman()];
      const foreign = await woman(other);
      const bulk = (attendees: unknown[]) =>
        t
          .http()
          .post(`/class-sessions/${created.body.id}/attendances/bulk`)
          .set(as(home))
          .send({ attendees });

      const refused = await bulk([{ womanId: a }, { womanId: foreign }]).expect(404);
      expect(refused.body.details).toEqual([
        expect.objectContaining({ field: 'attendees[1].womanId' }),
      ]);
      const repeated = await bulk([{ womanId: a }, { womanId: b }, { womanId: a }]).expect(409);
      expect(repeated.body.details).toEqual([
        expect.objectContaining({ field: 'attendees[2].womanId', rule: 'oncePerSession' }),
      ]);
      const none = await t
        .http()
        .get(`/class-sessions/${created.body.id}`)
        .set(as(home))
        .expect(200);
      expect(none.body.attendees).toBe(0);

      const accepted = await bulk([
        { womanId: a },
        { womanId: b, companion: 'family_member' },
      ]).expect(201);
      expect(accepted.body).toHaveLength(2);
      const invalid = await bulk([{ womanId: 'x' }]).expect(400);
      expect(invalid.body.details).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: 'attendees[0].womanId' })]),
      );
    });

    it('tells whether she attended a breastfeeding class before her delivery', async () => {
      const p = await pregnant(addDays(today(), -270), addDays(today(), -200));
      const past = await session({
        startsAt: at2pm(addDays(today(), -30)),
        topicCode: 'nutrition',
        capacity: 20,
      }).expect(201);
      const bf = await session({ startsAt: at2pm(addDays(today(), -10)), capacity: 20 }).expect(
        201,
      );
      await checkIn(past.body.id, { womanId: p.womanId }).expect(201);
      await checkIn(bf.body.id, { womanId: p.womanId }).expect(201);

      const before = await t.http().get(`/women/${p.womanId}/classes`).set(as(home)).expect(200);
      expect(before.body.classes.map((c: { topicCode: string }) => c.topicCode)).toEqual([
        'nutrition',
        'breastfeeding',
      ]);
      expect(before.body.pregnancies).toEqual([
        expect.objectContaining({
          pregnancyId: p.pregnancyId,
          breastfeedingClassBeforeDelivery: true,
          classesBeforeDelivery: 2,
        }),
      ]);

      // Delivered on the day of the breastfeeding class: that class did not come before delivery.
      await t
        .http()
        .post(`/pregnancies/${p.pregnancyId}/delivery`)
        .set(as(home))
        .send(deliveryPayload(tenOClockOn(addDays(today(), -10))))
        .expect(201);
      const after = await t.http().get(`/women/${p.womanId}/classes`).set(as(home)).expect(200);
      expect(after.body.pregnancies[0]).toMatchObject({
        deliveredOn: addDays(today(), -10),
        breastfeedingClassBeforeDelivery: false,
        classesBeforeDelivery: 1,
      });
    });

    it('counts sessions held and attendances per month', async () => {
      const staff = await createStaffedFacility(t.dataSource, loginWith(t));
      // Held yesterday afternoon whatever the time of day now; today's 14:00 may be still to come.
      const heldOn = addDays(today(), -1);
      const s1 = await session({ capacity: 10, startsAt: at2pm(heldOn) }, staff).expect(201);
      await session(
        { capacity: 10, topicCode: 'nutrition', startsAt: at2pm(heldOn) },
        staff,
      ).expect(201);
      await session({ capacity: 10, startsAt: at2pm(addDays(today(), 40)) }, staff).expect(201); // not held yet
      await checkIn(s1.body.id, { womanId: await woman(staff) }, staff).expect(201);
      await checkIn(s1.body.id, { womanId: await woman(staff) }, staff).expect(201);
      await checkIn(s1.body.id, { womanId: await woman(staff) }, staff).expect(201);
      const { body } = await t
        .http()
        .get('/class-sessions/monthly-stats')
        .query({ from: addDays(today(), -60), to: addDays(today(), 60) })
        .set(as(staff, 'statistician'))
        .expect(200);
      expect(body).toEqual([
        {
          month: heldOn.slice(0, 7),
          sessions: 2,
          breastfeedingSessions: 1,
          attendances: 3,
          attendancesPerSession: 1.5,
        },
      ]);
    });
  });

  describe('folic acid', () => {
    it('records dispensing, intake and a survey, and computes uptake, adherence and awareness for the pregnancy', async () => {
      const lmp = addDays(today(), -100);
      const w = await woman();
      await t
        .http()
        .post(`/women/${w}/folic-acid/dispensings`)
        .set(as(home))
        .send({
          dispensedOn: addDays(lmp, -60),
          doseMg: 0.4,
          bottles: 3,
          tabletsPerBottle: 31,
          batchNumber: 'B2026',
        })
        .expect(201);
      await t
        .http()
        .post(`/women/${w}/folic-acid/intake-reports`)
        .set(as(home))
        .send({
          reportedOn: addDays(today(), -5),
          startedOn: addDays(lmp, -60),
          stoppedOn: addDays(lmp, 95),
          missedDays: 3,
        })
        .expect(201);
      await t
        .http()
        .post(`/women/${w}/folic-acid/surveys`)
        .set(as(home))
        .send({
          askedOn: addDays(today(), -5),
          knowsPreventsNeuralTubeDefects: true,
          knowsWhenToTake: true,
        })
        .expect(201);
      const records = await t.http().get(`/women/${w}/folic-acid`).set(as(home)).expect(200);
      expect(records.body.dispensings).toEqual([
        expect.objectContaining({ daysCovered: 93, batchNumber: 'B2026' }),
      ]);

      const payload = registrationPayload({
        pregnancy: { lmp, registrationDate: addDays(today(), -50) },
      });
      const mine = await t.http().get(`/women/${w}`).set(as(home)).expect(200);
      payload.woman = {
        ...payload.woman,
        documentType: mine.body.documentType,
        documentNumber: mine.body.documentNumber,
        name: mine.body.name,
        birthDate: mine.body.birthDate,
      };
      const registered = await t
        .http()
        .post('/registrations')
        .set(as(home))
        .send(payload)
        .expect(201);

      const { body } = await t
        .http()
        .get(`/pregnancies/${registered.body.pregnancy.id}/folic-acid-summary`)
        .set(as(home, 'statistician'))
        .expect(200);
      expect(body).toMatchObject({
        lmp,
        evaluatedOn: today(),
        uptake: { took: true, window: { from: addDays(lmp, -90), to: addDays(lmp, 90) } },
        adherence: {
          evaluable: true,
          startedBeforeLmp: true,
          adherent: true,
          window: { from: addDays(lmp, -60), to: addDays(lmp, 90) },
        },
        awareness: { surveyed: true, aware: true },
      });
      expect(body.adherence.daysInWindow).toBe(151);
      expect(body.adherence.daysTaken).toBe(148);

      const early = await t
        .http()
        .get(`/pregnancies/${registered.body.pregnancy.id}/folic-acid-summary`)
        .query({ asOf: addDays(lmp, 90) })
        .set(as(home))
        .expect(200);
      expect(early.body.adherence).toMatchObject({ evaluable: false });
    });

    it.each<[string, Record<string, unknown>, string, string]>([
      [
        'a dispensing tomorrow',
        {
          kind: 'dispensings',
          dispensedOn: addDays(today(), 1),
          doseMg: 0.4,
          bottles: 1,
          tabletsPerBottle: 30,
        },
        'dispensedOn',
        'notFuture',
      ],
      [
        'a 0.5 mg dose',
        {
          kind: 'dispensings',
          dispensedOn: today(),
          doseMg: 0.5,
          bottles: 1,
          tabletsPerBottle: 30,
        },
        'doseMg',
        'isIn',
      ],
      [
        'zero bottles',
        {
          kind: 'dispensings',
          dispensedOn: today(),
          doseMg: 0.4,
          bottles: 0,
          tabletsPerBottle: 30,
        },
        'bottles',
        'min',
      ],
      [
        'an intake with neither dates nor estimate',
        { kind: 'intake-reports', reportedOn: today() },
        'startedOn',
        'datesOrEstimate',
      ],
      [
        'an intake stopped before it started',
        {
          kind: 'intake-reports',
          reportedOn: today(),
          startedOn: addDays(today(), -5),
          stoppedOn: addDays(today(), -10),
        },
        'startedOn',
        'beforeStop',
      ],
      [
        'more missed days than reported days',
        {
          kind: 'intake-reports',
          reportedOn: today(),
          startedOn: addDays(today(), -4),
          missedDays: 6,
        },
        'missedDays',
        'withinRange',
      ],
      [
        'a survey tomorrow',
        {
          kind: 'surveys',
          askedOn: addDays(today(), 1),
          knowsPreventsNeuralTubeDefects: true,
          knowsWhenToTake: false,
        },
        'askedOn',
        'notFuture',
      ],
    ])('refuses %s, naming the field', async (_name, { kind, ...body }, field, rule) => {
      const w = await woman();
      const response = await t
        .http()
        .post(`/women/${w}/folic-acid/${kind as string}`)
        .set(as(home))
        .send(body)
        .expect(400);
      expect(response.body.details).toEqual(
        expect.arrayContaining([expect.objectContaining({ field, rule })]),
      );
    });

    it('refuses records for a woman of another facility', async () => {
      const foreign = await woman(other);
      const { body } = await t
        .http()
        .post(`/women/${foreign}/folic-acid/dispensings`)
        .set(as(home))
        .send({ dispensedOn: today(), doseMg: 0.4, bottles: 1, tabletsPerBottle: 30 })
        .expect(404);
      expect(body.code).toBe('WOMAN_NOT_FOUND');
    });

    it('lists women eligible for folic acid who have none, until some is dispensed', async () => {
      const staff = await createStaffedFacility(t.dataSource, loginWith(t));
      const planning = await woman(staff);
      const early = await pregnant(addDays(today(), -60), today(), staff);
      await pregnant(addDays(today(), -91), today(), staff); // GA 13+0: past the window
      const list = async () =>
        (await t.http().get('/worklists/folic-acid').set(as(staff)).expect(200)).body.items.map(
          (item: { womanId: number; reason: string }) => `${item.womanId}:${item.reason}`,
        );
      expect(await list()).toEqual([
        `${early.womanId}:early_pregnancy`,
        `${planning}:pre_conception`,
      ]);

      await t
        .http()
        .post(`/women/${early.womanId}/folic-acid/dispensings`)
        .set(as(staff))
        .send({ dispensedOn: today(), doseMg: 0.4, bottles: 1, tabletsPerBottle: 31 })
        .expect(201);
      expect(await list()).toEqual([`${planning}:pre_conception`]);
    });
  });
});
