import { getQueueToken } from '@nestjs/bull';
import type { Job, Queue } from 'bull';
import { QUEUES } from '../src/core/queue/queue.constants';
import { addDays, startOfDayIn, todayIn } from '../src/core/time/calendar-date';
import { INDICATORS } from '../src/indicators/definitions';
import { countIndicators, type IndicatorCount } from '../src/indicators/indicator-calculator';
import { IndicatorEngine } from '../src/indicators/indicator-engine.service';
import { parsePeriod, periodContaining } from '../src/indicators/periods';
import { AuditEntry } from '../src/core/audit/audit-entry.entity';
import { baby, deliveryPayload } from './factories/delivery.factory';
import { createStaffedFacility, Staff } from './factories/people.factory';
import { registrationPayload, today } from './factories/registration.factory';
import { bearer, loginWith } from './utils/auth';
import { createTestApp, TestApp } from './utils/test-app';

/**
 * Completeness before success, over a hand-built month M (two months before today's), at a
 * facility of its own. Births at 10:00 hospital time on day `d` of M, at this facility unless
 * said. "Good" stay: skin-to-skin from 2:00 to 92:00, first breastfeed at 30 min, no separation,
 * no supplement, discharged exclusively breastfed 3 days after birth.
 *
 * | baby | d  | stay                                                                          |
 * |------|----|-------------------------------------------------------------------------------|
 * | C1   | 3  | good                                                                          |
 * | C2   | 4  | nothing recorded at all (before: met BF-03 and BF-04)                         |
 * | C3   | 5  | good but not discharged: still in hospital                                    |
 * | C4   | 6  | good but discharged on formula only, no supplement recorded                   |
 * | C5   | 7  | good but a supplement without a medical reason, discharged mixed              |
 * | C6   | 8  | nothing recorded; died 1 day after birth, before discharge                    |
 * | C7   | 9  | born at home (not in the stay population, nor in CL-01's mothers)            |
 * | C8   | 10 | good but the skin-to-skin has no end recorded (before: it ran to "now", met)  |
 *
 * BF-10 recalls made in M of babies born before M (R1, R2, R4 born here):
 * | baby | recalls in M                                                                      |
 * |------|-----------------------------------------------------------------------------------|
 * | R1   | day 5 breast milk + formula (mixed), day 20 exclusive                               |
 * | R2   | day 10 exclusive, day 25 breast milk + solids (complementary)                      |
 * | R4   | born 6 months before day 10: day 3 exclusive (5 months), day 28 with solids (6 m.)  |
 */
