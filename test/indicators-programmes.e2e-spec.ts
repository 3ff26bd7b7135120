import { identifierCipher } from '../src/core/privacy/identifier-cipher';
import { addDays, daysBetween, startOfDayIn } from '../src/core/time/calendar-date';
import { cohortOf, countIndicators } from '../src/indicators/indicator-calculator';
import { INDICATORS } from '../src/indicators/definitions';
import { IndicatorEngine } from '../src/indicators/indicator-engine.service';
import { bindCohort, casesQuery, type CaseRole } from '../src/indicators/indicator-sql';
import { indicatorValue } from '../src/indicators/indicator-value';
import { periodContaining, previousPeriod, type Period } from '../src/indicators/periods';
import { baby, deliveryPayload } from './factories/delivery.factory';
import { createStaffedFacility, Staff } from './factories/people.factory';
import { registrationPayload, today } from './factories/registration.factory';
import { bearer, loginWith } from './utils/auth';
import { partsDisagreeing } from './utils/numerator-parts';
import { createTestApp, TestApp } from './utils/test-app';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const ZONE = 'Asia/Shanghai';

/** BIGINT columns come back as strings (TypeORM's bigNumberStrings). */
const num = (value: unknown) => (value === null ? null : Number(value));

/** An instant `hours` (and minutes, seconds) after the hospital's midnight of a day. */
const onDay = (date: string, hours: number, minutes = 0, seconds = 0) =>
  new Date(startOfDayIn(date, ZONE).getTime() + hours * HOUR + minutes * MINUTE + seconds * 1000);
const after = (instant: Date, hours: number, minutes = 0, seconds = 0) =>
  new Date(instant.getTime() + hours * HOUR + minutes * MINUTE + seconds * 1000);

interface Registered {
  womanId: number;
  pregnancyId: number;
  lmp: string;
  registrationDate: string;
}

interface Counted {
  numerator: number;
  denominator: number;
  excluded: number;
}

/**
 * PM, FA, CL and RK indicators over a cohort built by hand through the API, last month (P) at
 * one facility, every expected value worked out in the comments beside it. The folic-acid SQL is
 * also checked against FolicAcidService.summary() on randomly generated records.
 */
