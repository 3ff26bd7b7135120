import { addDays, startOfDayIn } from '../src/core/time/calendar-date';
import { countIndicators } from '../src/indicators/indicator-calculator';
import { INDICATORS } from '../src/indicators/definitions';
import { IndicatorEngine } from '../src/indicators/indicator-engine.service';
import { parsePeriod, periodContaining } from '../src/indicators/periods';
import { baby, birthDosePayload, deliveryPayload } from './factories/delivery.factory';
import { createStaffedFacility, Staff } from './factories/people.factory';
import { maternalDeathPayload, registrationPayload, today } from './factories/registration.factory';
import { auditTrail } from './utils/audit-trail';
import { bearer, loginWith } from './utils/auth';
import { createTestApp, TestApp } from './utils/test-app';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const ZONE = 'Asia/Shanghai';

/** The fields an error names, each once, sorted. */
const fieldsOf = (body: { details: { field: string }[] }) =>
  [...new Set(body.details.map((d) => d.field))].sort();

interface NewbornView {
  id: number;
  version: number;
  bornAt: string;
  earlyNeonatalDeath: boolean;
  neonatalDeath: boolean;
  birthDoses: {
    hepB: {
      givenAt: string;
      batchNumber: string;
      givenBy: string;
      minutesAfterBirth: number;
      within24Hours: boolean;
    } | null;
    bcg: {
      givenAt: string;
      batchNumber: string;
      givenBy: string;
      minutesAfterBirth: number;
    } | null;
  };
}

/**
 * Care of every newborn and the deaths around birth: the hepatitis B birth dose and BCG of every
 * baby (one dose per baby, read through by the PMTCT record), the worklist of missing doses,
 * PM-12, neonatal deaths by completed days, births before 28+0 as pregnancy losses, and maternal
 * deaths after any ending of pregnancy with their cause.
 */
