import { addDays } from '../src/core/time/calendar-date';
import { periodContaining, previousPeriod } from '../src/indicators/periods';
import { createStaffedFacility, Staff } from './factories/people.factory';
import { today } from './factories/registration.factory';
import { auditTrail } from './utils/audit-trail';
import { bearer, loginWith } from './utils/auth';
import { birthWithEvents, type AfterBirth } from './utils/births';
import { createTestApp, TestApp } from './utils/test-app';

/**
 * The 母乳喂养 audit (issue 17): last month's times to skin-to-skin and to the first breastfeed in
 * bins with edges on the 5- and 60-minute limits (each side of both), separations and supplements
 * by reason, and the office's marks on failing babies, in one facility and not another's.
 *
 * | baby | skin-to-skin starts | first breastfeed | else                                     |
 * |------|---------------------|------------------|------------------------------------------|
 * | B1   | 5:00                | 60:59 (60 min)   |                                          |
 * | B2   | 5:01                | 61:00            |                                          |
 * | B3   | 2:00                | none             | separation 光疗 (medical), supplement    |
 * |      |                     |                  | 葡萄糖水 for hypoglycaemia               |
 * | B4   | 2:00                | 30:00            | separation 产妇休息 (no medical reason), |
 * |      |                     |                  | two supplements 配方奶 (none; blank)     |
 * | B5   | 2:00                | 30:00            | still in hospital: not counted           |
 * | B6   | other facility      |                  |                                          |
 */