describe('indicators: PMTCT, folic acid, prenatal classes and risk', () => {
  let t: TestApp;
  let home: Staff;
  let engine: IndicatorEngine;
  let P: Period; // last month
  let C: Period; // this month
  let F: string; // P's first day
  let Dd: string; // the delivery day of W1–W12: F + 14, at 10:00
  let deliveredAt: Date;
  const w: Record<string, Registered> = {};

  const as = (role: keyof Staff['tokens'] = 'nurse') => bearer(home.tokens[role]);

  async function register(name: string, lmp: string, registrationDate: string) {
    const { body } = await t
      .http()
      .post('/registrations')
      .set(as())
      .send(registrationPayload({ pregnancy: { lmp, registrationDate } }))
      .expect(201);
    w[name] = {
      womanId: body.woman.id as number,
      pregnancyId: body.pregnancy.id as number,
      lmp,
      registrationDate,
    };
    return w[name];
  }

  const post = (url: string, body: Record<string, unknown>, status = 201) =>
    t.http().post(url).set(as()).send(body).expect(status);

  /** A resulted test of the woman: screening unless `kind` says otherwise. */
  async function pmtctTest(
    name: string,
    disease: string,
    gaDays: number,
    result: string | null,
    extra: Record<string, unknown> = {},
  ) {
    const sampleDate = addDays(w[name].lmp, gaDays);
    await post(`/pregnancies/${w[name].pregnancyId}/pmtct-tests`, {
      disease,
      kind: 'screening',
      setting: 'antenatal',
      sampleDate,
      ...(result ? { result, resultDate: sampleDate } : {}),
      ...extra,
    });
  }

  async function negatives(name: string, gaDays: number, diseases = ['hiv', 'syphilis', 'hbsag']) {
    for (const disease of diseases) await pmtctTest(name, disease, gaDays, 'negative');
  }

  async function confirmedPositive(name: string, disease: string, gaDays: number) {
    await pmtctTest(name, disease, gaDays, 'positive');
    await pmtctTest(name, disease, gaDays, 'positive', { kind: 'confirmatory' });
  }

  async function deliver(name: string, babies = [baby()]) {
    const { body } = await post(
      `/pregnancies/${w[name].pregnancyId}/delivery`,
      deliveryPayload(deliveredAt, { babies }),
    );
    return body as { newborns: { id: number; birthOrder: number }[] };
  }

  /** The exposed-baby record the delivery made for a born baby, then its first-hours doses. */
  async function doses(name: string, birthOrder: number, given: Record<string, Date>) {
    const { body: pmtct } = await t
      .http()
      .get(`/pregnancies/${w[name].pregnancyId}/pmtct`)
      .set(as())
      .expect(200);
    const infant = (pmtct.infants as { id: number; birthOrder: number; version: number }[]).find(
      (i) => i.birthOrder === birthOrder,
    )!;
    await t
      .http()
      .patch(`/exposed-infants/${infant.id}`)
      .set(as())
      .send({
        version: infant.version,
        ...Object.fromEntries(Object.entries(given).map(([k, v]) => [k, v.toISOString()])),
      })
      .expect(200);
  }

  const assess = (name: string, kind: string, assessedOn: string, factorCodes: string[] = []) =>
    post(`/pregnancies/${w[name].pregnancyId}/risk-assessments`, {
      kind,
      assessedOn,
      factorCodes,
    });

  async function reportOf(name: string) {
    const { body } = await t
      .http()
      .get('/risk-reports')
      .query({ state: 'pending', pageSize: 100 })
      .set(as())
      .expect(200);
    return (body.items as { id: number; pregnancyId: number; gradedAt: string }[]).find(
      (r) => r.pregnancyId === w[name].pregnancyId,
    )!;
  }

  async function dispense(
    name: string,
    lmpOffset: number,
    doseMg: number,
    tablets: number,
    bottles = 1,
  ) {
    await post(`/women/${w[name].womanId}/folic-acid/dispensings`, {
      dispensedOn: addDays(w[name].lmp, lmpOffset),
      doseMg,
      bottles,
      tabletsPerBottle: tablets,
    });
  }

  /** Counts as a computation at `now` would (its as-of day and instant). */
  async function counts(period: Period, codes: readonly string[], now = new Date()) {
    const indicators = INDICATORS.filter((i) => codes.includes(i.code));
    expect(indicators).toHaveLength(codes.length);
    const rows = await countIndicators(
      t.dataSource.manager,
      indicators,
      engine.cohortParams([home.facility.id], period, now),
    );
    return Object.fromEntries(
      rows.map((r) => [
        r.code,
        { numerator: r.numerator, denominator: r.denominator, excluded: r.excluded },
      ]),
    ) as Record<string, Counted>;
  }

  async function cases(code: string, role: CaseRole, period = P) {
    const indicator = INDICATORS.find((i) => i.code === code)!;
    const query = casesQuery(
      cohortOf(indicator),
      indicator,
      role,
      engine.cohortParams([home.facility.id], period),
      { limit: 500, offset: 0 },
    );
    return t.dataSource.manager.query<Record<string, unknown>[]>(query.rows.sql, query.rows.params);
  }

  const n = (numerator: number, denominator: number, excluded = 0): Counted => ({
    numerator,
    denominator,
    excluded,
  });

  beforeAll(async () => {
    t = await createTestApp();
    home = await createStaffedFacility(t.dataSource, loginWith(t));
    engine = t.app.get(IndicatorEngine);
    C = periodContaining('month', today());
    P = previousPeriod(C);
    F = P.from;
    Dd = addDays(F, 14);
    deliveredAt = onDay(Dd, 10);

    // ---- PMTCT: twelve women delivering on Dd at 10:00, LMP Dd − 275 (GA 39+2) ----------------
    for (let i = 1; i <= 12; i++) {
      const lmp = addDays(Dd, -275);
      await register(`W${i}`, lmp, addDays(lmp, 50));
    }
    await negatives('W1', 84); // 12+0: early
    await negatives('W2', 90); // 12+6: still early
    await negatives('W3', 91); // 13+0: not early
    for (const disease of ['hiv', 'syphilis', 'hbsag']) {
      // Tested only at delivery (rapid tests in labour): tested, not in pregnancy, not early.
      await pmtctTest('W4', disease, 275, 'negative', { setting: 'labour' });
    }
    await pmtctTest('W5', 'hiv', 60, 'negative');
    await pmtctTest('W5', 'syphilis', 200, 'negative');
    await pmtctTest('W5', 'hbsag', 60, null); // pending: not tested
    for (const name of ['W6', 'W7', 'W12']) {
      await negatives(name, 60, ['hiv', 'syphilis']);
      await confirmedPositive(name, 'hbsag', 60);
    }
    for (const name of ['W8', 'W9']) {
      await negatives(name, 60, ['syphilis', 'hbsag']);
      await confirmedPositive(name, 'hiv', 60);
    }
    await negatives('W10', 60, ['hiv', 'hbsag']);
    await confirmedPositive('W10', 'syphilis', 60); // found at 8+4: one course needed
    await negatives('W11', 100, ['hiv', 'hbsag']);
    await confirmedPositive('W11', 'syphilis', 100); // found at 14+2: two courses needed

    const art = (name: string, startedOn: string) =>
      post(`/pregnancies/${w[name].pregnancyId}/maternal-treatments`, {
        kind: 'art',
        startedOn,
        regimen: 'TDF+3TC+EFV',
      });
    const course = (name: string, gaDays: number) =>
      post(`/pregnancies/${w[name].pregnancyId}/maternal-treatments`, {
        kind: 'syphilis_course',
        startedOn: addDays(w[name].lmp, gaDays),
        regimen: '苄星青霉素 240万U 每周1次×3',
        doses: [0, 7, 14].map((d) => ({
          givenOn: addDays(w[name].lmp, gaDays + d),
          drug: '苄星青霉素',
          dose: '240万U',
        })),
      });
    await art('W8', Dd); // on the delivery day: counts
    await art('W9', addDays(Dd, 1)); // the day after: does not
    await course('W10', 70); // one complete course, one needed: adequate
    await course('W11', 110); // one complete course, two needed: not adequate

    for (let i = 1; i <= 12; i++) {
      const name = `W${i}`;
      if (name === 'W7') await deliver(name, [baby(), baby({ birthOrder: 2, sex: 'male' })]);
      else if (name === 'W11' || name === 'W12')
        await deliver(name, [baby({ vitalStatus: 'stillbirth', stillbirthTiming: 'antepartum' })]);
      else await deliver(name);
    }
    await doses('W6', 1, {
      hbigAt: after(deliveredAt, 12, 0, 59), // 12 h 00 min 59 s: 720 whole minutes, on time
      hepBVaccine1At: after(deliveredAt, 12), // 12 h 00 min: on time
    });
    await doses('W7', 1, {
      hbigAt: after(deliveredAt, 12, 1), // 12 h 01 min: late
      hepBVaccine1At: after(deliveredAt, 11), // on time
    });
    await doses('W7', 2, {
      hbigAt: after(deliveredAt, 11, 59), // on time
      hepBVaccine1At: after(deliveredAt, 12, 1), // late
    });
    await doses('W8', 1, { hivProphylaxisStartedAt: after(deliveredAt, 6) }); // 6 h 00: on time
    await doses('W9', 1, { hivProphylaxisStartedAt: after(deliveredAt, 6, 1) }); // 6 h 01: late
    await doses('W10', 1, { syphilisProphylaxisAt: after(deliveredAt, 2) });

    // ---- Folic acid and screening: W13–W21 registered in P ------------------------------------
    // Registered on R = F + 5 at GA 75 (L = R − 75), so GA today is ≥ 101: adherence evaluable.
    const R = addDays(F, 5);
    for (let i = 13; i <= 21; i++) {
      if (i === 20) continue;
      await register(`W${i}`, addDays(R, -75), R);
    }
    // W20: registered on P's last day at GA 30: GA today ≤ 61, adherence not yet evaluable.
    await register('W20', addDays(P.last, -30), P.last);

    await dispense('W13', -90, 0.4, 200); // L − 90, first day of the window; covers to L + 109
    await dispense('W14', -91, 0.4, 1); // one day's supply on L − 91: outside the window
    await dispense('W15', -10, 0.4, 60); // supplies L − 10 … L + 49
    await dispense('W15', 20, 0.8, 60); // 30 days, stacked after the first: L + 50 … L + 79
    await post(`/women/${w.W15.womanId}/folic-acid/intake-reports`, {
      reportedOn: addDays(w.W15.lmp, 45),
      startedOn: addDays(w.W15.lmp, -10),
      stoppedOn: addDays(w.W15.lmp, 40),
      missedDays: 9,
    });
    await dispense('W16', -9, 0.4, 80); // L − 9 … L + 70: 80 of the 100 days to L + 90
    await dispense('W17', -9, 0.4, 79); // 79 of 100
    await dispense('W18', 5, 0.4, 200); // started after the LMP
    await dispense('W19', -1, 0.4, 1); // one day, L − 1
    await post(`/women/${w.W19.womanId}/folic-acid/intake-reports`, {
      reportedOn: addDays(w.W19.lmp, 30),
      estimatedDaysTaken: 80,
    });
    await dispense('W20', -30, 0.4, 200);
    await dispense('W21', -181, 0.4, 400, 12); // before LMP − 180: another plan, ignored

    for (const name of ['W13', 'W17', 'W18', 'W19', 'W21', 'W20']) {
      await assess(name, 'registration_screening', w[name].registrationDate);
    }
    await assess('W14', 'registration_screening', addDays(R, 7)); // day 7: counts
    await assess('W15', 'registration_screening', addDays(R, 8)); // day 8: does not
    // W16: never screened.

    // ---- Risk: W22–W28 registered before P, open throughout -----------------------------------
    const R0 = addDays(F, -20);
    for (let i = 22; i <= 28; i++) await register(`W${i}`, addDays(R0, -100), R0);
    for (const name of ['W22', 'W23', 'W24', 'W25']) {
      await assess(name, 'registration_screening', R0);
    }
    const G = addDays(F, 3); // graded a past day: graded at that day's midnight
    await assess('W22', 'visit', G, ['PERNICIOUS_PLACENTA_PRAEVIA']); // RED
    await assess('W23', 'visit', G, ['PERNICIOUS_PLACENTA_PRAEVIA']); // RED
    await assess('W24', 'visit', G, ['ASTHMA']); // ORANGE
    await assess('W25', 'visit', G, ['ASTHMA']); // ORANGE
    const sent = async (name: string, hours: number, minutes = 0) => {
      const report = await reportOf(name);
      await post(
        `/risk-reports/${report.id}/sent`,
        {
          reportedAt: after(new Date(report.gradedAt), hours, minutes).toISOString(),
          reportedTo: '区妇幼保健院',
        },
        200,
      );
    };
    await sent('W22', 24); // RED at 24 h 00 min: on time
    await sent('W23', 24, 1); // RED at 24 h 01 min: late
    await sent('W24', 72); // ORANGE at 72 h 00 min: on time
    // W25: never reported, the deadline long past: late.
    // W26: never screened.
    await assess('W27', 'registration_screening', R0, ['RH_NEGATIVE', 'TUBERCULOSIS']); // YELLOW + PURPLE
    await assess('W28', 'registration_screening', R0, ['RH_NEGATIVE']); // YELLOW at P's end …
    await assess('W28', 'visit', today(), ['PERNICIOUS_PLACENTA_PRAEVIA']); // … RED today (in C)

    // ---- This month: W29 registered today, not screened yet --------------------------------------
    await register('W29', addDays(today(), -60), today());

    // ---- Prenatal classes in P ------------------------------------------------------------------
    const session = async (day: string) =>
      (
        await post('/class-sessions', {
          topicCode: 'breastfeeding',
          startsAt: onDay(day, 14).toISOString(),
          durationMinutes: 90,
          instructor: '张助产士',
          place: '孕妇学校教室',
          capacity: 10,
        })
      ).body.id as number;
    const S1 = await session(addDays(F, 2));
    const S2 = await session(addDays(F, 16));
    await session(addDays(F, 20)); // S3: nobody came
    const checkIn = (sessionId: number, name: string, companion?: string) =>
      post(`/class-sessions/${sessionId}/attendances`, {
        womanId: w[name].womanId,
        ...(companion ? { companion } : {}),
      });
    await checkIn(S1, 'W1');
    await checkIn(S1, 'W2');
    await checkIn(S1, 'W13', 'partner');
    await checkIn(S2, 'W3'); // F + 16, after her delivery on F + 14
    await checkIn(S2, 'W14');

    // ---- Folic-acid knowledge surveys -----------------------------------------------------------
    const survey = (name: string, askedOn: string, ntd: boolean, when: boolean) =>
      post(`/women/${w[name].womanId}/folic-acid/surveys`, {
        askedOn,
        knowsPreventsNeuralTubeDefects: ntd,
        knowsWhenToTake: when,
      });
    await survey('W1', addDays(F, 20), true, true); // aware
    await survey('W2', addDays(F, 20), true, false); // knows only what it prevents: not aware
    await survey('W3', addDays(F, 3), false, false); // not aware …
    await survey('W3', addDays(F, 10), true, true); // … her later survey says aware: aware
    await survey('W13', addDays(F, 6), true, true); // aware
    await survey('W4', addDays(F, -1), true, true); // before P: not counted
  }, 300_000);

  afterAll(() => t.close());

  it('PMTCT: testing, treatment and the first hours of exposed babies (PM-01 … PM-11)', async () => {
    const c = await counts(P, [
      'PM-01',
      'PM-02',
      'PM-03',
      'PM-04',
      'PM-05',
      'PM-06',
      'PM-07',
      'PM-08',
      'PM-08b',
      'PM-09',
      'PM-10',
      'PM-11',
    ]);
    // Mothers: W1–W12 delivered on Dd (12).
    // PM-01 HIV: every one has a resulted HIV test by the delivery day, W4's at delivery.
    expect(c['PM-01']).toEqual(n(12, 12));
    // PM-02 syphilis: all 12 (W5's at GA 200).
    expect(c['PM-02']).toEqual(n(12, 12));
    // PM-03 HBsAg: all but W5, whose only HBsAg test is still pending.
    expect(c['PM-03']).toEqual(n(11, 12));
    // PM-04 antenatal tests for all three: W1, W2, W3, W6–W12 = 10; not W4 (intrapartum only)
    // nor W5 (no HBsAg result).
    expect(c['PM-04']).toEqual(n(10, 12));
    // PM-05 all three at GA ≤ 90 (12+6): W1 (84), W2 (90), W6, W7, W8, W9, W10, W12 (60) = 8;
    // not W3 (91 = 13+0), W4 (at delivery), W5 (HBsAg untested), W11 (100).
    expect(c['PM-05']).toEqual(n(8, 12));
    // PM-06 HIV-positive mothers W8, W9: W8's ART started on the delivery day counts, W9's the
    // day after does not.
    expect(c['PM-06']).toEqual(n(1, 2));
    // PM-07 babies of HIV-positive mothers W8, W9: prophylaxis at 6 h 00 (W8) counts, at 6 h 01
    // (W9) does not.
    expect(c['PM-07']).toEqual(n(1, 2));
    // PM-08 now counts DOMAIN's "treated": at least one dose by the delivery day. Syphilis-positive
    // W10 and W11 both had doses: 2 of 2 (it was 1 of 2 when PM-08 meant adequately treated).
    expect(c['PM-08']).toEqual(n(2, 2));
    // PM-08b adequately treated: W10 (found at GA 60, one course needed, one complete course of
    // weekly doses ending at GA 84, long before delivery) counts; W11 (found at GA 100, two
    // needed, one complete) does not: 1 of 2, the value PM-08 had before.
    expect(c['PM-08b']).toEqual(n(1, 2));
    // PM-09 babies of syphilis-positive mothers: W10's (prophylaxis given) and W11's
    // stillbirth (excluded).
    expect(c['PM-09']).toEqual(n(1, 1, 1));
    // PM-10 babies of HBsAg-positive mothers: W6 (HBIG 12 h 00 min 59 s: 720 min, counts), W7's
    // twins (721 min late; 719 min on time), W12's stillbirth excluded: 2 of 3.
    expect(c['PM-10']).toEqual(n(2, 3, 1));
    // PM-11 first vaccine: W6 at 12 h 00 (counts), twin 1 at 11 h (counts), twin 2 at 12 h 01
    // (late): 2 of 3, W12's stillbirth excluded.
    expect(c['PM-11']).toEqual(n(2, 3, 1));

    const hbig = await cases('PM-10', 'denominator');
    expect(hbig.map((r) => [r.pregnancy_id, r.birth_order, Number(r.hbig_minutes)]).sort()).toEqual(
      [
        [w.W6.pregnancyId, 1, 720],
        [w.W7.pregnancyId, 1, 721],
        [w.W7.pregnancyId, 2, 719],
      ].sort(),
    );
  });

  it('folic acid: uptake, adherence, awareness and survey coverage (FA-01 … FA-03b)', async () => {
    const c = await counts(P, ['FA-01', 'FA-02', 'FA-03', 'FA-03b']);
    // Registered in P: W13–W21 (9).
    // FA-01 took it in [L − 90, L + 90]: W13 (from L − 90), W15, W16, W17, W18 (L + 5), W19
    // (L − 1), W20 = 7; not W14 (a day's supply on L − 91) nor W21 (a dispensing on L − 181 is
    // older than the 180-day lookback, however long it lasts).
    expect(c['FA-01']).toEqual(n(7, 9));
    // FA-02 among the 7 takers, W20 excluded (GA < 13+0 today), 6 evaluated:
    // W13: 181 of 181 days, started L − 90 → adherent.
    // W15: supplies stack to L − 10 … L + 79 (90 days) minus 9 missed = 81 of 101 days (80.2 %)
    //      → adherent (without stacking it would be 51 of 101).
    // W16: 80 of 100 (exactly 80 %) → adherent.   W17: 79 of 100 → not.
    // W18: started after the LMP → not.
    // W19: 1 supplied day, but her range-less estimate of 80 days stands: 80 of 92 → adherent.
    expect(c['FA-02']).toEqual(n(4, 6, 1));
    // FA-03 surveyed in P: W1 (aware), W2 (not), W3 (latest survey aware), W13 (aware): 3 of 4;
    // W4's survey was before P.
    expect(c['FA-03']).toEqual(n(3, 4));
    // FA-03b surveyed women (4) per mother who delivered in P (12).
    expect(c['FA-03b']).toEqual(n(4, 12));

    const adherence = Object.fromEntries(
      (await cases('FA-02', 'denominator')).map((r) => [
        r.pregnancy_id,
        [r.folic_started_on, Number(r.folic_days_taken), Number(r.folic_days_in_window)],
      ]),
    );
    expect(adherence[w.W15.pregnancyId]).toEqual([addDays(w.W15.lmp, -10), 81, 101]);
    expect(adherence[w.W16.pregnancyId]).toEqual([addDays(w.W16.lmp, -9), 80, 100]);
    expect(adherence[w.W19.pregnancyId]).toEqual([addDays(w.W19.lmp, -1), 80, 92]);
  });

  it('tells each PM and FA numerator part by part: every part is met exactly when it is counted', async () => {
    const parted = INDICATORS.filter(
      (i) => (i.group === 'PM' || i.group === 'FA') && i.numeratorParts,
    );
    expect(parted.map((i) => i.code)).toEqual(['PM-04', 'PM-05', 'PM-08b', 'FA-02']);
    const params = engine.cohortParams([home.facility.id], P);
    for (const indicator of parted) {
      expect([
        indicator.code,
        await partsDisagreeing(t.dataSource.manager, indicator, params),
      ]).toEqual([indicator.code, []]);
    }
  });

  it('tells each failed mother the first part of the numerator she misses (role failed)', async () => {
    const counted = await counts(P, ['PM-04', 'PM-05', 'PM-08b', 'FA-02']);
    const misses = (code: string, part: number) =>
      `未满足：${INDICATORS.find((i) => i.code === code)!.numeratorParts![part].descriptionZh}`;
    const failed = async (code: string) => {
      const { body } = await t
        .http()
        .get(`/indicator-values/${code}/cases`)
        .query({ period: P.key, role: 'failed', pageSize: 100 })
        .set(as('mch_staff'))
        .expect(200);
      expect([code, body.total]).toEqual([
        code,
        counted[code].denominator - counted[code].numerator,
      ]);
      return Object.fromEntries(
        (body.items as { pregnancyId: number; failedCriterion: string }[]).map((item) => [
          item.pregnancyId,
          item.failedCriterion,
        ]),
      );
    };
    const id = (name: string) => w[name].pregnancyId;

    // PM-04: W4 was tested only in labour (misses HIV, the first of the three); W5's HBsAg test
    // has no result yet (her HIV and syphilis tests were antenatal).
    expect(await failed('PM-04')).toEqual({
      [id('W4')]: misses('PM-04', 0),
      [id('W5')]: misses('PM-04', 2),
    });
    // PM-05: W3 was first tested at 13+0 (W2 at 12+6 is early and not listed), W4 at delivery,
    // W11 at GA 100: all miss HIV first. W5's HIV test at GA 60 was early, her syphilis test at
    // GA 200 was not.
    expect(await failed('PM-05')).toEqual({
      [id('W3')]: misses('PM-05', 0),
      [id('W4')]: misses('PM-05', 0),
      [id('W5')]: misses('PM-05', 1),
      [id('W11')]: misses('PM-05', 0),
    });
    expect(misses('PM-05', 1)).toBe(
      '未满足：孕早期（孕周0–90天，即12+6周及以前，按最终预产期推算）接受梅毒检测并有结果',
    );
    // PM-08b: W11, found at GA 100, finished one course in time but needed two.
    expect(await failed('PM-08b')).toEqual({ [id('W11')]: misses('PM-08b', 1) });
    // FA-02: W18 started after her LMP; W17 started before it but took 79 of 100 days (W16's 80
    // of 100 is adherent and not listed).
    expect(await failed('FA-02')).toEqual({
      [id('W17')]: misses('FA-02', 1),
      [id('W18')]: misses('FA-02', 0),
    });
    expect(misses('FA-02', 1)).toBe('未满足：从开始服用至孕3个月末（末次月经后90天）服用天数≥80%');
  });

  it('prenatal classes: attendance before delivery and sessions held (CL-01, CL-02a, CL-02b)', async () => {
    const c = await counts(P, ['CL-01', 'CL-02a', 'CL-02b']);
    // CL-01 of the 12 mothers, W1 and W2 attended S1 (F + 2) before delivering on F + 14; W3's
    // class (F + 16) came after her delivery.
    expect(c['CL-01']).toEqual(n(2, 12));
    // CL-02a sessions held: S1, S2, S3.
    expect(c['CL-02a']).toEqual(n(3, 3));
    // CL-02b attendances: S1 3 (W13's partner is not an attendance), S2 2, S3 0 → 5 per 3
    // sessions = 1.67.
    expect(c['CL-02b']).toEqual(n(5, 3));
    expect(indicatorValue('ratio', 5, 3)).toBe(1.67);
  });

  it('risk: screening within 7 days, colours at the end of the period, reports on time (RK-01 … RK-03)', async () => {
    const codes = [
      'RK-01',
      'RK-02-green',
      'RK-02-yellow',
      'RK-02-orange',
      'RK-02-red',
      'RK-02-purple',
      'RK-02-unscreened',
      'RK-03',
    ];
    const c = await counts(P, codes);
    // RK-01 registered in P: W13–W21 (9). Screened by day 7: W13, W17, W18, W19, W20, W21 on the
    // day, W14 on day 7 = 7; W15 (day 8) and W16 (never) not. P's last registration is W20,
    // screened on the day, so no window is still open.
    expect(c['RK-01']).toEqual(n(7, 9));
    // RK-02 open at the end of P's last day: W13–W21 and W22–W28 = 16 (W1–W12 delivered in P).
    // GREEN: W13, W14, W15, W17, W18, W19, W20, W21 = 8. YELLOW: W27, W28 (RED only today) = 2.
    // ORANGE: W24, W25. RED: W22, W23. Not screened: W16, W26. PURPLE: W27.
    expect(c['RK-02-green']).toEqual(n(8, 16));
    expect(c['RK-02-yellow']).toEqual(n(2, 16));
    expect(c['RK-02-orange']).toEqual(n(2, 16));
    expect(c['RK-02-red']).toEqual(n(2, 16));
    expect(c['RK-02-unscreened']).toEqual(n(2, 16));
    expect(c['RK-02-purple']).toEqual(n(1, 16));
    // RK-03 gradings in P that rose to ORANGE/RED: W22 (RED, reported at 24 h 00: on time), W23
    // (RED, 24 h 01: late), W24 (ORANGE, 72 h 00: on time), W25 (ORANGE, never: late) → 2 of 4.
    expect(c['RK-03']).toEqual(n(2, 4));

    const reports = Object.fromEntries(
      (await cases('RK-03', 'denominator')).map((r) => [
        r.pregnancy_id,
        [num(r.report_minutes_after_grading), r.report_state],
      ]),
    );
    expect(reports).toEqual({
      [w.W22.pregnancyId]: [1440, 'reported_on_time'],
      [w.W23.pregnancyId]: [1441, 'reported_late'],
      [w.W24.pregnancyId]: [4320, 'reported_on_time'],
      [w.W25.pregnancyId]: [null, 'late'],
    });
  });

  it('sets aside what cannot be judged yet: a screening window still open, a report not yet due', async () => {
    const c = await counts(C, ['RK-01', 'RK-03']);
    // RK-01 this month: W29 registered today, not screened, window open → excluded, not counted.
    expect(c['RK-01']).toEqual(n(0, 0, 1));
    // RK-03 this month: W28 graded RED today, unreported, due within 24 h → excluded.
    expect(c['RK-03']).toEqual(n(0, 0, 1));
  });

  it('judges those windows as of the evaluation instant, not the day the counting runs', async () => {
    // RK-03: W28's RED grading today is due up to its deadline (to the millisecond), late after.
    const [w28] = await cases('RK-03', 'excluded', C);
    const dueAt = w28.due_at as Date;
    expect((await counts(C, ['RK-03'], dueAt))['RK-03']).toEqual(n(0, 0, 1));
    const justAfter = new Date(dueAt.getTime() + 1);
    expect((await counts(C, ['RK-03'], justAfter))['RK-03']).toEqual(n(0, 1));
    // RK-01: W29 registered today is set aside while day 7 lasts, counted unscreened from day 8.
    const day7 = startOfDayIn(addDays(today(), 7), ZONE);
    const day8 = startOfDayIn(addDays(today(), 8), ZONE);
    expect((await counts(C, ['RK-01'], new Date(day8.getTime() - 1)))['RK-01']).toEqual(n(0, 0, 1));
    expect((await counts(C, ['RK-01'], day7))['RK-01']).toEqual(n(0, 0, 1));
    expect((await counts(C, ['RK-01'], day8))['RK-01']).toEqual(n(0, 1));
    // Once P has settled (its last day + 91 for the registrations), any later count is the same.
    const codes = ['RK-01', 'RK-03', 'FA-01', 'FA-02'];
    const settled = startOfDayIn(addDays(P.last, 92), ZONE);
    const later = startOfDayIn(addDays(P.last, 400), ZONE);
    expect(await counts(P, codes, later)).toEqual(await counts(P, codes, settled));
  });

  it('through the API: a computation job, the values, and the cases behind PM-10', async () => {
    const statistician = as('statistician');
    const { body: job } = await t
      .http()
      .post('/indicator-computations')
      .set(statistician)
      .send({ facilityId: home.facility.id, period: P.key })
      .expect(202);
    const deadline = Date.now() + 60_000;
    let state = job.state as string;
    while (state !== 'completed' && state !== 'failed' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50)); // poll interval, not a wait for it
      const { body } = await t
        .http()
        .get(`/indicator-computations/${job.jobId}`)
        .set(statistician)
        .expect(200);
      state = body.state;
    }
    expect(state).toBe('completed');

    const expected: Record<string, [number, number, number, number | null]> = {
      'PM-01': [12, 12, 0, 100],
      'PM-03': [11, 12, 0, 91.67],
      'PM-05': [8, 12, 0, 66.67],
      'PM-07': [1, 2, 0, 50],
      'PM-08': [2, 2, 0, 100],
      'PM-08b': [1, 2, 0, 50],
      'PM-10': [2, 3, 1, 66.67],
      'PM-11': [2, 3, 1, 66.67],
      'FA-01': [7, 9, 0, 77.78],
      'FA-02': [4, 6, 1, 66.67],
      'FA-03': [3, 4, 0, 75],
      'FA-03b': [4, 12, 0, 33.33],
      'CL-01': [2, 12, 0, 16.67],
      'CL-02a': [3, 3, 0, 3],
      'CL-02b': [5, 3, 0, 1.67],
      'RK-01': [7, 9, 0, 77.78],
      'RK-02-green': [8, 16, 0, 50],
      'RK-02-purple': [1, 16, 0, 6.25],
      'RK-03': [2, 4, 0, 50],
    };
    for (const group of ['PM', 'FA', 'CL', 'RK']) {
      const { body } = await t
        .http()
        .get('/indicator-values')
        .query({ facilityId: home.facility.id, period: P.key, group })
        .set(statistician)
        .expect(200);
      for (const value of body.values as {
        code: string;
        numerator: number;
        denominator: number;
        excluded: number;
        value: number | null;
      }[]) {
        if (!(value.code in expected)) continue;
        expect([
          value.code,
          value.numerator,
          value.denominator,
          value.excluded,
          value.value,
        ]).toEqual([value.code, ...expected[value.code]]);
        delete expected[value.code];
      }
    }
    expect(expected).toEqual({});

    const drill = async (role: CaseRole) =>
      (
        await t
          .http()
          .get('/indicator-values/PM-10/cases')
          .query({ period: P.key, role, pageSize: 100 })
          .set(as('mch_staff'))
          .expect(200)
      ).body;
    const numerator = await drill('numerator');
    expect(numerator.total).toBe(2);
    expect(numerator.fieldLabels.hbig_minutes).toBe('HBIG given, minutes after birth');
    expect(
      numerator.items.map((i: { pregnancyId: number; fields: Record<string, unknown> }) => [
        i.pregnancyId,
        i.fields.birth_order,
        Number(i.fields.hbig_minutes),
      ]),
    ).toEqual(
      expect.arrayContaining([
        [w.W6.pregnancyId, 1, 720],
        [w.W7.pregnancyId, 2, 719],
      ]),
    );
    const denominator = await drill('denominator');
    expect(denominator.total).toBe(3);
    const late = denominator.items.find(
      (i: { fields: Record<string, unknown> }) => Number(i.fields.hbig_minutes) === 721,
    );
    expect(late).toMatchObject({
      pregnancyId: w.W7.pregnancyId,
      attributedOn: Dd,
      fields: { birth_order: 1, stillbirth: 0, mother_hbsag_positive: 1 },
    });
    expect(late.womanName).toEqual(expect.any(String));
    const excluded = await drill('excluded');
    expect(excluded.items).toEqual([
      expect.objectContaining({
        pregnancyId: w.W12.pregnancyId,
        fields: expect.objectContaining({ stillbirth: 1, hbig_minutes: null }),
      }),
    ]);
  }, 120_000);

  describe('the folic-acid SQL decides as the rules do', () => {
    let random: Staff;

    /** mulberry32: a small seeded generator, so a failure can be replayed. */
    function generator(seed: number) {
      let a = seed;
      return () => {
        a = (a + 0x6d2b79f5) | 0;
        let x = Math.imul(a ^ (a >>> 15), 1 | a);
        x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
        return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
      };
    }

    beforeAll(async () => {
      random = await createStaffedFacility(t.dataSource, loginWith(t));
    });

    it('on 120 randomly generated women: uptake, start, days taken and adherence agree', async () => {
      const seed = Date.now() % 100_000;
      const rnd = generator(seed);
      const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
      const pick = <T>(items: readonly T[]) => items[int(0, items.length - 1)];
      const facility = random.facility.id;
      const userId = random.users.nurse.id;
      const now = today();
      const m = t.dataSource.manager;
      for (let i = 0; i < 120; i++) {
        const registrationDate = addDays(P.from, int(0, daysBetween(P.from, P.last)));
        const lmp = addDays(registrationDate, -int(0, 200));
        const payload = registrationPayload();
        // Identifiers stored as the app stores them: encrypted, with their blind indexes.
        const cipher = identifierCipher();
        const documentNumber = `R${facility}-${i}`;
        const phone = payload.woman.phone as string;
        const woman = await m.query(
          `INSERT INTO woman (document_type, document_number, document_index, name, birth_date,
             phone, phone_index, residence_region_code, household_type, registered_facility_id, version)
           VALUES ('passport', ?, ?, ?, ?, ?, ?, '110105', 'local', ?, 1)`,
          [
            cipher.encrypt(documentNumber),
            cipher.blindIndex('document', documentNumber),
            payload.woman.name,
            payload.woman.birthDate,
            cipher.encrypt(phone),
            cipher.blindIndex('phone', phone),
            facility,
          ],
        );
        const womanId = Number(woman.insertId);
        const ended =
          rnd() < 0.2
            ? addDays(registrationDate, int(0, daysBetween(registrationDate, now)))
            : null;
        const pregnancy = await m.query<{ insertId: number }>(
          `INSERT INTO pregnancy (woman_id, facility_id, registering_facility_id, registration_date,
             lmp, edd, edd_source, gravidity, parity, status, status_date, outcome_date, end_outcome,
             created_by, version)
           VALUES (?, ?, ?, ?, ?, ?, 'lmp', 1, 0, ?, ?, ?, ?, ?, 1)`,
          [
            womanId,
            facility,
            facility,
            registrationDate,
            lmp,
            addDays(lmp, 280),
            ended ? 'ended' : 'open',
            ended,
            ended,
            ended ? 'miscarriage' : null,
            userId,
          ],
        );
        // The facility registers and manages her, as registration makes it.
        await m.query(
          `INSERT INTO episode_participant (pregnancy_id, facility_id, role, status, started_via,
             started_on, legal_basis, created_by, version)
           SELECT ?, ?, role, 'active', 'registration', ?, 'statutory_duty', ?, 1
           FROM (SELECT 'registering' AS role UNION ALL SELECT 'managing') r`,
          [pregnancy.insertId, facility, registrationDate, userId],
        );
        for (let d = int(0, 4); d > 0; d--) {
          const dispensedOn = addDays(lmp, int(-200, 120));
          if (dispensedOn > now) continue;
          await m.query(
            `INSERT INTO folic_acid_dispensing (woman_id, facility_id, dispensed_on, dose_mg,
               bottles, tablets_per_bottle, dispensed_by) VALUES (?, ?, ?, ?, ?, ?, ?)`,
            [
              womanId,
              facility,
              dispensedOn,
              pick([0.4, 0.8]),
              int(1, 3),
              pick([1, 10, 30, 31, 60, 100]),
              userId,
            ],
          );
        }
        for (let r = int(0, 2); r > 0; r--) {
          if (rnd() < 0.3) {
            const reportedOn = addDays(lmp, int(-100, 120));
            if (reportedOn > now) continue;
            await m.query(
              `INSERT INTO folic_acid_intake_report (woman_id, facility_id, reported_on,
                 estimated_days_taken, recorded_by) VALUES (?, ?, ?, ?, ?)`,
              [womanId, facility, reportedOn, int(0, 150), userId],
            );
            continue;
          }
          const startedOn = addDays(lmp, int(-150, 80));
          let stoppedOn: string | null = rnd() < 0.7 ? addDays(startedOn, int(0, 100)) : null;
          let reportedOn = addDays(stoppedOn ?? startedOn, int(0, 30));
          if (startedOn > now) continue;
          if (reportedOn > now) reportedOn = now;
          if (stoppedOn && stoppedOn > reportedOn) stoppedOn = null;
          const span = daysBetween(startedOn, stoppedOn ?? reportedOn) + 1;
          await m.query(
            `INSERT INTO folic_acid_intake_report (woman_id, facility_id, reported_on, started_on,
               stopped_on, missed_days, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?)`,
            [
              womanId,
              facility,
              reportedOn,
              startedOn,
              stoppedOn,
              rnd() < 0.5 ? int(0, Math.min(span, 30)) : null,
              userId,
            ],
          );
        }
      }

      const params = engine.cohortParams([facility], P);
      const fa02 = INDICATORS.find((i) => i.code === 'FA-02')!;
      const cohort = bindCohort(cohortOf(fa02), params);
      const rows = await m.query<Record<string, unknown>[]>(cohort.sql, cohort.params);
      const adherentQuery = casesQuery(cohortOf(fa02), fa02, 'numerator', params, {
        limit: 1000,
        offset: 0,
      }).rows;
      const adherent = new Set(
        (await m.query<{ case_id: number }[]>(adherentQuery.sql, adherentQuery.params)).map((r) =>
          Number(r.case_id),
        ),
      );
      expect(rows).toHaveLength(120);
      for (const row of rows) {
        const { body } = await t
          .http()
          .get(`/pregnancies/${Number(row.pregnancy_id)}/folic-acid-summary`)
          .set(bearer(random.tokens.nurse))
          .expect(200);
        const { uptake, adherence } = body;
        const actual = {
          seed,
          took: Number(row.folic_took) === 1,
          firstEvidence: row.folic_first_evidence_on,
          startedOn: row.folic_started_on,
          startedBeforeLmp: Number(row.folic_started_before_lmp) === 1,
          evaluable: Number(row.folic_evaluable) === 1,
          daysInWindow: adherence.evaluable ? Number(row.folic_days_in_window) : 0,
          daysTaken: adherence.evaluable ? Number(row.folic_days_taken) : 0,
          adherent: adherent.has(Number(row.case_id)),
        };
        expect(actual).toEqual({
          seed,
          took: uptake.took,
          firstEvidence: uptake.firstEvidence,
          startedOn: adherence.startedOn,
          startedBeforeLmp: adherence.startedBeforeLmp,
          evaluable: adherence.evaluable,
          daysInWindow: adherence.daysInWindow,
          daysTaken: adherence.daysTaken,
          // FA-02 counts takers only.
          adherent: adherence.adherent && uptake.took,
        });
      }
    }, 120_000);
  });
});