describe('newborn care: birth doses, deaths by completed days, losses before 28 weeks, maternal deaths', () => {
  let t: TestApp;
  let home: Staff;
  let other: Staff;

  const as = (staff: Staff = home, role: keyof Staff['tokens'] = 'nurse') =>
    bearer(staff.tokens[role]);
  const after = (instant: Date, ms: number) => new Date(instant.getTime() + ms);

  async function register(
    lmp: string,
    registrationDate: string,
    staff: Staff = home,
  ): Promise<{ id: number; womanId: number }> {
    const { body } = await t
      .http()
      .post('/registrations')
      .set(as(staff))
      .send(registrationPayload({ pregnancy: { lmp, registrationDate } }))
      .expect(201);
    return { id: body.pregnancy.id as number, womanId: body.woman.id as number };
  }

  /** Registers a woman at GA `ga` on the day of `bornAt` and records the delivery then. */
  async function delivered(
    bornAt: Date,
    options: { ga?: number; babies?: Record<string, unknown>[]; staff?: Staff; mode?: string } = {},
  ) {
    const staff = options.staff ?? home;
    const birthDay = todayOf(bornAt);
    const lmp = addDays(birthDay, -(options.ga ?? 280));
    const pregnancy = await register(lmp, addDays(lmp, 70), staff);
    const { body } = await t
      .http()
      .post(`/pregnancies/${pregnancy.id}/delivery`)
      .set(as(staff))
      .send(
        deliveryPayload(bornAt, {
          mode: options.mode ?? 'spontaneous_vaginal',
          babies: (options.babies ?? [{}]).map((b, i) =>
            baby({ birthOrder: i + 1, bornAt: bornAt.toISOString(), ...b }),
          ),
        }),
      )
      .expect(201);
    return {
      pregnancy,
      delivery: body as { id: number; pregnancyLoss: boolean; newborns: NewbornView[] },
      newborns: body.newborns as NewbornView[],
    };
  }

  const todayOf = (instant: Date) =>
    new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(instant);

  const newborn = async (id: number, staff = home): Promise<NewbornView> =>
    (await t.http().get(`/newborns/${id}`).set(as(staff)).expect(200)).body as NewbornView;

  const putDose = (id: number, body: Record<string, unknown>, staff = home) =>
    t.http().put(`/newborns/${id}/birth-doses`).set(as(staff)).send(body);

  const pmtctTest = (pregnancyId: number, kind: string, sampleDate: string) =>
    t
      .http()
      .post(`/pregnancies/${pregnancyId}/pmtct-tests`)
      .set(as())
      .send({
        disease: 'hbsag',
        kind,
        setting: 'antenatal',
        sampleDate,
        result: 'positive',
        resultDate: sampleDate,
      })
      .expect(201);

  async function statusOf(pregnancyId: number) {
    return (await t.http().get(`/pregnancies/${pregnancyId}`).set(as()).expect(200)).body as {
      version: number;
      status: string;
    };
  }

  const changeStatus = (pregnancyId: number, body: Record<string, unknown>) =>
    t.http().post(`/pregnancies/${pregnancyId}/status`).set(as()).send(body);

  beforeAll(async () => {
    t = await createTestApp();
    home = await createStaffedFacility(t.dataSource, loginWith(t));
    other = await createStaffedFacility(t.dataSource, loginWith(t));
  });

  afterAll(() => t.close());

  describe('birth doses', () => {
    it('records and corrects the hepatitis B dose and BCG of a baby who is not exposed, audited: 23 h 59 min is within 24 h, 24 h 01 min is not', async () => {
      const bornAt = after(new Date(), -30 * HOUR);
      const { newborns } = await delivered(bornAt);
      const [b] = newborns;
      expect(b.birthDoses).toEqual({ hepB: null, bcg: null });

      const first = await putDose(
        b.id,
        birthDosePayload(b.version, after(bornAt, 23 * HOUR + 59 * MINUTE)),
      ).expect(200);
      expect(first.body.birthDoses.hepB).toEqual({
        givenAt: after(bornAt, 23 * HOUR + 59 * MINUTE).toISOString(),
        batchNumber: '202611A017',
        givenBy: '产房 李护士',
        minutesAfterBirth: 23 * 60 + 59,
        within24Hours: true,
      });

      // A correction: the dose was in fact given at 24 h 01 min.
      const corrected = await putDose(
        b.id,
        birthDosePayload(first.body.version, after(bornAt, 24 * HOUR + MINUTE), {
          batchNumber: '202611A018',
        }),
      ).expect(200);
      expect(corrected.body.birthDoses.hepB).toMatchObject({
        minutesAfterBirth: 24 * 60 + 1,
        within24Hours: false,
        batchNumber: '202611A018',
      });

      const bcg = await putDose(
        b.id,
        birthDosePayload(corrected.body.version, after(bornAt, 2 * HOUR), {
          vaccine: 'bcg',
          batchNumber: 'BCG-2611-03',
        }),
      ).expect(200);
      expect(bcg.body.birthDoses.bcg).toEqual({
        givenAt: after(bornAt, 2 * HOUR).toISOString(),
        batchNumber: 'BCG-2611-03',
        givenBy: '产房 李护士',
        minutesAfterBirth: 120,
      });
      expect(bcg.body.birthDoses.hepB.within24Hours).toBe(false);

      const trail = (await auditTrail(t.dataSource, 'newborn', b.id)).filter(
        (e) => e.action === 'update',
      );
      expect(trail).toHaveLength(3);
      expect(trail[1].before).toMatchObject({
        hepBBirthDoseAt: after(bornAt, 23 * HOUR + 59 * MINUTE).toISOString(),
        hepBBirthDoseBatch: '202611A017',
      });
      expect(trail[1].after).toMatchObject({
        hepBBirthDoseAt: after(bornAt, 24 * HOUR + MINUTE).toISOString(),
        hepBBirthDoseBatch: '202611A018',
      });

      // Statisticians read the doses too: they say nothing about the mother's results.
      const { body: read } = await t
        .http()
        .get(`/newborns/${b.id}`)
        .set(as(home, 'statistician'))
        .expect(200);
      expect(read.birthDoses.bcg.batchNumber).toBe('BCG-2611-03');
    });

    it('refuses a dose before birth, in the future, for a stillborn baby, on a stale version, or of another facility', async () => {
      const bornAt = after(new Date(), -5 * HOUR);
      const { newborns } = await delivered(bornAt, {
        babies: [{}, { vitalStatus: 'stillbirth', stillbirthTiming: 'intrapartum' }],
      });
      const [live, stillborn] = newborns;
      const refused = async (body: Record<string, unknown>, id = live.id) =>
        (await putDose(id, body).expect(400)).body.details.map(
          (d: { field: string; rule: string }) => `${d.field}:${d.rule}`,
        );

      expect(await refused(birthDosePayload(live.version, after(bornAt, -MINUTE)))).toEqual([
        'givenAt:afterBirth',
      ]);
      expect(await refused(birthDosePayload(live.version, after(new Date(), 5 * MINUTE)))).toEqual([
        'givenAt:notFuture',
      ]);
      expect(await refused(birthDosePayload(stillborn.version, bornAt), stillborn.id)).toEqual([
        'newbornId:liveBirthOnly',
      ]);
      const missing = await putDose(live.id, {
        version: live.version,
        vaccine: 'hep_b',
        givenAt: bornAt.toISOString(),
      }).expect(400);
      expect(fieldsOf(missing.body)).toEqual(['batchNumber', 'givenBy']);
      await putDose(live.id, birthDosePayload(live.version, bornAt, { vaccine: 'opv' })).expect(
        400,
      );

      await putDose(live.id, birthDosePayload(live.version, bornAt)).expect(200);
      const stale = await putDose(live.id, birthDosePayload(live.version, bornAt)).expect(409);
      expect(stale.body.code).toBe('STALE_VERSION');
      await putDose(live.id, birthDosePayload(live.version + 1, bornAt), other).expect(404);
      await putDose(live.id, birthDosePayload(live.version + 1, bornAt), home)
        .set(as(home, 'statistician'))
        .expect(403);
    });

    it("is one dose per baby: the exposed-baby record's first vaccine reads and writes the newborn's hepatitis B dose", async () => {
      const bornAt = after(new Date(), -20 * HOUR);
      const lmp = addDays(todayOf(bornAt), -280);
      const pregnancy = await register(lmp, addDays(lmp, 70));
      await pmtctTest(pregnancy.id, 'screening', addDays(lmp, 80));
      await pmtctTest(pregnancy.id, 'confirmatory', addDays(lmp, 85));
      // Twins: the first planned (with a dose held before the delivery is recorded), the second's
      // record made by the delivery itself.
      const { body: planned } = await t
        .http()
        .post(`/pregnancies/${pregnancy.id}/exposed-infants`)
        .set(as())
        .send({ birthOrder: 1, bornAt: bornAt.toISOString() })
        .expect(201);
      await t
        .http()
        .patch(`/exposed-infants/${planned.id}`)
        .set(as())
        .send({ version: planned.version, hepBVaccine1At: after(bornAt, 3 * HOUR).toISOString() })
        .expect(200);
      const { body: delivery } = await t
        .http()
        .post(`/pregnancies/${pregnancy.id}/delivery`)
        .set(as())
        .send(
          deliveryPayload(bornAt, {
            babies: [
              baby({ bornAt: bornAt.toISOString() }),
              baby({ birthOrder: 2, bornAt: after(bornAt, 10 * MINUTE).toISOString() }),
            ],
          }),
        )
        .expect(201);
      const [first, second] = delivery.newborns as NewbornView[];
      // The held dose moved onto the first twin's newborn record.
      expect(first.birthDoses.hepB?.givenAt).toBe(after(bornAt, 3 * HOUR).toISOString());

      const { body: status } = await t
        .http()
        .get(`/pregnancies/${pregnancy.id}/pmtct`)
        .set(as())
        .expect(200);
      const twin = (status.infants as { birthOrder: number; id: number; version: number }[]).find(
        (infant) => infant.birthOrder === 2,
      )!;
      expect(twin).toMatchObject({ newbornId: second.id });
      // Written through the PMTCT record: lands on the newborn.
      const written = await t
        .http()
        .patch(`/exposed-infants/${twin.id}`)
        .set(as())
        .send({ version: twin.version, hepBVaccine1At: after(bornAt, 11 * HOUR).toISOString() })
        .expect(200);
      expect(written.body.hepBVaccine1At).toBe(after(bornAt, 11 * HOUR).toISOString());
      expect(written.body.timeliness.hepBVaccine1.state).toBe('on_time');
      const secondView = await newborn(second.id);
      expect(secondView.birthDoses.hepB).toMatchObject({
        givenAt: after(bornAt, 11 * HOUR).toISOString(),
        minutesAfterBirth: 10 * 60 + 50,
      });
      // Before the birth of this twin: refused under the PMTCT field's name.
      const early = await t
        .http()
        .patch(`/exposed-infants/${twin.id}`)
        .set(as())
        .send({
          version: written.body.version,
          hepBVaccine1At: after(bornAt, 5 * MINUTE).toISOString(),
        })
        .expect(400);
      expect(early.body.details[0]).toMatchObject({ field: 'hepBVaccine1At', rule: 'afterBirth' });

      // Corrected on the newborn: the PMTCT view reads the correction.
      // 12 h 02 min after this twin's birth (born 10 min after the first): late.
      await putDose(
        second.id,
        birthDosePayload(secondView.version, after(bornAt, 12 * HOUR + 12 * MINUTE)),
      ).expect(200);
      const { body: pmtct } = await t
        .http()
        .get(`/pregnancies/${pregnancy.id}/pmtct`)
        .set(as())
        .expect(200);
      const infants = pmtct.infants as {
        birthOrder: number;
        hepBVaccine1At: string;
        timeliness: Record<string, { state: string }>;
      }[];
      expect(
        infants.map((i) => [i.birthOrder, i.hepBVaccine1At, i.timeliness.hepBVaccine1.state]),
      ).toEqual([
        [1, after(bornAt, 3 * HOUR).toISOString(), 'on_time'],
        [2, after(bornAt, 12 * HOUR + 12 * MINUTE).toISOString(), 'late'],
      ]);
      // One stored dose per baby: the exposed-baby rows hold none once linked.
      const held: { hep_bvaccine1_at: Date | null }[] = await t.dataSource.query(
        'SELECT hep_bvaccine1_at FROM exposed_infant WHERE pregnancy_id = ?',
        [pregnancy.id],
      );
      expect(held.map((r) => r.hep_bvaccine1_at)).toEqual([null, null]);
    });

    it('lists the babies without a hepatitis B dose, the window closing soonest first: 12 h when the mother is HBsAg-positive, confirmed or not', async () => {
      const worker = await createStaffedFacility(t.dataSource, loginWith(t));
      const now = new Date();
      const plain = await delivered(after(now, -20 * HOUR), { staff: worker }); // 24 h: ~4 h left
      const late = await delivered(after(now, -30 * HOUR), { staff: worker }); // 24 h: ~6 h late
      const dosed = await delivered(after(now, -2 * HOUR), { staff: worker });
      const died = await delivered(after(now, -3 * HOUR), { staff: worker });
      const old = await delivered(after(now, -8 * DAY), { staff: worker }); // past the week
      await delivered(after(now, -1 * HOUR), { staff: other }); // another facility's baby

      // An HBsAg-positive screening, not confirmed: 12 h from birth, ~2 h left.
      const bornExposed = after(now, -10 * HOUR);
      const lmp = addDays(todayOf(bornExposed), -280);
      const exposedPregnancy = await register(lmp, addDays(lmp, 70), worker);
      await t
        .http()
        .post(`/pregnancies/${exposedPregnancy.id}/pmtct-tests`)
        .set(as(worker))
        .send({
          disease: 'hbsag',
          kind: 'screening',
          setting: 'antenatal',
          sampleDate: addDays(lmp, 80),
          result: 'positive',
          resultDate: addDays(lmp, 80),
        })
        .expect(201);
      const { body: exposed } = await t
        .http()
        .post(`/pregnancies/${exposedPregnancy.id}/delivery`)
        .set(as(worker))
        .send(deliveryPayload(bornExposed))
        .expect(201);

      await putDose(
        dosed.newborns[0].id,
        birthDosePayload(dosed.newborns[0].version, now),
        worker,
      ).expect(200);
      await t
        .http()
        .patch(`/newborns/${died.newborns[0].id}`)
        .set(as(worker))
        .send({ version: died.newborns[0].version, diedAt: after(now, -MINUTE).toISOString() })
        .expect(200);

      const { body } = await t
        .http()
        .get('/worklists/birth-doses')
        .query({ pageSize: 100 })
        .set(as(worker, 'mch_staff'))
        .expect(200);
      const items = body.items as {
        newbornId: number;
        deadline: string;
        minutesLeft: number;
        state: string;
        phone: string;
      }[];
      expect(items.map((i) => i.newbornId)).toEqual([
        late.newborns[0].id,
        exposed.newborns[0].id,
        plain.newborns[0].id,
      ]);
      expect(items.map((i) => i.state)).toEqual(['overdue', 'due', 'due']);
      expect(items[1].deadline).toBe(after(bornExposed, 12 * HOUR).toISOString());
      expect(items[1].minutesLeft).toBeGreaterThanOrEqual(119);
      expect(items[1].minutesLeft).toBeLessThanOrEqual(120);
      expect(items[2].deadline).toBe(
        after(new Date(plain.newborns[0].bornAt), 24 * HOUR).toISOString(),
      );
      expect(items[0].minutesLeft).toBeLessThan(-6 * 60 + 2);
      expect(items[0].phone).toMatch(/^\d{3}\*{4}\d{4}$/);
      expect(items.map((i) => i.newbornId)).not.toContain(old.newborns[0].id);
      expect(body.total).toBe(3);

      // It tells who is HBsAg-positive: clinical roles only, each read audited.
      await t.http().get('/worklists/birth-doses').set(as(worker, 'statistician')).expect(403);
      const [row]: { n: string }[] = await t.dataSource.query(
        "SELECT COUNT(*) AS n FROM audit_entry WHERE entity = 'birth_dose_worklist' AND facility_id = ? AND action = 'view_sensitive'",
        [worker.facility.id],
      );
      expect(Number(row.n)).toBe(1);
    });
  });

  describe('neonatal deaths by completed days', () => {
    it('a death at 6 days 23 h 59 min is early neonatal, at 7 days it is not; at 27 days 23 h 59 min neonatal, at 28 days not', async () => {
      const bornAt = after(new Date(), -40 * DAY);
      const { newborns } = await delivered(bornAt, {
        babies: [{}, { birthOrder: 2 }, { birthOrder: 3 }, { birthOrder: 4 }],
      });
      const die = async (b: NewbornView, ms: number) =>
        (
          await t
            .http()
            .patch(`/newborns/${b.id}`)
            .set(as())
            .send({ version: b.version, diedAt: after(bornAt, ms).toISOString() })
            .expect(200)
        ).body as NewbornView;
      const flags = (b: NewbornView) => [b.earlyNeonatalDeath, b.neonatalDeath];
      expect(flags(await die(newborns[0], 7 * DAY - MINUTE))).toEqual([true, true]);
      expect(flags(await die(newborns[1], 7 * DAY))).toEqual([false, true]);
      expect(flags(await die(newborns[2], 28 * DAY - MINUTE))).toEqual([false, true]);
      expect(flags(await die(newborns[3], 28 * DAY))).toEqual([false, false]);
    });
  });

  describe('maternal deaths after any ending of pregnancy', () => {
    async function ended(outcome: string, endedOn: string) {
      const lmp = addDays(endedOn, -70);
      const p = await register(lmp, addDays(lmp, 50));
      await changeStatus(p.id, {
        version: (await statusOf(p.id)).version,
        status: 'ended',
        endOutcome: outcome,
        effectiveDate: endedOn,
        reason: '早孕期终止',
      }).expect(200);
      return p;
    }
    const noonOn = (date: string) => new Date(startOfDayIn(date, ZONE).getTime() + 12 * HOUR);

    it('is recorded after a miscarriage up to day 42 of its end and refused on day 43, naming the rule', async () => {
      const endedOn = addDays(today(), -50);
      const onDay42 = await ended('miscarriage', endedOn);
      const onDay43 = await ended('termination', endedOn);

      const refused = await changeStatus(
        onDay43.id,
        maternalDeathPayload((await statusOf(onDay43.id)).version, noonOn(addDays(endedOn, 43))),
      ).expect(400);
      expect(refused.body.details).toEqual([
        expect.objectContaining({ field: 'diedAt', rule: 'withinFortyTwoDays' }),
      ]);
      expect((await statusOf(onDay43.id)).status).toBe('ended');

      await changeStatus(
        onDay42.id,
        maternalDeathPayload((await statusOf(onDay42.id)).version, noonOn(addDays(endedOn, 42)), {
          deathCause: 'other_medical',
          deathCauseDetail: '重症肺炎',
        }),
      ).expect(200);
      expect((await statusOf(onDay42.id)).status).toBe('maternal_death');
      const [death]: { cause: string; cause_detail: string; died_at: Date }[] =
        await t.dataSource.query('SELECT * FROM maternal_death WHERE pregnancy_id = ?', [
          onDay42.id,
        ]);
      expect(death).toMatchObject({ cause: 'other_medical', cause_detail: '重症肺炎' });
      const trail = await auditTrail(
        t.dataSource,
        'maternal_death',
        Number((death as unknown as { id: number }).id),
      );
      expect(trail.map((e) => e.action)).toEqual(['create']);
    });

    it('is recorded after an ectopic pregnancy and a closed episode; time and cause are required, and the day is the day of death', async () => {
      const ectopic = await ended('ectopic', addDays(today(), -3));
      const version = (await statusOf(ectopic.id)).version;
      const missing = await changeStatus(ectopic.id, {
        version,
        status: 'maternal_death',
        effectiveDate: today(),
        reason: '死亡',
      }).expect(400);
      expect(fieldsOf(missing.body)).toEqual(['deathCause', 'diedAt']);
      await changeStatus(
        ectopic.id,
        maternalDeathPayload(version, noonOn(addDays(today(), -1)), { deathCause: 'unknown' }),
      ).expect(400);
      const wrongDay = await changeStatus(
        ectopic.id,
        maternalDeathPayload(version, noonOn(addDays(today(), -1)), {
          effectiveDate: addDays(today(), -2),
        }),
      ).expect(400);
      expect(wrongDay.body.details).toEqual([
        expect.objectContaining({ field: 'effectiveDate', rule: 'dayOfDeath' }),
      ]);
      await changeStatus(
        ectopic.id,
        maternalDeathPayload(version, noonOn(addDays(today(), -1)), {
          deathCause: 'amniotic_fluid_embolism',
        }),
      ).expect(200);

      const { pregnancy } = await delivered(after(new Date(), -3 * DAY));
      await changeStatus(pregnancy.id, {
        version: (await statusOf(pregnancy.id)).version,
        status: 'closed',
        effectiveDate: today(),
        reason: '产后42天检查结案',
      }).expect(200);
      await changeStatus(
        pregnancy.id,
        maternalDeathPayload((await statusOf(pregnancy.id)).version, after(new Date(), -MINUTE), {
          deathCause: 'heart_disease',
        }),
      ).expect(200);
      // Death is final.
      await changeStatus(pregnancy.id, {
        version: (await statusOf(pregnancy.id)).version,
        status: 'closed',
        effectiveDate: today(),
        reason: 'x',
      }).expect(409);
    });
  });

  describe('the indicators of a hand-built month', () => {
    /**
     * Month M, two months before this one, at a facility of its own; births at 10:00 hospital
     * time on day d of M, at term (GA 280) unless said, each delivery a spontaneous vaginal one.
     *
     * | mother | d  | babies                                                                      |
     * |--------|----|-----------------------------------------------------------------------------|
     * | M1     | 3  | N1: hepatitis B dose at 23 h 59 min; died 6 d 23 h 59 min after birth          |
     * | M2     | 4  | N2: hepatitis B dose at 24 h 01 min; died 7 d after birth                      |
     * | M3     | 5  | twins N3a (dose at 2 h), N3b (no dose)                                       |
     * | M4     | 6  | N4 stillborn (antepartum)                                                   |
     * | M5     | 7  | N5 live-born at 27+6 (GA 195), dose at 1 h; caesarean without indication     |
     * | M6     | 8  | N6 live-born at 28+0 (GA 196), dose at birth; caesarean without indication  |
     * | M7     |    | miscarriage 30 days before M, died on day 13 of M (42 days after the end)    |
     * | M8     |    | ectopic pregnancy on day 2 of M, died on day 3 of M, accidental (意外)     |
     */
    let counts: Record<string, [number, number, number]>;
    let loss: { pregnancyLoss: boolean };
    let viable: { pregnancyLoss: boolean };

    beforeAll(async () => {
      const unit = await createStaffedFacility(t.dataSource, loginWith(t));
      const M = parsePeriod(addDays(periodContaining('month', today()).from, -40).slice(0, 7));
      const at10 = (d: number) =>
        new Date(startOfDayIn(addDays(M.from, d - 1), ZONE).getTime() + 10 * HOUR);
      const dose = async (b: NewbornView, ms: number) =>
        (
          await putDose(
            b.id,
            birthDosePayload(b.version, after(new Date(b.bornAt), ms)),
            unit,
          ).expect(200)
        ).body as NewbornView;
      const die = (b: NewbornView, ms: number) =>
        t
          .http()
          .patch(`/newborns/${b.id}`)
          .set(as(unit))
          .send({ version: b.version, diedAt: after(new Date(b.bornAt), ms).toISOString() })
          .expect(200);

      const m1 = await delivered(at10(3), { staff: unit });
      await die(await dose(m1.newborns[0], 23 * HOUR + 59 * MINUTE), 7 * DAY - MINUTE);
      const m2 = await delivered(at10(4), { staff: unit });
      await die(await dose(m2.newborns[0], 24 * HOUR + MINUTE), 7 * DAY);
      const m3 = await delivered(at10(5), { staff: unit, babies: [{}, { birthOrder: 2 }] });
      await dose(m3.newborns[0], 2 * HOUR);
      await delivered(at10(6), {
        staff: unit,
        babies: [{ vitalStatus: 'stillbirth', stillbirthTiming: 'antepartum' }],
      });
      const m5 = await delivered(at10(7), { staff: unit, ga: 195, mode: 'caesarean' });
      await dose(m5.newborns[0], HOUR);
      const m6 = await delivered(at10(8), { staff: unit, ga: 196, mode: 'caesarean' });
      await dose(m6.newborns[0], 0);
      loss = m5.delivery;
      viable = m6.delivery;

      const endThenDie = async (
        outcome: string,
        endedOn: string,
        diedOn: string,
        cause: string,
      ) => {
        const lmp = addDays(endedOn, -70);
        const p = await register(lmp, addDays(lmp, 50), unit);
        const post = (body: Record<string, unknown>) =>
          t.http().post(`/pregnancies/${p.id}/status`).set(as(unit)).send(body).expect(200);
        const version = async () =>
          (
            (await t.http().get(`/pregnancies/${p.id}`).set(as(unit)).expect(200)).body as {
              version: number;
            }
          ).version;
        await post({
          version: await version(),
          status: 'ended',
          endOutcome: outcome,
          effectiveDate: endedOn,
          reason: '终止',
        });
        await post(
          maternalDeathPayload(
            await version(),
            new Date(startOfDayIn(diedOn, ZONE).getTime() + 9 * HOUR),
            {
              deathCause: cause,
            },
          ),
        );
      };
      await endThenDie(
        'miscarriage',
        addDays(M.from, -30),
        addDays(M.from, 12),
        'obstetric_haemorrhage',
      );
      await endThenDie('ectopic', addDays(M.from, 1), addDays(M.from, 2), 'accidental');

      const codes = ['PM-12', 'SM-07', 'SM-10b', 'SM-11', 'SM-12', 'BF-06', 'PM-01'];
      const rows = await countIndicators(
        t.dataSource.manager,
        INDICATORS.filter((i) => codes.includes(i.code)),
        t.app.get(IndicatorEngine).cohortParams([unit.facility.id], M),
      );
      counts = Object.fromEntries(
        rows.map((r) => [r.code, [r.numerator, r.denominator, r.excluded]]),
      );
    }, 120_000);

    it('PM-12: every live birth, exposed or not; 23 h 59 min counts, 24 h 01 min does not', () => {
      // Live births of M: N1, N2, N3a, N3b, N6 (N4 is stillborn; N5 was born at 27+6, a
      // pregnancy loss). Within 24 h: N1 (23 h 59 min), N3a (2 h), N6 (at birth); not N2
      // (24 h 01 min) nor N3b (none). 3/5.
      expect(counts['PM-12']).toEqual([3, 5, 0]);
    });

    it('SM-11: a death on day 6 is early neonatal, on day 7 it is not', () => {
      // Births ≥ 28+0: N1, N2, N3a, N3b, N4, N6 = 6. Stillborn N4, N1 died at 6 completed days;
      // N2 at 7. 2/6.
      expect(counts['SM-11']).toEqual([2, 6, 0]);
    });

    it('a birth at 27+6 is a pregnancy loss and leaves every delivery-based denominator; at 28+0 it is a delivery', () => {
      expect(loss.pregnancyLoss).toBe(true);
      expect(viable.pregnancyLoss).toBe(false);
      // Deliveries of M: M1, M2, M3, M4, M6 (not M5). Caesareans without indication: M6 only.
      expect(counts['BF-06']).toEqual([1, 5, 0]);
      // Women who delivered: the same five; nobody was tested.
      expect(counts['PM-01']).toEqual([0, 5, 0]);
      // Live births: N1, N2, N3a, N3b, N6; caesarean and preterm (< 37+0): N6 only.
      expect(counts['SM-07']).toEqual([1, 5, 0]);
      expect(counts['SM-10b']).toEqual([1, 5, 0]);
    });

    it('SM-12: a death 42 days after a miscarriage is a maternal death; an accidental death is not', () => {
      // M7 counts (day 42 of the end); M8 died in an accident. 1 per 5 live births.
      expect(counts['SM-12']).toEqual([1, 5, 0]);
    });
  });
});
