import { addDays } from '../src/core/time/calendar-date';
import { COHORTS } from '../src/indicators/cohorts';
import { INDICATORS } from '../src/indicators/definitions';
import { IndicatorEngine } from '../src/indicators/indicator-engine.service';
import { bindCohort } from '../src/indicators/indicator-sql';
import { parsePeriod } from '../src/indicators/periods';
import { baby, deliveryPayload, tenOClockOn } from './factories/delivery.factory';
import { createStaffedFacility, Staff } from './factories/people.factory';
import { registrationPayload, today } from './factories/registration.factory';
import { auditTrail } from './utils/audit-trail';
import { bearer, loginWith } from './utils/auth';
import { whileFirstHolds } from './utils/lock-waits';
import { createTestApp, TestApp } from './utils/test-app';

const HOUR = 3_600_000;

describe('PMTCT: HIV, syphilis and hepatitis B', () => {
  let t: TestApp;
  let home: Staff;
  let other: Staff;

  const as = (staff: Staff = home, role: keyof Staff['tokens'] = 'nurse') =>
    bearer(staff.tokens[role]);

  async function pregnant(gaToday: number, staff = home, registeredDaysAgo = 0) {
    const { body } = await t
      .http()
      .post('/registrations')
      .set(as(staff))
      .send(
        registrationPayload({
          pregnancy: {
            lmp: addDays(today(), -gaToday),
            registrationDate: addDays(today(), -registeredDaysAgo),
          },
        }),
      )
      .expect(201);
    return {
      id: body.pregnancy.id as number,
      version: body.pregnancy.version as number,
      name: body.woman.name as string,
    };
  }

  const test = (pregnancyId: number, body: Record<string, unknown>, staff = home) =>
    t
      .http()
      .post(`/pregnancies/${pregnancyId}/pmtct-tests`)
      .set(as(staff))
      .send({ kind: 'screening', setting: 'antenatal', ...body });

  const status = async (pregnancyId: number) =>
    (await t.http().get(`/pregnancies/${pregnancyId}/pmtct`).set(as()).expect(200)).body;

  const worklist = async (list: string, staff = home) =>
    (
      await t
        .http()
        .get('/worklists/pmtct')
        .query({ list, pageSize: 100 })
        .set(as(staff))
        .expect(200)
    ).body.items;

  /** Screening and confirmation, both positive, sampled `daysAgo`. */
  async function confirmPositive(pregnancyId: number, disease: string, daysAgo: number) {
    const sampleDate = addDays(today(), -daysAgo);
    await test(pregnancyId, {
      disease,
      sampleDate,
      result: 'positive',
      resultDate: sampleDate,
    }).expect(201);
    await test(pregnancyId, {
      disease,
      kind: 'confirmatory',
      sampleDate,
      result: 'positive',
      resultDate: sampleDate,
    }).expect(201);
  }

  beforeAll(async () => {
    t = await createTestApp();
    home = await createStaffedFacility(t.dataSource, loginWith(t));
    other = await createStaffedFacility(t.dataSource, loginWith(t));
  });

  afterAll(() => t.close());

  it('a negative woman: counselled, tested early for all three, nothing more to do', async () => {
    const p = await pregnant(80, home, 20);
    await t
      .http()
      .post(`/pregnancies/${p.id}/pmtct-counselling`)
      .set(as())
      .send({
        stage: 'pre_test',
        counselledOn: addDays(today(), -20),
        accepted: true,
        // null: no test yet, as when absent.
        testId: null,
      })
      .expect(201);
    for (const disease of ['hiv', 'syphilis', 'hbsag']) {
      const { body } = await test(p.id, {
        disease,
        sampleDate: addDays(today(), -20),
        result: 'negative',
        resultDate: addDays(today(), -18),
      }).expect(201);
      expect(body).toMatchObject({ gaDaysAtSample: 60, early: true });
    }
    const s = await status(p.id);
    expect(
      s.diseases.map(
        (d: { disease: string; status: string; testedEarly: boolean }) =>
          `${d.disease}:${d.status}:${d.testedEarly}`,
      ),
    ).toEqual(['hiv:negative:true', 'syphilis:negative:true', 'hbsag:negative:true']);
    expect(s).toMatchObject({ rapidTestAtAdmission: [], isolationDeliveryRoom: false });
    const pregnancy = await t.http().get(`/pregnancies/${p.id}`).set(as()).expect(200);
    expect(pregnancy.body.riskPurple).toBe(false);
  });

  it('tells early testing at GA 12+6 from late testing at 13+0', async () => {
    const p = await pregnant(91);
    const early = await test(p.id, {
      disease: 'hiv',
      sampleDate: addDays(today(), -1),
      result: 'negative',
      resultDate: today(),
    }).expect(201);
    const late = await test(p.id, {
      disease: 'syphilis',
      sampleDate: today(),
      result: 'negative',
      resultDate: today(),
    }).expect(201);
    expect([early.body.gaDaysAtSample, early.body.early]).toEqual([90, true]);
    expect([late.body.gaDaysAtSample, late.body.early]).toEqual([91, false]);
  });

  it('an HBsAg-positive screening alone: PURPLE and a case at once, no confirmation awaited; her baby’s HBIG timed to 12 hours', async () => {
    const p = await pregnant(250, home, 200);
    const screening = await test(p.id, {
      disease: 'hbsag',
      sampleDate: addDays(today(), -190),
      result: 'positive',
      resultDate: addDays(today(), -189),
    }).expect(201);
    expect(screening.body.result).toBe('positive');
    // A positive HBsAg result is the indication (预防母婴传播工作规范 2020): nothing to confirm.
    expect((await status(p.id)).diseases[2]).toMatchObject({
      disease: 'hbsag',
      status: 'confirmed_positive',
      exposure: 'confirmed_positive',
      antiviralIndicated: false,
    });
    expect(
      (await worklist('awaiting_confirmation')).map((i: { pregnancyId: number }) => i.pregnancyId),
    ).not.toContain(p.id);

    const pregnancy = (await t.http().get(`/pregnancies/${p.id}`).set(as()).expect(200)).body;
    expect(pregnancy.riskPurple).toBe(true);
    const assessments = (
      await t.http().get(`/pregnancies/${p.id}/risk-assessments`).set(as()).expect(200)
    ).body;
    expect(assessments[0]).toMatchObject({ kind: 'automatic', purple: true });
    expect(assessments[0].factors).toEqual([
      expect.objectContaining({
        code: 'HBSAG_POSITIVE',
        sourceRecord: `pmtct_test:${screening.body.id}`,
      }),
    ]);
    const cases = (await t.http().get('/high-risk-cases').set(as()).expect(200)).body.items;
    expect(cases.map((c: { pregnancyId: number }) => c.pregnancyId)).toContain(p.id);
    expect(await status(p.id)).toMatchObject({ isolationDeliveryRoom: true });

    // A carrier with no marker of high replication needs no antiviral: not on the untreated list.
    const untreated = async () =>
      (await worklist('untreated')).filter((i: { pregnancyId: number }) => i.pregnancyId === p.id);
    expect(await untreated()).toEqual([]);
    const dna = await test(p.id, {
      disease: 'hbsag',
      kind: 'confirmatory',
      method: 'nucleic_acid',
      sampleDate: addDays(today(), -100),
      result: 'positive',
      resultDate: addDays(today(), -98),
      hbvDnaIuPerMl: 199_999,
    }).expect(201);
    expect(dna.body).toMatchObject({ hbvDnaIuPerMl: 199_999, hbeag: null });
    expect(await untreated()).toEqual([]);
    await t
      .http()
      .patch(`/pmtct-tests/${dna.body.id}/result`)
      .set(as())
      .send({
        version: dna.body.version,
        result: 'positive',
        resultDate: addDays(today(), -98),
        hbvDnaIuPerMl: 200_000,
      })
      .expect(200);
    expect(await untreated()).toEqual([
      expect.objectContaining({
        disease: 'hbsag',
        what: 'antiviral indicated, no treatment recorded',
      }),
    ]);
    expect((await status(p.id)).diseases[2]).toMatchObject({ antiviralIndicated: true });
    const markerOnHiv = await test(p.id, {
      disease: 'hiv',
      sampleDate: today(),
      hbeag: 'positive',
    }).expect(400);
    expect(markerOnHiv.body.details).toEqual([
      expect.objectContaining({ field: 'hbeag', rule: 'hbsagOnly' }),
    ]);

    const bornAt = new Date(Date.now() - 11 * HOUR - 30 * 60_000);
    const baby = await t
      .http()
      .post(`/pregnancies/${p.id}/exposed-infants`)
      .set(as())
      .send({ birthOrder: 1, bornAt: bornAt.toISOString() })
      .expect(201);
    expect(baby.body.timeliness.hbig).toMatchObject({ state: 'due' });
    expect(baby.body.timeliness.hbig.minutesLeft).toBeGreaterThanOrEqual(29);
    expect(baby.body.timeliness.hbig.minutesLeft).toBeLessThanOrEqual(30);
    const due = (await worklist('infant_doses')).filter(
      (i: { infantId: number }) => i.infantId === baby.body.id,
    );
    expect(due.map((i: { what: string }) => i.what).sort()).toEqual([
      'hbig due',
      'hepBVaccine1 due',
    ]);

    const beforeBirth = await t
      .http()
      .patch(`/exposed-infants/${baby.body.id}`)
      .set(as())
      .send({
        version: baby.body.version,
        hbigAt: new Date(bornAt.getTime() - 60_000).toISOString(),
      })
      .expect(400);
    expect(beforeBirth.body.details).toEqual([
      expect.objectContaining({ field: 'hbigAt', rule: 'afterBirth' }),
    ]);
    const hivForHbv = await t
      .http()
      .patch(`/exposed-infants/${baby.body.id}`)
      .set(as())
      .send({ version: baby.body.version, hivProphylaxisStartedAt: new Date().toISOString() })
      .expect(409);
    expect(hivForHbv.body).toMatchObject({ code: 'NOT_CONFIRMED_POSITIVE' });

    const given = await t
      .http()
      .patch(`/exposed-infants/${baby.body.id}`)
      .set(as())
      .send({
        version: baby.body.version,
        hbigAt: new Date(bornAt.getTime() + 12 * HOUR).toISOString(),
        hepBVaccine1At: new Date(bornAt.getTime() + 12 * HOUR + 60_000).toISOString(),
      })
      .expect(400);
    expect(given.body.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ rule: 'notFuture' })]),
    );

    const onTime = await t
      .http()
      .patch(`/exposed-infants/${baby.body.id}`)
      .set(as())
      .send({ version: baby.body.version, hbigAt: new Date(bornAt.getTime() + HOUR).toISOString() })
      .expect(200);
    expect(onTime.body.timeliness.hbig).toEqual({ state: 'on_time', minutesLeft: null });
  });

  it('tells HBIG at 12 h 00 min on time and 12 h 01 min late', async () => {
    const p = await pregnant(250, home, 200);
    await confirmPositive(p.id, 'hbsag', 190);
    const bornAt = new Date(Date.now() - 30 * HOUR);
    const create = async (birthOrder: number, minutes: number) => {
      const baby = await t
        .http()
        .post(`/pregnancies/${p.id}/exposed-infants`)
        .set(as())
        .send({ birthOrder, bornAt: bornAt.toISOString() })
        .expect(201);
      const { body } = await t
        .http()
        .patch(`/exposed-infants/${baby.body.id}`)
        .set(as())
        .send({
          version: baby.body.version,
          hbigAt: new Date(bornAt.getTime() + minutes * 60_000).toISOString(),
        })
        .expect(200);
      return body.timeliness.hbig.state;
    };
    expect(await create(1, 12 * 60)).toBe('on_time');
    expect(await create(2, 12 * 60 + 1)).toBe('late');
  });

  it('a syphilis-positive woman found in mid-pregnancy needs two complete courses', async () => {
    const p = await pregnant(150, home, 60);
    await confirmPositive(p.id, 'syphilis', 50); // GA 100 at sample: mid-pregnancy
    const course = (startDaysAgo: number) =>
      t
        .http()
        .post(`/pregnancies/${p.id}/maternal-treatments`)
        .set(as())
        .send({
          kind: 'syphilis_course',
          startedOn: addDays(today(), -startDaysAgo),
          regimen: '苄星青霉素 240万U 每周1次×3',
          doses: [0, 7, 14].map((d) => ({
            givenOn: addDays(today(), -startDaysAgo + d),
            drug: '苄星青霉素',
            dose: '240万U',
          })),
        })
        .expect(201);
    const first = await course(45); // doses 45, 38 and 31 days ago
    expect(first.body).toMatchObject({ complete: true, disease: 'syphilis' });
    expect((await status(p.id)).diseases[1]).toMatchObject({
      status: 'confirmed_positive',
      treated: true,
      treatmentAdequate: false,
    });
    // The second course starts 13 days after the first ended: too soon (at least 14).
    await course(18);
    expect((await status(p.id)).diseases[1]).toMatchObject({ treatmentAdequate: false });
    // 14 days after the first ended: two courses, apart as required.
    await course(17);
    expect((await status(p.id)).diseases[1]).toMatchObject({ treatmentAdequate: true });

    const art = await t
      .http()
      .post(`/pregnancies/${p.id}/maternal-treatments`)
      .set(as())
      .send({ kind: 'art', startedOn: today(), regimen: 'TDF+3TC+EFV' })
      .expect(409);
    expect(art.body).toMatchObject({ code: 'NOT_CONFIRMED_POSITIVE' });
    expect(art.body.details).toEqual([
      expect.objectContaining({ field: 'kind', rule: 'confirmedPositive' }),
    ]);
  });

  it('an HIV-positive woman: ART, baby prophylaxis within 6 hours, follow-up schedule with overdue visits', async () => {
    const p = await pregnant(280, home, 250);
    await confirmPositive(p.id, 'hiv', 240);
    await t
      .http()
      .post(`/pregnancies/${p.id}/maternal-treatments`)
      .set(as())
      .send({ kind: 'art', startedOn: addDays(today(), -238), regimen: 'TDF+3TC+EFV' })
      .expect(201);
    expect(
      (await worklist('untreated')).map((i: { pregnancyId: number }) => i.pregnancyId),
    ).not.toContain(p.id);

    const bornAt = new Date(Date.now() - 50 * 86_400_000);
    const baby = await t
      .http()
      .post(`/pregnancies/${p.id}/exposed-infants`)
      .set(as())
      .send({ birthOrder: 1, bornAt: bornAt.toISOString() })
      .expect(201);
    const updated = await t
      .http()
      .patch(`/exposed-infants/${baby.body.id}`)
      .set(as())
      .send({
        version: baby.body.version,
        hivProphylaxisStartedAt: new Date(bornAt.getTime() + 6 * HOUR).toISOString(),
        hivProphylaxisRegimen: 'NVP 6周',
        hepBVaccine1At: new Date(bornAt.getTime() + 2 * HOUR).toISOString(),
        feedingChoice: 'replacement',
      })
      .expect(200);
    expect(updated.body.timeliness).toMatchObject({
      hivProphylaxis: { state: 'on_time' },
      hepBVaccine1: { state: 'on_time' },
    });
    expect(
      updated.body.followUps.map((f: { code: string; state: string }) => `${f.code}:${f.state}`),
    ).toEqual([
      'HIV_48H:overdue',
      'HIV_6W:due',
      'HIV_3M:upcoming',
      'HIV_12M:upcoming',
      'HIV_18M:upcoming',
    ]);
    const overdue = (await worklist('infant_follow_ups')).filter(
      (i: { infantId: number }) => i.infantId === baby.body.id,
    );
    expect(overdue.map((i: { what: string }) => i.what)).toEqual(['HIV_48H overdue']);

    const done = await t
      .http()
      .post(`/exposed-infants/${baby.body.id}/follow-ups`)
      .set(as())
      .send({ code: 'HIV_48H', doneOn: addDays(today(), -48), result: 'HIV DNA 阴性' })
      .expect(201);
    expect(done.body.followUps[0]).toMatchObject({ state: 'done', result: 'HIV DNA 阴性' });
    const unknown = await t
      .http()
      .post(`/exposed-infants/${baby.body.id}/follow-ups`)
      .set(as())
      .send({ code: 'SYPHILIS_3M', doneOn: today(), result: 'x' })
      .expect(400);
    expect(unknown.body).toMatchObject({ code: 'FOLLOW_UP_UNKNOWN' });
  });

  it('lists women untested by 13 weeks and at delivery, and flags a rapid test at admission', async () => {
    const staff = await createStaffedFacility(t.dataSource, loginWith(t));
    const late = await pregnant(91, staff);
    const notYet = await pregnant(90, staff);
    await test(
      late.id,
      { disease: 'hiv', sampleDate: today(), result: 'negative', resultDate: today() },
      staff,
    ).expect(201);
    const untested = (await worklist('untested_by_13_weeks', staff)).map(
      (i: { pregnancyId: number; disease: string }) => `${i.pregnancyId}:${i.disease}`,
    );
    expect(untested).toEqual([`${late.id}:hbsag`, `${late.id}:syphilis`]);
    expect(untested.some((row: string) => row.startsWith(`${notYet.id}:`))).toBe(false);

    const admission = (
      await t.http().get(`/pregnancies/${late.id}/pmtct`).set(as(staff)).expect(200)
    ).body;
    expect(admission.rapidTestAtAdmission).toEqual(['syphilis', 'hbsag']);

    await t
      .http()
      .post(`/pregnancies/${late.id}/delivery`)
      .set(as(staff))
      .send(deliveryPayload(new Date()))
      .expect(201);
    const atDelivery = (await worklist('untested_at_delivery', staff)).map(
      (i: { disease: string }) => i.disease,
    );
    expect(atDelivery.sort()).toEqual(['hbsag', 'syphilis']);
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    [
      'a result before the sample',
      {
        disease: 'hiv',
        sampleDate: addDays(today(), -5),
        result: 'negative',
        resultDate: addDays(today(), -6),
      },
      'resultDate',
      'notBeforeSample',
    ],
    [
      'a sample in the future',
      { disease: 'hiv', sampleDate: addDays(today(), 1) },
      'sampleDate',
      'withinPregnancy',
    ],
    [
      'a sample before the pregnancy',
      { disease: 'hiv', sampleDate: addDays(today(), -200) },
      'sampleDate',
      'withinPregnancy',
    ],
    [
      'a result date without a result',
      { disease: 'hiv', sampleDate: today(), resultDate: today() },
      'result',
      'requiredWithResultDate',
    ],
    ['an unknown disease', { disease: 'hcv', sampleDate: today() }, 'disease', 'isIn'],
    [
      'a malformed titre',
      { disease: 'syphilis', sampleDate: today(), titre: '8' },
      'titre',
      'matches',
    ],
  ])('refuses %s, naming the field', async (_name, body, field, rule) => {
    const p = await pregnant(100);
    const response = await test(p.id, body).expect(400);
    expect(response.body.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ field, rule })]),
    );
  });

  it('refuses an exposed baby for a negative mother, and another facility', async () => {
    const p = await pregnant(250);
    const { body } = await t
      .http()
      .post(`/pregnancies/${p.id}/exposed-infants`)
      .set(as())
      .send({ birthOrder: 1 })
      .expect(409);
    expect(body).toMatchObject({ code: 'NOT_CONFIRMED_POSITIVE' });
    await t.http().get(`/pregnancies/${p.id}/pmtct`).set(as(other)).expect(404);
    await test(p.id, { disease: 'hiv', sampleDate: today() }, other).expect(404);
  });
  describe('babies first: HBsAg without confirmation, labour tests, records for every baby', () => {
    const deliver = (pregnancyId: number, bornAt: Date, babies = [baby()]) =>
      t
        .http()
        .post(`/pregnancies/${pregnancyId}/delivery`)
        .set(as())
        .send(deliveryPayload(bornAt, { babies }))
        .expect(201);
    const infants = async (pregnancyId: number) => (await status(pregnancyId)).infants;
    /** What the dose worklist asks for this baby, sorted. */
    const dosesDue = async (infantId: number) =>
      (await worklist('infant_doses'))
        .filter((i: { infantId: number }) => i.infantId === infantId)
        .map((i: { what: string }) => i.what)
        .sort();
    const patchInfant = (id: number, body: Record<string, unknown>) =>
      t.http().patch(`/exposed-infants/${id}`).set(as()).send(body);

    it('HBsAg-positive screening, no confirmatory test: the baby’s record comes with the delivery and HBIG is recorded within 12 h', async () => {
      const p = await pregnant(275, home, 200);
      await test(p.id, {
        disease: 'hbsag',
        sampleDate: addDays(today(), -190),
        result: 'positive',
        resultDate: addDays(today(), -189),
      }).expect(201);
      const bornAt = new Date(Date.now() - 11 * HOUR);
      await deliver(p.id, bornAt);
      const [record] = await infants(p.id);
      expect(record).toMatchObject({
        birthOrder: 1,
        bornAt: bornAt.toISOString(),
        exposures: [{ disease: 'hbsag', basis: 'confirmed_positive', excludedOn: null }],
        timeliness: { hbig: { state: 'due' } },
      });
      expect(record.newbornId).toEqual(expect.any(Number));
      const created = await auditTrail(t.dataSource, 'exposed_infant', record.id);
      expect(created[0]).toMatchObject({ action: 'create' });
      expect(created[0].after).toMatchObject({ made: 'automatic' });

      const given = await patchInfant(record.id, {
        version: record.version,
        hbigAt: new Date(bornAt.getTime() + 12 * HOUR).toISOString(),
        hepBVaccine1At: new Date(bornAt.getTime() + 10 * HOUR).toISOString(),
      }).expect(400); // 12 h after birth is still in the future
      expect(given.body.details).toEqual([
        expect.objectContaining({ field: 'hbigAt', rule: 'notFuture' }),
      ]);
      const onTime = await patchInfant(record.id, {
        version: record.version,
        hbigAt: new Date(bornAt.getTime() + 10 * HOUR).toISOString(),
      }).expect(200);
      expect(onTime.body.timeliness.hbig).toEqual({ state: 'on_time', minutesLeft: null });
      expect((await test(p.id, { disease: 'hbsag', sampleDate: today() })).status).toBe(201); // tests may still be recorded after the delivery
      expect(await infants(p.id)).toHaveLength(1);
    });

    it('a positive HBsAg screening a negative repeat test overturns: PURPLE goes with it', async () => {
      const p = await pregnant(120, home, 30);
      const purple = async () =>
        (await t.http().get(`/pregnancies/${p.id}`).set(as()).expect(200)).body.riskPurple;
      await test(p.id, {
        disease: 'hbsag',
        sampleDate: addDays(today(), -20),
        result: 'positive',
        resultDate: addDays(today(), -19),
      }).expect(201);
      expect(await purple()).toBe(true);
      await test(p.id, {
        disease: 'hbsag',
        kind: 'confirmatory',
        sampleDate: addDays(today(), -15),
        result: 'negative',
        resultDate: addDays(today(), -14),
      }).expect(201);
      expect(await purple()).toBe(false);
      expect((await status(p.id)).diseases[2]).toMatchObject({ status: 'negative' });
    });

    it('twins of a positive mother: two exposed-baby records, the planned one linked, none for a stillbirth', async () => {
      const p = await pregnant(270, home, 200);
      await confirmPositive(p.id, 'hiv', 150);
      const planned = await t
        .http()
        .post(`/pregnancies/${p.id}/exposed-infants`)
        .set(as())
        .send({ birthOrder: 1 })
        .expect(201);
      const deliveredAt = new Date(Date.now() - 3 * HOUR);
      const second = new Date(deliveredAt.getTime() + 20 * 60_000);
      const { body: delivery } = await deliver(p.id, deliveredAt, [
        baby({ birthOrder: 1 }),
        baby({ birthOrder: 2, bornAt: second.toISOString(), sex: 'male' }),
        baby({
          birthOrder: 3,
          vitalStatus: 'stillbirth',
          stillbirthTiming: 'antepartum',
          apgar1: 0,
          apgar5: 0,
        }),
      ]);
      const records = await infants(p.id);
      expect(
        records.map((r: { id: number; birthOrder: number; bornAt: string; newbornId: number }) => [
          r.birthOrder,
          r.bornAt,
          r.newbornId,
        ]),
      ).toEqual([
        [1, deliveredAt.toISOString(), delivery.newborns[0].id],
        [2, second.toISOString(), delivery.newborns[1].id],
      ]);
      expect(records[0].id).toBe(planned.body.id);
      const due = (await worklist('infant_doses')).filter(
        (i: { pregnancyId: number }) => i.pregnancyId === p.id,
      );
      expect(
        due.map((i: { infantId: number; what: string }) => `${i.infantId} ${i.what}`).sort(),
      ).toEqual(
        [
          `${records[0].id} hivProphylaxis due`,
          `${records[0].id} hepBVaccine1 due`,
          `${records[1].id} hivProphylaxis due`,
          `${records[1].id} hepBVaccine1 due`,
        ].sort(),
      );
    });

    it('a positive result recorded after the delivery gives the live-born babies their records then', async () => {
      const p = await pregnant(275, home, 200);
      const deliveredAt = new Date(Date.now() - 2 * HOUR);
      await deliver(p.id, deliveredAt, [baby({ birthOrder: 1 }), baby({ birthOrder: 2 })]);
      expect(await infants(p.id)).toEqual([]);
      await test(p.id, {
        disease: 'hbsag',
        sampleDate: today(),
        result: 'positive',
        resultDate: today(),
      }).expect(201);
      expect(
        (await infants(p.id)).map((r: { birthOrder: number; timeliness: object }) => [
          r.birthOrder,
          Object.keys(r.timeliness).sort(),
        ]),
      ).toEqual([
        [1, ['hbig', 'hepBVaccine1']],
        [2, ['hbig', 'hepBVaccine1']],
      ]);
    });

    it('a positive result recorded while her delivery is being written still gives the babies their records', async () => {
      const p = await pregnant(275, home, 200);
      // The delivery holds her while it waits at its first audit row; the result is sent then.
      const [delivery, result] = await whileFirstHolds(
        t.dataSource,
        () =>
          t
            .http()
            .post(`/pregnancies/${p.id}/delivery`)
            .set(as())
            .send(deliveryPayload(new Date(Date.now() - HOUR), { babies: [baby()] })),
        () =>
          test(p.id, {
            disease: 'hbsag',
            sampleDate: today(),
            result: 'positive',
            resultDate: today(),
          }),
      );
      expect(delivery.status).toBe(201);
      expect(result.status).toBe(201);
      expect((await infants(p.id)).map((r: { birthOrder: number }) => r.birthOrder)).toEqual([1]);
    });

    it('a reactive rapid HIV test in labour: prophylaxis accepted within 6 h; a negative confirmation stops further doses, on the record', async () => {
      // Booked yesterday and never tested: she arrives in labour.
      const p = await pregnant(276, home, 1);
      const labourTest = await test(p.id, {
        disease: 'hiv',
        method: 'rapid',
        setting: 'labour',
        sampleDate: today(),
        result: 'positive',
        resultDate: today(),
      }).expect(201);
      expect(labourTest.body).toMatchObject({ setting: 'labour' });
      expect((await status(p.id)).diseases[0]).toMatchObject({
        status: 'awaiting_confirmation',
        exposure: 'reactive_in_labour',
      });
      // In labour, no result for syphilis or hepatitis B yet: listed to be tested now.
      const inLabour = (await worklist('no_result_in_labour')).filter(
        (i: { pregnancyId: number }) => i.pregnancyId === p.id,
      );
      expect(
        inLabour.map((i: { disease: string; what: string }) => `${i.disease} ${i.what}`),
      ).toEqual(['hbsag in labour, no result', 'syphilis in labour, no result']);
      // HIV is not PURPLE before confirmation; her baby is treated as exposed.
      expect(
        (await t.http().get(`/pregnancies/${p.id}`).set(as()).expect(200)).body.riskPurple,
      ).toBe(false);

      // Twins born 6 h 01 min ago: prophylaxis at 6 h 00 min is on time, at 6 h 01 min late.
      const bornAt = new Date(Date.now() - (6 * 60 + 1) * 60_000);
      await deliver(p.id, bornAt, [baby({ birthOrder: 1 }), baby({ birthOrder: 2 })]);
      const [first, second] = await infants(p.id);
      expect(first.exposures).toEqual([
        { disease: 'hiv', basis: 'reactive_in_labour', excludedOn: null },
      ]);
      expect(await dosesDue(first.id)).toEqual(['hepBVaccine1 due', 'hivProphylaxis not_given']);
      const atSix = await patchInfant(first.id, {
        version: first.version,
        hivProphylaxisStartedAt: new Date(bornAt.getTime() + 6 * HOUR).toISOString(),
        hivProphylaxisRegimen: 'NVP',
      }).expect(200);
      expect(atSix.body.timeliness.hivProphylaxis).toEqual({ state: 'on_time', minutesLeft: null });
      const atSixOne = await patchInfant(second.id, {
        version: second.version,
        hivProphylaxisStartedAt: new Date(bornAt.getTime() + (6 * 60 + 1) * 60_000).toISOString(),
      }).expect(200);
      expect(atSixOne.body.timeliness.hivProphylaxis).toMatchObject({ state: 'late' });
      // Delivered: still no syphilis or hepatitis B result.
      expect(
        (await worklist('no_result_in_labour'))
          .filter((i: { pregnancyId: number }) => i.pregnancyId === p.id)
          .map((i: { what: string }) => i.what),
      ).toEqual(['delivered, no result', 'delivered, no result']);

      // The confirmation comes back negative.
      const confirmation = await test(p.id, {
        disease: 'hiv',
        kind: 'confirmatory',
        method: 'western_blot',
        setting: 'labour',
        sampleDate: today(),
      }).expect(201);
      await t
        .http()
        .patch(`/pmtct-tests/${confirmation.body.id}/result`)
        .set(as())
        .send({ version: confirmation.body.version, result: 'negative', resultDate: today() })
        .expect(200);
      const after = await status(p.id);
      expect(after.diseases[0]).toMatchObject({
        status: 'negative',
        exposure: null,
        exposureExcludedOn: today(),
      });
      expect(after.infants[0].exposures).toEqual([
        { disease: 'hiv', basis: null, excludedOn: today() },
      ]);
      expect(after.infants[0].timeliness.hivProphylaxis).toBeUndefined();
      const trail = await auditTrail(t.dataSource, 'exposed_infant', first.id);
      expect(trail[trail.length - 1]).toMatchObject({
        action: 'update',
        before: { exposure: { disease: 'hiv', basis: 'reactive_in_labour' } },
        after: { exposure: { disease: 'hiv', basis: null, excludedOn: today() } },
      });
      const further = await patchInfant(first.id, {
        version: after.infants[0].version,
        hivProphylaxisRegimen: 'NVP 第2周',
      }).expect(409);
      expect(further.body).toMatchObject({ code: 'EXPOSURE_EXCLUDED' });
      expect(further.body.details).toEqual([
        expect.objectContaining({ field: 'hivProphylaxisRegimen', rule: 'notExcluded' }),
      ]);
      expect(await dosesDue(first.id)).toEqual(['hepBVaccine1 due']);
    });

    it('a reactive syphilis rapid test in labour puts the baby’s prophylaxis on the dose worklist', async () => {
      const p = await pregnant(276, home, 1);
      await test(p.id, {
        disease: 'syphilis',
        method: 'rapid',
        setting: 'labour',
        sampleDate: today(),
        result: 'positive',
        resultDate: today(),
      }).expect(201);
      await deliver(p.id, new Date(Date.now() - HOUR));
      const [record] = await infants(p.id);
      expect(record.timeliness.syphilisProphylaxis).toEqual({ state: 'due', minutesLeft: null });
      expect(await dosesDue(record.id)).toEqual(['hepBVaccine1 due', 'syphilisProphylaxis due']);
      const given = await patchInfant(record.id, {
        version: record.version,
        syphilisProphylaxisAt: new Date().toISOString(),
      }).expect(200);
      expect(given.body.timeliness.syphilisProphylaxis).toMatchObject({ state: 'on_time' });
    });

    it('PM-08 and PM-08b decide as the course rule: weekly ± 2 days, ending 28 days before the delivery day', async () => {
      // Found at GA 65: one course needed. Each mother's course, by days before the delivery day.
      const mothers: [string, number[], boolean][] = [
        ['ends 28 days before', [42, 35, 28], true],
        ['ends 27 days before', [41, 34, 27], false],
        ['doses 5 days apart (7 − 2)', [50, 45, 40], true],
        ['a gap of 4 days (7 − 3)', [50, 46, 39], false],
      ];
      const ids: number[] = [];
      for (const [, daysBefore] of mothers) {
        const p = await pregnant(250, home, 190);
        await confirmPositive(p.id, 'syphilis', 185);
        await t
          .http()
          .post(`/pregnancies/${p.id}/maternal-treatments`)
          .set(as())
          .send({
            kind: 'syphilis_course',
            startedOn: addDays(today(), -daysBefore[0]),
            regimen: '苄星青霉素 240万U 每周1次×3',
            doses: daysBefore.map((d) => ({
              givenOn: addDays(today(), -d),
              drug: '苄星青霉素',
              dose: '240万U',
            })),
          })
          .expect(201);
        await deliver(p.id, tenOClockOn(today()));
        ids.push(p.id);
      }
      const criteria = (code: string) => INDICATORS.find((i) => i.code === code)!.numerator.sql;
      const cohort = COHORTS.find((c) => c.code === 'pmtct_mothers')!;
      const bound = bindCohort(
        cohort,
        t.app
          .get(IndicatorEngine)
          .cohortParams([home.facility.id], parsePeriod(today().slice(0, 7))),
      );
      const rows: { pregnancy_id: number; treated: number; adequate: number }[] =
        await t.dataSource.query(
          `SELECT c.pregnancy_id, (${criteria('PM-08')}) AS treated, (${criteria('PM-08b')}) AS adequate
           FROM (${bound.sql}) c WHERE c.pregnancy_id IN (${ids.join(', ')}) ORDER BY c.pregnancy_id`,
          bound.params,
        );
      expect(rows.map((r) => [Number(r.treated), Number(r.adequate)])).toEqual(
        mothers.map(([, , adequate]) => [1, Number(adequate)]),
      );
      // The status page says the same.
      for (const [index, id] of ids.entries()) {
        expect((await status(id)).diseases[1]).toMatchObject({
          treated: true,
          treatmentAdequate: mothers[index][2],
        });
      }
    });

    it.each<[string, number, boolean | undefined, number, string | null]>([
      ['the day before the LMP, on ART at conception', 1, true, 201, null],
      ['the day before the LMP, not flagged', 1, undefined, 400, 'startedOn'],
      ['on the LMP, flagged', 0, true, 400, 'onArtAtConception'],
      ['on the LMP, not flagged', 0, false, 201, null],
    ])('ART started %s', async (_label, daysBeforeLmp, flag, expected, field) => {
      const p = await pregnant(200, home, 150);
      await confirmPositive(p.id, 'hiv', 120);
      const lmp = addDays(today(), -200);
      const response = await t
        .http()
        .post(`/pregnancies/${p.id}/maternal-treatments`)
        .set(as())
        .send({
          kind: 'art',
          startedOn: addDays(lmp, -daysBeforeLmp),
          regimen: 'TDF+3TC+DTG',
          ...(flag === undefined ? {} : { onArtAtConception: flag }),
        })
        .expect(expected);
      if (field) {
        expect(response.body.details).toEqual([expect.objectContaining({ field })]);
      } else {
        expect(response.body).toMatchObject({ onArtAtConception: flag ?? false });
      }
    });
  });
});