describe('breastfeeding audit', () => {
  let t: TestApp;
  let a: Staff;
  let b: Staff;
  const month = previousPeriod(periodContaining('month', today()));
  const ids: Record<string, number> = {};

  const birth = (
    staff: Staff,
    day: number,
    events: (at: AfterBirth) => Array<Record<string, unknown>>,
  ) => birthWithEvents(t, staff, addDays(month.from, day), events);
  const discharged = (at: (m: number) => string) => ({
    kind: 'discharge',
    startAt: at(3 * 24 * 60),
    dischargeFeeding: 'exclusive',
  });

  beforeAll(async () => {
    t = await createTestApp();
    a = await createStaffedFacility(t.dataSource, loginWith(t));
    b = await createStaffedFacility(t.dataSource, loginWith(t));
    ids.B1 = await birth(a, 2, (at) => [
      { kind: 'skin_to_skin', startAt: at(5, 0), endAt: at(95) },
      { kind: 'first_breastfeed', startAt: at(60, 59) },
      discharged(at),
    ]);
    ids.B2 = await birth(a, 3, (at) => [
      { kind: 'skin_to_skin', startAt: at(5, 1), endAt: at(95) },
      { kind: 'first_breastfeed', startAt: at(61, 0) },
      discharged(at),
    ]);
    ids.B3 = await birth(a, 4, (at) => [
      { kind: 'skin_to_skin', startAt: at(2), endAt: at(92) },
      {
        kind: 'separation',
        startAt: at(120),
        endAt: at(360),
        detail: '光疗',
        medicalReason: '新生儿黄疸',
      },
      { kind: 'supplement', startAt: at(600), detail: '葡萄糖水', medicalReason: '低血糖' },
      discharged(at),
    ]);
    ids.B4 = await birth(a, 5, (at) => [
      { kind: 'skin_to_skin', startAt: at(2), endAt: at(92) },
      { kind: 'first_breastfeed', startAt: at(30) },
      { kind: 'separation', startAt: at(120), endAt: at(200), detail: '产妇休息' },
      { kind: 'supplement', startAt: at(600), detail: '配方奶' },
      { kind: 'supplement', startAt: at(900), detail: ' 配方奶 ' },
      discharged(at),
    ]);
    ids.B5 = await birth(a, 6, (at) => [
      { kind: 'skin_to_skin', startAt: at(2), endAt: at(92) },
      { kind: 'first_breastfeed', startAt: at(30) },
      { kind: 'supplement', startAt: at(600), detail: '配方奶' },
    ]);
    ids.B6 = await birth(b, 2, (at) => [
      { kind: 'skin_to_skin', startAt: at(1), endAt: at(92) },
      { kind: 'first_breastfeed', startAt: at(10) },
      discharged(at),
    ]);
  });

  afterAll(() => t.close());

  const distribution = (staff: Staff, role: 'mch_staff' | 'statistician' = 'mch_staff') =>
    t
      .http()
      .get('/breastfeeding-audit/distribution')
      .query({ month: month.key })
      .set(bearer(staff.tokens[role]));

  const countIn = (bins: Array<{ from: number; count: number }>, from: number) =>
    bins.find((bin) => bin.from === from)!.count;

  it('bins the minutes to the first breastfeed on both sides of 60: 60:59 inside, 61:00 outside', async () => {
    const { body } = await distribution(a).expect(200);
    expect(body).toMatchObject({ facilityId: a.facility.id, month: month.key, babies: 4 });
    const feed = body.firstBreastfeed;
    expect(feed).toMatchObject({ limitMinutes: 60, recorded: 3, within: 2, notRecorded: 1 });
    expect(feed.bins.find((bin: { from: number }) => bin.from === 50)).toMatchObject({
      to: 60,
      count: 1,
      within: true,
    });
    expect(feed.bins.find((bin: { from: number }) => bin.from === 60)).toMatchObject({
      to: 70,
      count: 1,
      within: false,
    });
    expect(countIn(feed.bins, 20)).toBe(1);
  });

  it('bins the minutes to skin-to-skin on both sides of 5: 5:00 inside, 5:01 outside', async () => {
    const { body } = await distribution(a).expect(200);
    const skin = body.skinToSkinStart;
    expect(skin).toMatchObject({ limitMinutes: 5, recorded: 4, within: 3, notRecorded: 0 });
    expect(skin.bins.find((bin: { from: number }) => bin.from === 4)).toMatchObject({
      to: 5,
      count: 1,
      within: true,
    });
    expect(skin.bins.find((bin: { from: number }) => bin.from === 5)).toMatchObject({
      to: 6,
      count: 1,
      within: false,
    });
    expect(countIn(skin.bins, 1)).toBe(2);
  });

  it('counts separations by reason and supplements with and without a medical reason, stays complete only', async () => {
    const { body } = await distribution(a, 'statistician').expect(200);
    expect(body.separations).toEqual([
      { reason: '产妇休息', medical: false, events: 1, babies: 1 },
      { reason: '光疗', medical: true, events: 1, babies: 1 },
    ]);
    expect(body.supplements).toEqual([
      { reason: '配方奶', medical: false, events: 2, babies: 1 },
      { reason: '葡萄糖水', medical: true, events: 1, babies: 1 },
    ]);
    expect(body.supplementTotals).toEqual({
      withMedicalReason: { events: 1, babies: 1 },
      withoutMedicalReason: { events: 2, babies: 1 },
    });
  });

  it("counts only the caller's facility", async () => {
    const { body } = await distribution(b).expect(200);
    expect(body).toMatchObject({ facilityId: b.facility.id, babies: 1 });
    expect(body.firstBreastfeed.within).toBe(1);
    expect(body.separations).toEqual([]);
  });

  it('answers 400 naming the field for a month that is not one', async () => {
    for (const month of ['2026-13', '2026-Q1', '']) {
      const { body } = await t
        .http()
        .get('/breastfeeding-audit/distribution')
        .query({ month })
        .set(bearer(a.tokens.mch_staff))
        .expect(400);
      expect(body.code).toBe('VALIDATION_FAILED');
      expect(body.details.map((d: { field: string }) => d.field)).toEqual(['month']);
    }
  });

  it('is for the office: a nurse is refused', async () => {
    await distribution(a, 'nurse' as 'mch_staff').expect(403);
  });

  describe('reviews of failing babies', () => {
    const mark = (staff: Staff, body: Record<string, unknown>) =>
      t.http().post('/breastfeeding-audit/reviews').set(bearer(staff.tokens.mch_staff)).send(body);
    const reviews = (staff: Staff, role: 'mch_staff' | 'statistician' = 'mch_staff') =>
      t
        .http()
        .get('/breastfeeding-audit/reviews')
        .query({ month: month.key })
        .set(bearer(staff.tokens[role]));
    let reviewId: number;

    it('marks a baby reviewed with a note, audited, listed with the reviewer for the birth month', async () => {
      const { body } = await mark(a, {
        newbornId: ids.B2,
        indicatorCode: 'BF-02',
        note: '  产妇产后出血，延迟开奶  ',
      }).expect(201);
      reviewId = body.id;
      expect(body).toMatchObject({
        newbornId: ids.B2,
        indicatorCode: 'BF-02',
        month: month.key,
        note: '产妇产后出血，延迟开奶',
        reviewedBy: a.users.mch_staff.id,
        reviewerName: a.users.mch_staff.displayName,
        version: 1,
      });
      const listed = await reviews(a, 'statistician').expect(200);
      expect(listed.body).toEqual([body]);
      const trail = await auditTrail(t.dataSource, 'breastfeeding_failure_review', reviewId);
      expect(trail.map((e) => [e.action, e.userId])).toEqual([['create', a.users.mch_staff.id]]);
    });

    it('refuses a second mark of the same baby and indicator (409)', async () => {
      const { body } = await mark(a, {
        newbornId: ids.B2,
        indicatorCode: 'BF-02',
        note: '再次',
      }).expect(409);
      expect(body.code).toBe('FAILURE_REVIEW_EXISTS');
    });

    it('answers 400 naming each invalid field', async () => {
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ newbornId: ids.B1, indicatorCode: 'BF-02', note: '   ' }, 'note'],
        [{ newbornId: ids.B1, indicatorCode: 'BF-02', note: '长'.repeat(501) }, 'note'],
        [{ newbornId: ids.B1, indicatorCode: 'BF-06', note: '说明' }, 'indicatorCode'],
        [{ newbornId: 0, indicatorCode: 'BF-02', note: '说明' }, 'newbornId'],
      ];
      for (const [input, field] of cases) {
        const { body } = await mark(a, input).expect(400);
        expect(body.details.map((d: { field: string }) => d.field)).toEqual([field]);
      }
    });

    it("keeps facilities apart: another facility's office cannot mark, see, change or unmark", async () => {
      const refused = await mark(b, {
        newbornId: ids.B2,
        indicatorCode: 'BF-01',
        note: '说明',
      }).expect(404);
      expect(refused.body.code).toBe('NEWBORN_NOT_FOUND');
      expect((await reviews(b).expect(200)).body).toEqual([]);
      const as = bearer(b.tokens.mch_staff);
      await t
        .http()
        .patch(`/breastfeeding-audit/reviews/${reviewId}`)
        .set(as)
        .send({ version: 1, note: '改' })
        .expect(404);
      await t
        .http()
        .delete(`/breastfeeding-audit/reviews/${reviewId}`)
        .query({ version: 1 })
        .set(as)
        .expect(404);
    });

    it('changes the note with the version read, and refuses a stale version (409)', async () => {
      const as = bearer(a.tokens.mch_staff);
      const { body } = await t
        .http()
        .patch(`/breastfeeding-audit/reviews/${reviewId}`)
        .set(as)
        .send({ version: 1, note: '已与产科复核：产后出血' })
        .expect(200);
      expect(body).toMatchObject({ note: '已与产科复核：产后出血', version: 2 });
      const stale = await t
        .http()
        .patch(`/breastfeeding-audit/reviews/${reviewId}`)
        .set(as)
        .send({ version: 1, note: '旧' })
        .expect(409);
      expect(stale.body.code).toBe('STALE_VERSION');
      const missing = await t
        .http()
        .patch(`/breastfeeding-audit/reviews/${reviewId}`)
        .set(as)
        .send({ note: '无版本' })
        .expect(400);
      const fields = missing.body.details.map((d: { field: string }) => d.field);
      expect([...new Set(fields)]).toEqual(['version']);
    });

    it('a statistician reads the marks but cannot make them', async () => {
      await t
        .http()
        .post('/breastfeeding-audit/reviews')
        .set(bearer(a.tokens.statistician))
        .send({ newbornId: ids.B1, indicatorCode: 'BF-01', note: '说明' })
        .expect(403);
    });

    it('unmarks with the version read (a stale one refused), and the trail keeps what it said', async () => {
      const as = bearer(a.tokens.mch_staff);
      const stale = await t
        .http()
        .delete(`/breastfeeding-audit/reviews/${reviewId}`)
        .query({ version: 1 })
        .set(as)
        .expect(409);
      expect(stale.body.code).toBe('STALE_VERSION');
      await t
        .http()
        .delete(`/breastfeeding-audit/reviews/${reviewId}`)
        .query({ version: 2 })
        .set(as)
        .expect(204);
      expect((await reviews(a).expect(200)).body).toEqual([]);
      const trail = await auditTrail(t.dataSource, 'breastfeeding_failure_review', reviewId);
      expect(trail.map((e) => e.action)).toEqual(['create', 'update', 'delete']);
      expect(trail[2].before).toMatchObject({ note: '已与产科复核：产后出血' });
    });
  });
});
