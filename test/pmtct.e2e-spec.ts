import { addDays } from '../src/core/time/calendar-date';
import { deliveryPayload } from './factories/delivery.factory';
import { createStaffedFacility, Staff } from './factories/people.factory';
import { registrationPayload, today } from './factories/registration.factory';
import { bearer, loginWith } from './utils/auth';
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
      .send({ stage: 'pre_test', counselledOn: addDays(today(), -20), accepted: true })
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

  it('an HBsAg-positive woman: awaiting confirmation, then PURPLE and a case; her baby’s HBIG timed to 12 hours', async () => {
    const p = await pregnant(250, home, 200);
    const screening = await test(p.id, {
      disease: 'hbsag',
      sampleDate: addDays(today(), -190),
      result: 'positive',
      resultDate: addDays(today(), -189),
    }).expect(201);
    expect((await status(p.id)).diseases[2]).toMatchObject({
      disease: 'hbsag',
      status: 'awaiting_confirmation',
    });
    expect(
      (await worklist('awaiting_confirmation')).map((i: { pregnancyId: number }) => i.pregnancyId),
    ).toContain(p.id);
    expect((await t.http().get(`/pregnancies/${p.id}`).set(as()).expect(200)).body.riskPurple).toBe(
      false,
    );
    expect(screening.body.result).toBe('positive');

    const confirmation = await test(p.id, {
      disease: 'hbsag',
      kind: 'confirmatory',
      sampleDate: addDays(today(), -185),
    }).expect(201);
    expect(confirmation.body.result).toBeNull();
    await t
      .http()
      .patch(`/pmtct-tests/${confirmation.body.id}/result`)
      .set(as())
      .send({
        version: confirmation.body.version,
        result: 'positive',
        resultDate: addDays(today(), -183),
      })
      .expect(200);

    const pregnancy = (await t.http().get(`/pregnancies/${p.id}`).set(as()).expect(200)).body;
    expect(pregnancy.riskPurple).toBe(true);
    const assessments = (
      await t.http().get(`/pregnancies/${p.id}/risk-assessments`).set(as()).expect(200)
    ).body;
    expect(assessments[0]).toMatchObject({ kind: 'automatic', purple: true });
    expect(assessments[0].factors).toEqual([
      expect.objectContaining({
        code: 'HBSAG_POSITIVE',
        sourceRecord: `pmtct_test:${confirmation.body.id}`,
      }),
    ]);
    const cases = (await t.http().get('/high-risk-cases').set(as()).expect(200)).body.items;
    expect(cases.map((c: { pregnancyId: number }) => c.pregnancyId)).toContain(p.id);
    expect(await status(p.id)).toMatchObject({ isolationDeliveryRoom: true });
    expect(
      (await worklist('untreated')).find((i: { pregnancyId: number }) => i.pregnancyId === p.id),
    ).toMatchObject({ disease: 'hbsag' });

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
    const first = await course(45);
    expect(first.body).toMatchObject({ complete: true, disease: 'syphilis' });
    expect((await status(p.id)).diseases[1]).toMatchObject({
      status: 'confirmed_positive',
      treatmentAdequate: false,
    });
    await course(25);
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
});