describe('Indicators: a blank is never a success', () => {
  let t: TestApp;
  let home: Staff;
  let other: Staff;
  let queue: Queue;

  const ZONE = 'Asia/Shanghai';
  const DAY_SECONDS = 24 * 60 * 60;
  const thisMonth = periodContaining('month', today());
  const M = parsePeriod(addMonths(thisMonth.from, -2).slice(0, 7));
  const dayOf = (n: number) => addDays(M.from, n - 1);
  const at10 = (n: number) => local(dayOf(n), 10);

  function local(date: string, hh: number, mm = 0): Date {
    return new Date(startOfDayIn(date, ZONE).getTime() + (hh * 60 + mm) * 60_000);
  }
  const after = (instant: Date, seconds: number) => new Date(instant.getTime() + seconds * 1000);
  const iso = (d: Date) => d.toISOString();
  function addMonths(date: string, months: number): string {
    const [y, m, d] = date.split('-').map(Number);
    const index = y * 12 + (m - 1) + months;
    const month = String((index % 12) + 1).padStart(2, '0');
    return `${Math.floor(index / 12)}-${month}-${String(d).padStart(2, '0')}`;
  }

  const as = (staff: Staff, role: keyof Staff['tokens'] = 'nurse') => bearer(staff.tokens[role]);
  const post = (url: string, body: object, staff = home) =>
    t.http().post(url).set(as(staff)).send(body);

  interface Stay {
    skin?: { from: number; to: number | null } | null;
    firstFeed?: number | null;
    supplement?: boolean;
    discharge?: 'exclusive' | 'mixed' | 'formula_only' | null;
  }
  const GOOD: Stay = {
    skin: { from: 120, to: 120 + 90 * 60 },
    firstFeed: 30 * 60,
    discharge: 'exclusive',
  };
  const NOTHING: Stay = { skin: null, firstFeed: null, discharge: null };

  const babies: Record<string, { id: number; version: number; bornAt: Date }> = {};
  const phones: Record<string, string> = {};

  /** Registers and delivers a mother of one baby and records the stay. */
  async function born(name: string, bornAt: Date, stay: Stay, place = 'this_facility') {
    const birthDay = todayIn(ZONE, bornAt);
    const lmp = addDays(birthDay, -280);
    const payload = registrationPayload({
      pregnancy: { lmp, registrationDate: addDays(lmp, 70) },
    });
    phones[name] = payload.woman.phone as string;
    const registered = await post('/registrations', payload).expect(201);
    const pregnancyId = registered.body.pregnancy.id as number;
    const delivered = await post(
      `/pregnancies/${pregnancyId}/delivery`,
      deliveryPayload(bornAt, { place, babies: [baby({ bornAt: iso(bornAt) })] }),
    ).expect(201);
    const newborn = delivered.body.newborns[0] as { id: number; version: number };
    babies[name] = { id: newborn.id, version: newborn.version, bornAt };
    const event = (body: Record<string, unknown>) =>
      post(`/newborns/${newborn.id}/feeding-events`, body).expect(201);
    if (stay.skin) {
      await event({
        kind: 'skin_to_skin',
        startAt: iso(after(bornAt, stay.skin.from)),
        ...(stay.skin.to === null ? {} : { endAt: iso(after(bornAt, stay.skin.to)) }),
      });
    }
    if (stay.firstFeed != null) {
      await event({ kind: 'first_breastfeed', startAt: iso(after(bornAt, stay.firstFeed)) });
    }
    if (stay.supplement) {
      await event({ kind: 'supplement', startAt: iso(after(bornAt, 600 * 60)), detail: '配方奶' });
    }
    if (stay.discharge) {
      await event({
        kind: 'discharge',
        startAt: iso(after(bornAt, 3 * DAY_SECONDS)),
        dischargeFeeding: stay.discharge,
      });
    }
  }

  type Recall = 'exclusive' | 'mixed' | 'complementary';
  const recall = (name: string, followedUpOn: string, what: Recall) =>
    post(`/newborns/${babies[name].id}/breastfeeding-follow-ups`, {
      contact: 'other',
      followedUpOn,
      breastMilk: true,
      water: false,
      formulaOrOtherMilk: what === 'mixed',
      otherLiquids: false,
      solids: what === 'complementary',
      orsDropsMedicine: false,
      problems: [],
    }).expect(201);

  beforeAll(async () => {
    t = await createTestApp();
    queue = t.app.get<Queue>(getQueueToken(QUEUES.indicators));
    home = await createStaffedFacility(t.dataSource, loginWith(t));
    other = await createStaffedFacility(t.dataSource, loginWith(t));

    await born('C1', at10(3), GOOD);
    await born('C2', at10(4), NOTHING);
    await born('C3', at10(5), { ...GOOD, discharge: null });
    await born('C4', at10(6), { ...GOOD, discharge: 'formula_only' });
    await born('C5', at10(7), { ...GOOD, supplement: true, discharge: 'mixed' });
    await born('C6', at10(8), NOTHING);
    await t
      .http()
      .patch(`/newborns/${babies.C6.id}`)
      .set(as(home))
      .send({ version: babies.C6.version, diedAt: iso(after(babies.C6.bornAt, DAY_SECONDS)) })
      .expect(200);
    await born('C7', at10(9), NOTHING, 'home');
    await born('C8', at10(10), { ...GOOD, skin: { from: 120, to: null } });

    await born('R1', local(addDays(M.from, -90), 10), GOOD);
    await born('R2', local(addDays(M.from, -60), 10), GOOD);
    await born('R4', local(addMonths(dayOf(10), -6), 10), GOOD);
    await recall('R1', dayOf(5), 'mixed');
    await recall('R1', dayOf(20), 'exclusive');
    await recall('R2', dayOf(10), 'exclusive');
    const complementary = await recall('R2', dayOf(25), 'complementary');
    expect(complementary.body).toMatchObject({ classification: 'complementary' });
    await recall('R4', dayOf(3), 'exclusive');
    await recall('R4', dayOf(28), 'complementary');
  }, 240_000);

  afterAll(() => t.close());

  async function counted(codes: string[]): Promise<Record<string, number[]>> {
    const params = t.app.get(IndicatorEngine).cohortParams([home.facility.id], M);
    const indicators = INDICATORS.filter((i) => codes.includes(i.code));
    const counts: IndicatorCount[] = await countIndicators(
      t.dataSource.manager,
      indicators,
      params,
    );
    return Object.fromEntries(
      counts.map((c) => [c.code, [c.numerator, c.denominator, c.excluded, c.incomplete]]),
    );
  }

  /**
   * [numerator, denominator, excluded, incomplete]. Population: C1–C6, C8 (C7 was born at home).
   * Excluded: C6 (died before discharge). Incomplete: C2 (nothing recorded), C3 (in hospital).
   * Denominator: C1, C4, C5, C8.
   */
  const STAY: Record<string, number[]> = {
    // C8's skin-to-skin has no end: not counted (it ran to "now" and was met before). 3/4.
    'BF-01': [3, 4, 1, 2],
    'BF-02': [4, 4, 1, 2],
    // C2 with no separation recorded was met before; now it is incomplete. 4/4.
    'BF-03': [4, 4, 1, 2],
    'BF-03M': [4, 4, 1, 2],
    // C4 went home on formula with no supplement recorded: fails; C5 supplemented. C1, C8. 2/4.
    'BF-04': [2, 4, 1, 2],
    'BF-04M': [2, 4, 1, 2],
    // C4 formula only fails; C1, C5 (mixed), C8. 3/4.
    'BF-05': [3, 4, 1, 2],
  };

  it('counts a baby with nothing recorded, or still in hospital, as incomplete, not a success', async () => {
    expect(await counted(Object.keys(STAY))).toEqual(STAY);
  });

  it('counts CL-01 and FA-03b over the births at the facility, not the home birth', async () => {
    // Mothers who delivered in M at this facility: C1–C6, C8 (C7 at home). No classes: 0/7.
    const got = await counted(['CL-01', 'FA-03b']);
    expect(got['CL-01']).toEqual([0, 7, 0, 0]);
    expect(got['FA-03b']).toEqual([0, 7, 0, 0]);
  });

  it('gives BF-10 one status per child: the recall nearest the end of the period, at 0–5 months', async () => {
    // R1: day 20 exclusive (not its mixed day 5); R2: day 25 complementary (not exclusive day 10);
    // R4: day 3 at 5 months exclusive (its day 28 recall at 6 months is outside the band).
    // Every recall counted would have been 3/5.
    expect((await counted(['BF-10']))['BF-10']).toEqual([2, 3, 0, 0]);
  });

  describe('through the API', () => {
    beforeAll(async () => {
      const { body } = await t
        .http()
        .post('/indicator-computations')
        .set(as(home, 'mch_staff'))
        .send({ period: M.key, group: 'BF' })
        .expect(202);
      const job = (await queue.getJob(body.jobId as string)) as Job;
      await job.finished();
    }, 60_000);

    it('stores and returns the incomplete count beside the excluded', async () => {
      const { body } = await t
        .http()
        .get('/indicator-values')
        .query({ period: M.key, group: 'BF' })
        .set(as(home, 'mch_staff'))
        .expect(200);
      const byCode = new Map(
        (body.values as Array<{ code: string } & Record<string, unknown>>).map((v) => [v.code, v]),
      );
      for (const [code, [n, d, x, u]] of Object.entries(STAY)) {
        expect(byCode.get(code)).toMatchObject({
          numerator: n,
          denominator: d,
          excluded: x,
          incomplete: u,
        });
      }
      expect(byCode.get('BF-04')).toMatchObject({ value: 50, definitionVersion: 2 });
    });

    it('describes the incomplete criterion of each stay indicator', async () => {
      const { body } = await t.http().get('/indicators').set(as(home, 'mch_staff')).expect(200);
      const bf04 = (body as Array<Record<string, unknown>>).find((d) => d.code === 'BF-04')!;
      expect(bf04.incomplete).toEqual({
        description: expect.stringContaining('discharge'),
        descriptionZh: expect.stringContaining('出院'),
      });
      const sm01 = (body as Array<Record<string, unknown>>).find((d) => d.code === 'SM-01')!;
      expect(sm01.incomplete).toBeNull();
    });

    it('lists the incomplete babies in the drill-down (role=incomplete)', async () => {
      const { body } = await t
        .http()
        .get('/indicator-values/BF-04/cases')
        .query({ period: M.key, role: 'incomplete' })
        .set(as(home, 'mch_staff'))
        .expect(200);
      expect(body.total).toBe(2);
      expect((body.items as Array<{ newbornId: number }>).map((i) => i.newbornId).sort()).toEqual(
        [babies.C2.id, babies.C3.id].sort(),
      );
      expect(body.items[0].fields).toMatchObject({ stay_complete: 0 });
    });

    it('closes the month with the incomplete counts frozen beside the values', async () => {
      const { body: job } = await t
        .http()
        .post('/indicator-computations')
        .set(as(home, 'mch_staff'))
        .send({ period: M.key })
        .expect(202);
      await ((await queue.getJob(job.jobId as string)) as Job).finished();
      await t
        .http()
        .post('/indicator-periods/close')
        .set(as(home, 'mch_staff'))
        .send({ period: M.key })
        .expect(201);

      const { body } = await t
        .http()
        .get('/indicator-values')
        .query({ period: M.key, group: 'BF', version: 1 })
        .set(as(home, 'mch_staff'))
        .expect(200);
      const bf04 = (body.values as Array<Record<string, unknown>>).find((v) => v.code === 'BF-04');
      expect(bf04).toMatchObject({ state: 'closed', version: 1, excluded: 1, incomplete: 2 });
    }, 60_000);

    it('refuses an unknown role with 400 naming the field', async () => {
      const bad = await t
        .http()
        .get('/indicator-values/BF-04/cases')
        .query({ period: M.key, role: 'unknown' })
        .set(as(home, 'mch_staff'))
        .expect(400);
      expect(bad.body.details[0].field).toBe('role');
    });
  });

  describe('the data-quality list', () => {
    const list = (staff: Staff, query: Record<string, unknown>, role: keyof Staff['tokens']) =>
      t.http().get('/indicator-data-quality').query(query).set(as(staff, role));

    it('lists a discharge on formula with no supplement recorded, and an open skin-to-skin', async () => {
      const { body } = await list(home, { period: M.key }, 'mch_staff').expect(200);
      expect(body).toMatchObject({ period: M.key, total: 2, page: 1 });
      const items = body.items as Array<Record<string, unknown>>;
      expect(items.map((i) => [i.newbornId, i.problems])).toEqual([
        [babies.C4.id, ['DISCHARGE_OTHER_MILK_WITHOUT_SUPPLEMENT']],
        [babies.C8.id, ['SKIN_TO_SKIN_WITHOUT_END']],
      ]);
      expect(items[0]).toMatchObject({
        bornOn: dayOf(6),
        fields: { discharge_feeding: 'formula_only', supplements_in_stay: 0 },
      });
      // The mother's phone is masked, as on every list.
      expect(items[0].phone).not.toBe(phones.C4);
      expect(items[0].phone).toMatch(/^\d{3}\*+\d{4}$/);
      // C5 was discharged mixed with its supplement recorded: records that agree are not listed.
      expect(items.map((i) => i.newbornId)).not.toContain(babies.C5.id);
      expect(body.checks).toContainEqual(
        expect.objectContaining({
          code: 'DISCHARGE_OTHER_MILK_WITHOUT_SUPPLEMENT',
          descriptionZh: expect.stringContaining('出院时混合喂养或人工喂养'),
        }),
      );
    });

    it('is audited, naming the babies shown', async () => {
      const before = await t.dataSource.getRepository(AuditEntry).count({
        where: { entity: 'indicator_data_quality', entityId: M.key },
      });
      await list(home, { period: M.key }, 'mch_staff').expect(200);
      const entries = await t.dataSource.getRepository(AuditEntry).find({
        where: { entity: 'indicator_data_quality', entityId: M.key },
        order: { id: 'DESC' },
      });
      expect(entries).toHaveLength(before + 1);
      expect(entries[0]).toMatchObject({ action: 'view_cases', facilityId: home.facility.id });
      expect(JSON.stringify(entries[0].after)).toContain(String(babies.C4.id));
    });

    it("shows only the caller's facility, the month after is empty", async () => {
      const elsewhere = await list(other, { period: M.key }, 'mch_staff').expect(200);
      expect(elsewhere.body).toMatchObject({ total: 0, items: [] });
      const next = parsePeriod(addMonths(M.from, 1).slice(0, 7)).key;
      expect((await list(home, { period: next }, 'mch_staff').expect(200)).body.total).toBe(0);
    });

    it('is for MCH staff, and answers 400 naming the period when it is missing or malformed', async () => {
      await list(home, { period: M.key }, 'nurse').expect(403);
      const missing = await list(home, {}, 'mch_staff').expect(400);
      expect(missing.body.details[0].field).toBe('period');
      const malformed = await list(home, { period: '2026-13' }, 'mch_staff').expect(400);
      expect(malformed.body.details[0].field).toBe('period');
    });
  });
});
