import { getQueueToken } from '@nestjs/bull';
import type { Job, Queue } from 'bull';
import { QUEUES } from '../src/core/queue/queue.constants';
import { addDays } from '../src/core/time/calendar-date';
import { periodContaining } from '../src/indicators/periods';
import {
  PREGNANCY_RECORD_TABLES,
  TABLES_NOT_MOVED,
  WOMAN_RECORD_TABLES,
} from '../src/women/merges.service';
import { createStaffedFacility, Staff } from './factories/people.factory';
import { passport, registrationPayload, today } from './factories/registration.factory';
import { auditTrail } from './utils/audit-trail';
import { bearer, loginWith } from './utils/auth';
import { createTestApp, TestApp } from './utils/test-app';

/**
 * Identity across facilities (issue 15, item 8): the community centre registered her with her
 * resident ID; the hospital registers her again with her passport. The flag queues a review for
 * the centre, which manages her; its mch_staff compare the records and merge them, so that her
 * visits from both sit on one pregnancy and the hospital's copy no longer counts; an unmerge puts
 * everything back.
 */
describe('merges: one woman registered twice across facilities', () => {
  let t: TestApp;
  let queue: Queue;
  let centre: Staff;
  let hospital: Staff;
  let outsider: Staff;

  const as = (staff: Staff, role: keyof Staff['tokens'] = 'mch_staff') =>
    bearer(staff.tokens[role]);
  const period = periodContaining('month', today()).key;

  const register = async (staff: Staff, payload: ReturnType<typeof registrationPayload>) =>
    (await t.http().post('/registrations').set(as(staff, 'nurse')).send(payload).expect(201)).body;
  const visit = (staff: Staff, pregnancyId: number, visitDate: string) =>
    t
      .http()
      .post(`/pregnancies/${pregnancyId}/visits`)
      .set(as(staff, 'nurse'))
      .send({ visitDate, weightKg: 60 })
      .expect(201);
  const reviewsOf = async (staff: Staff) =>
    (await t.http().get('/women/merge-reviews').set(as(staff)).expect(200)).body.items as Array<
      Record<string, unknown> & { id: number }
    >;
  /**
   * RK-01 at the facility this month: the registrations it counts are its denominator and its
   * exclusions (a registration of today is still inside its 7-day screening window).
   */
  const registrationsCounted = async (staff: Staff) => {
    const { body } = await t
      .http()
      .post('/indicator-computations')
      .set(as(staff, 'statistician'))
      .send({ facilityId: staff.facility.id, period })
      .expect(202);
    await ((await queue.getJob(body.jobId as string)) as Job).finished();
    const values = await t
      .http()
      .get('/indicator-values')
      .query({ facilityId: staff.facility.id, period, group: 'RK' })
      .set(as(staff, 'statistician'))
      .expect(200);
    const value = values.body.values.find((v: { code: string }) => v.code === 'RK-01') as {
      denominator: number;
      excluded: number;
    };
    return value.denominator + value.excluded;
  };

  beforeAll(async () => {
    t = await createTestApp();
    queue = t.app.get<Queue>(getQueueToken(QUEUES.indicators));
    const login = loginWith(t);
    centre = await createStaffedFacility(t.dataSource, login);
    hospital = await createStaffedFacility(t.dataSource, login);
    outsider = await createStaffedFacility(t.dataSource, login);
  });

  afterAll(() => t.close());

  it('moves the rows of every table that has a pregnancy or woman column', async () => {
    const rows = await t.dataSource.query<Array<{ table: string; column: string }>>(
      `SELECT table_name AS \`table\`, column_name AS \`column\` FROM information_schema.columns
       WHERE table_schema = DATABASE() AND column_name IN ('pregnancy_id', 'woman_id')`,
    );
    const listed: Record<string, readonly string[]> = {
      pregnancy_id: PREGNANCY_RECORD_TABLES,
      woman_id: WOMAN_RECORD_TABLES,
    };
    const forgotten = rows.filter(
      ({ table, column }) => !listed[column].includes(table) && !TABLES_NOT_MOVED.includes(table),
    );
    expect(forgotten).toEqual([]);
  });

  it('queues, compares, merges so that neither copy counts twice, and unmerges', async () => {
    const lmp = addDays(today(), -110);
    const atCentre = registrationPayload({
      pregnancy: { lmp, registrationDate: addDays(lmp, 70) },
    });
    const centreRecord = await register(centre, atCentre);
    const centrePregnancyId = centreRecord.pregnancy.id as number;
    await visit(centre, centrePregnancyId, addDays(lmp, 70));

    // The hospital dates her 10 days later and registers her with her passport today.
    const atHospital = registrationPayload({
      woman: {
        documentType: 'passport',
        documentNumber: passport(),
        name: atCentre.woman.name,
        birthDate: atCentre.woman.birthDate,
      },
      pregnancy: { lmp: addDays(lmp, 10), registrationDate: today() },
    });
    const hospitalRecord = await register(hospital, atHospital);
    const hospitalPregnancyId = hospitalRecord.pregnancy.id as number;
    await visit(hospital, hospitalPregnancyId, today());
    expect(hospitalRecord.possibleDuplicates).toEqual([
      expect.objectContaining({ reason: 'same_name_and_birth_date' }),
    ]);
    expect(await registrationsCounted(hospital)).toBe(1);

    // Queued for the centre, which manages the record she matched; seen by the hospital too.
    const [queued] = (await reviewsOf(centre)).filter(
      (r) => r.possibleDuplicateId === hospitalRecord.possibleDuplicates[0].id,
    );
    expect(queued).toMatchObject({
      status: 'requested',
      requestingFacilityId: hospital.facility.id,
      matchedFacilityId: centre.facility.id,
      reviewingFacilityId: centre.facility.id,
      matched: { womanId: centreRecord.woman.id, atOtherFacility: false },
      woman: { womanId: null, atOtherFacility: true },
    });
    expect((await reviewsOf(hospital)).map((r) => r.id)).toContain(queued.id);
    expect((await reviewsOf(outsider)).map((r) => r.id)).not.toContain(queued.id);
    const flagId = hospitalRecord.possibleDuplicates[0].id as number;
    const again = await t
      .http()
      .post(`/women/possible-duplicates/${flagId}/merge-review`)
      .set(as(hospital))
      .send({})
      .expect(409);
    expect(again.body.code).toBe('MERGE_REVIEW_EXISTS');

    const decide = (staff: Staff, step: string, body: object, role?: keyof Staff['tokens']) =>
      t.http().post(`/women/merge-reviews/${queued.id}/${step}`).set(as(staff, role)).send(body);
    const keep = { keepWomanId: centreRecord.woman.id, note: '同一人，护照与身份证' };
    expect((await decide(hospital, 'merge', keep).expect(403)).body.code).toBe(
      'MERGE_REVIEW_NOT_REVIEWER',
    );
    expect((await decide(outsider, 'merge', keep).expect(404)).body.code).toBe(
      'MERGE_REVIEW_NOT_FOUND',
    );
    await decide(centre, 'merge', keep, 'nurse').expect(403);
    const stranger = await decide(centre, 'merge', { keepWomanId: 999_999_999 }).expect(400);
    expect(stranger.body.details).toEqual([expect.objectContaining({ field: 'keepWomanId' })]);

    // The centre compares both records; reading the hospital's is audited.
    const { body: comparison } = await t
      .http()
      .get(`/women/merge-reviews/${queued.id}/comparison`)
      .set(as(centre))
      .expect(200);
    expect(comparison.woman).toMatchObject({
      womanId: hospitalRecord.woman.id,
      documentType: 'passport',
      registeredFacilityId: hospital.facility.id,
      pregnancies: [{ id: hospitalPregnancyId, status: 'open', facilityId: hospital.facility.id }],
    });
    expect(comparison.woman.documentNumber).toMatch(/\*{4}/);
    expect(comparison.woman.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect(comparison.matched.pregnancies).toEqual([
      expect.objectContaining({ id: centrePregnancyId, status: 'open' }),
    ]);
    const sharedReads = await auditTrail(t.dataSource, 'woman', hospitalRecord.woman.id);
    expect(sharedReads.filter((row) => row.action === 'view_shared')).toEqual([
      expect.objectContaining({ facilityId: centre.facility.id }),
    ]);
    await t
      .http()
      .get(`/women/merge-reviews/${queued.id}/comparison`)
      .set(as(hospital))
      .expect(403);

    const { body: merged } = await decide(centre, 'merge', keep).expect(200);
    expect(merged).toMatchObject({
      review: { status: 'merged', keptWomanId: centreRecord.woman.id, decisionNote: keep.note },
      joined: [{ keptPregnancyId: centrePregnancyId, mergedPregnancyId: hospitalPregnancyId }],
      movedPregnancyIds: [],
    });
    expect((await decide(centre, 'merge', keep).expect(409)).body.code).toBe(
      'MERGE_REVIEW_DECIDED',
    );

    // One pregnancy with both visits, seen and written by both facilities.
    for (const staff of [centre, hospital]) {
      const { body: visits } = await t
        .http()
        .get(`/pregnancies/${centrePregnancyId}/visits`)
        .set(as(staff, 'nurse'))
        .expect(200);
      expect(visits.items ?? visits).toHaveLength(2);
    }
    await visit(hospital, centrePregnancyId, addDays(today(), -1));
    const { body: copy } = await t
      .http()
      .get(`/pregnancies/${hospitalPregnancyId}`)
      .set(as(centre, 'nurse'))
      .expect(404);
    expect(copy.code).toBe('PREGNANCY_NOT_FOUND');
    const { body: hospitalWoman } = await t
      .http()
      .get(`/women/${hospitalRecord.woman.id}`)
      .set(as(hospital, 'nurse'))
      .expect(200);
    expect(hospitalWoman.mergedIntoId).toBe(centreRecord.woman.id);
    // Her passport still finds her, at the hospital, on the kept record.
    const { body: found } = await t
      .http()
      .get('/pregnancies')
      .query({ documentNumber: atHospital.woman.documentNumber })
      .set(as(hospital, 'nurse'))
      .expect(200);
    expect(found.items.map((p: { id: number }) => p.id)).toEqual([centrePregnancyId]);

    // The hospital's copy no longer counts; the kept one counts once where it was registered.
    expect(await registrationsCounted(hospital)).toBe(0);
    const pregnancyAudit = await auditTrail(t.dataSource, 'pregnancy', hospitalPregnancyId);
    expect(pregnancyAudit.at(-1)).toMatchObject({ action: 'update', after: { merge: queued.id } });

    // Undone: both records as they were, the visit made since stays on the kept pregnancy.
    await decide(centre, 'unmerge', {}).expect(400);
    const { body: unmerged } = await decide(centre, 'unmerge', {
      note: '核实为两人（姐妹）',
    }).expect(200);
    expect(unmerged.review).toMatchObject({ status: 'unmerged', undoNote: '核实为两人（姐妹）' });
    expect(unmerged.valuesNotRestored).toBe(0);
    expect(unmerged.valuesChanged).toBe(merged.valuesChanged);
    const { body: restored } = await t
      .http()
      .get(`/pregnancies/${hospitalPregnancyId}`)
      .set(as(hospital, 'nurse'))
      .expect(200);
    expect(restored).toMatchObject({ status: 'open', mergedIntoId: null, lastVisitDate: today() });
    await t.http().get(`/pregnancies/${hospitalPregnancyId}`).set(as(centre, 'nurse')).expect(404);
    const { body: keptVisits } = await t
      .http()
      .get(`/pregnancies/${centrePregnancyId}/visits`)
      .set(as(centre, 'nurse'))
      .expect(200);
    expect(keptVisits.items ?? keptVisits).toHaveLength(2);
    expect(await registrationsCounted(hospital)).toBe(1);
    expect((await decide(centre, 'unmerge', { note: '再次' }).expect(409)).body.code).toBe(
      'MERGE_REVIEW_DECIDED',
    );
    const reviewAudit = await auditTrail(t.dataSource, 'merge_review', queued.id);
    expect(
      reviewAudit
        .filter((row) => row.facilityId === centre.facility.id)
        .map((row) => [row.action, (row.after as { status: string }).status]),
    ).toEqual([
      ['create', 'requested'],
      ['status_change', 'merged'],
      ['status_change', 'unmerged'],
    ]);
  });

  it('keeps the copy that knows how the pregnancy ended and refuses two deliveries', async () => {
    const lmp = addDays(today(), -120);
    const first = registrationPayload({ pregnancy: { lmp, registrationDate: addDays(lmp, 60) } });
    const centreRecord = await register(centre, first);
    const second = registrationPayload({
      woman: {
        documentType: 'passport',
        documentNumber: passport(),
        name: first.woman.name,
        birthDate: first.woman.birthDate,
      },
      pregnancy: { lmp, registrationDate: addDays(lmp, 80) },
    });
    const hospitalRecord = await register(hospital, second);
    // The hospital's copy ended in a miscarriage; the centre's is still open.
    await t
      .http()
      .post(`/pregnancies/${hospitalRecord.pregnancy.id}/status`)
      .set(as(hospital, 'nurse'))
      .send({
        version: hospitalRecord.pregnancy.version,
        status: 'ended',
        endOutcome: 'miscarriage',
        effectiveDate: addDays(lmp, 100),
        reason: '自然流产',
      })
      .expect(200);
    const [review] = (await reviewsOf(centre)).filter(
      (r) => r.possibleDuplicateId === hospitalRecord.possibleDuplicates[0].id,
    );
    const { body } = await t
      .http()
      .post(`/women/merge-reviews/${review.id}/merge`)
      .set(as(centre))
      .send({ keepWomanId: centreRecord.woman.id })
      .expect(200);
    expect(body.joined).toEqual([
      {
        keptPregnancyId: hospitalRecord.pregnancy.id,
        mergedPregnancyId: centreRecord.pregnancy.id,
      },
    ]);
    const { body: kept } = await t
      .http()
      .get(`/pregnancies/${hospitalRecord.pregnancy.id}`)
      .set(as(centre, 'nurse'))
      .expect(200);
    // Hers now, registered when the centre first registered her.
    expect(kept).toMatchObject({
      womanId: centreRecord.woman.id,
      status: 'ended',
      registrationDate: addDays(lmp, 60),
    });
    const { body: dismissedAfter } = await t
      .http()
      .post(`/women/merge-reviews/${review.id}/dismiss`)
      .set(as(centre))
      .send({ note: '太晚' })
      .expect(409);
    expect(dismissedAfter.code).toBe('MERGE_REVIEW_DECIDED');
  });

  it('dismisses a flag of two women with a note', async () => {
    const first = registrationPayload();
    await register(centre, first);
    const sister = registrationPayload({
      woman: { name: first.woman.name, birthDate: first.woman.birthDate },
    });
    const record = await register(hospital, sister);
    const [review] = (await reviewsOf(centre)).filter(
      (r) => r.possibleDuplicateId === record.possibleDuplicates[0].id,
    );
    const dismiss = (body: object) =>
      t.http().post(`/women/merge-reviews/${review.id}/dismiss`).set(as(centre)).send(body);
    expect((await dismiss({ note: '' }).expect(400)).body.details).toEqual([
      expect.objectContaining({ field: 'note' }),
    ]);
    const { body } = await dismiss({ note: '双胞胎姐妹，两人' }).expect(200);
    expect(body).toMatchObject({ status: 'dismissed', decisionNote: '双胞胎姐妹，两人' });
    // The flag's review is settled: asking again by hand is refused.
    await t
      .http()
      .post(`/women/possible-duplicates/${record.possibleDuplicates[0].id}/merge-review`)
      .set(as(hospital))
      .send({ note: '再核实' })
      .expect(409);
  });
});
