import { addDays } from '../src/core/time/calendar-date';
import { createStaffedFacility, Staff } from './factories/people.factory';
import { registrationPayload, today } from './factories/registration.factory';
import { auditTrail } from './utils/audit-trail';
import { bearer, loginWith } from './utils/auth';
import { whileFirstHolds } from './utils/lock-waits';
import { joinEpisode } from './utils/episodes';
import { createTestApp, TestApp } from './utils/test-app';

/**
 * 迁入/迁出: the community centre that manages her hands her over to the centre of her new home,
 * which returns it (wrong district); the new centre then asks to take her in by her handbook and
 * the old one confirms: the new centre manages her, with her earlier visits, and the hospital
 * caring for her is told. A request is withdrawn by the side that made it.
 */
describe('care across facilities: transfers of her management', () => {
  let t: TestApp;
  let oldCentre: Staff;
  let newCentre: Staff;
  let hospital: Staff;
  let outsider: Staff;
  let woman: Record<string, string>;
  let pregnancyId: number;
  let visitId: number;

  const as = (staff: Staff) => bearer(staff.tokens.nurse);
  const grounds = {
    reason: '孕妇迁居至城西街道，转由城西社区管理',
    legalBasis: 'statutory_duty',
    womanInformed: true,
  };
  const request = (staff: Staff, body: Record<string, unknown>) =>
    t.http().post(`/pregnancies/${pregnancyId}/transfers`).set(as(staff)).send(body);
  const pending = async (staff: Staff, status = 'pending') =>
    (await t.http().get('/transfers').query({ status }).set(as(staff)).expect(200)).body;
  const participants = async (staff: Staff) =>
    (await t.http().get(`/pregnancies/${pregnancyId}/participants`).set(as(staff)).expect(200))
      .body;
  const caseOf = async (staff: Staff) =>
    (
      await t.http().get('/high-risk-cases').query({ pageSize: 100 }).set(as(staff)).expect(200)
    ).body.items.find((c: { pregnancyId: number }) => c.pregnancyId === pregnancyId);
  const overdueIds = async (staff: Staff) =>
    (
      await t
        .http()
        .get('/worklists/overdue-visits')
        .query({ pageSize: 100 })
        .set(as(staff))
        .expect(200)
    ).body.items.map((item: { pregnancyId: number }) => item.pregnancyId);

  beforeAll(async () => {
    t = await createTestApp();
    [oldCentre, newCentre, hospital, outsider] = [
      await createStaffedFacility(t.dataSource, loginWith(t)),
      await createStaffedFacility(t.dataSource, loginWith(t)),
      await createStaffedFacility(t.dataSource, loginWith(t)),
      await createStaffedFacility(t.dataSource, loginWith(t)),
    ];
    const payload = registrationPayload({
      pregnancy: { lmp: addDays(today(), -165), registrationDate: addDays(today(), -90) },
    });
    woman = payload.woman as Record<string, string>;
    const { body } = await t
      .http()
      .post('/registrations')
      .set(as(oldCentre))
      .send(payload)
      .expect(201);
    pregnancyId = body.pregnancy.id;
    visitId = (
      await t
        .http()
        .post(`/pregnancies/${pregnancyId}/visits`)
        .set(as(oldCentre))
        .send({ visitDate: addDays(today(), -80), weightKg: 58 })
        .expect(201)
    ).body.id;
    await t
      .http()
      .post(`/pregnancies/${pregnancyId}/risk-assessments`)
      .set(as(oldCentre))
      .send({
        kind: 'registration_screening',
        factorCodes: ['SEVERE_PRE_ECLAMPSIA'],
        assessedOn: addDays(today(), -30),
      })
      .expect(201);
    await joinEpisode(t, hospital, woman).expect(200);
  });

  afterAll(() => t.close());

  it('only her manager hands her over, to another facility of the system', async () => {
    const missing = await request(oldCentre, { ...grounds, direction: 'hand_over' }).expect(400);
    expect(missing.body.details).toEqual([
      expect.objectContaining({ field: 'toFacilityId', rule: 'requiredToHandOver' }),
    ]);
    const self = await request(oldCentre, {
      ...grounds,
      direction: 'hand_over',
      toFacilityId: oldCentre.facility.id,
    }).expect(400);
    expect(self.body.details).toEqual([
      expect.objectContaining({ field: 'toFacilityId', rule: 'otherFacility' }),
    ]);
    const invalid = await request(oldCentre, { direction: 'away', legalBasis: 'x' }).expect(400);
    expect(
      [...new Set(invalid.body.details.map((d: { field: string }) => d.field))].sort(),
    ).toEqual(['direction', 'legalBasis', 'reason', 'womanInformed']);
    const notManager = await request(hospital, {
      ...grounds,
      direction: 'hand_over',
      toFacilityId: newCentre.facility.id,
    }).expect(409);
    expect(notManager.body.code).toBe('NOT_MANAGING');
    const manager = await request(oldCentre, { ...grounds, direction: 'take_in' }).expect(409);
    expect(manager.body.code).toBe('ALREADY_PARTICIPANT');
    await request(outsider, { ...grounds, direction: 'take_in' }).expect(404);
  });

  it('a hand-over is pending until the other side answers; returned, nothing moves', async () => {
    const { body: transfer } = await request(oldCentre, {
      ...grounds,
      direction: 'hand_over',
      toFacilityId: newCentre.facility.id,
    }).expect(201);
    expect(transfer).toMatchObject({
      pregnancyId,
      direction: 'hand_over',
      fromFacilityId: oldCentre.facility.id,
      toFacilityId: newCentre.facility.id,
      answeringFacilityId: newCentre.facility.id,
      status: 'pending',
      ageDays: 0,
    });

    // Asked, not yet managing: the new centre sees the request and her name, not her record.
    await t.http().get(`/pregnancies/${pregnancyId}`).set(as(newCentre)).expect(404);
    const incoming = await pending(newCentre);
    expect(incoming.items).toEqual([
      expect.objectContaining({ id: transfer.id, name: woman.name, ageDays: 0 }),
    ]);
    expect((await pending(oldCentre)).items.map((i: { id: number }) => i.id)).toEqual([
      transfer.id,
    ]);
    expect((await pending(outsider)).items).toEqual([]);
    const [listed] = (
      await t.dataSource.query<Array<{ after: string }>>(
        "SELECT after FROM audit_entry WHERE entity = 'episode_transfer' AND action = 'view_shared' AND facility_id = ?",
        [newCentre.facility.id],
      )
    ).map((row) => row.after);
    expect(listed).toBeDefined();

    const twice = await request(oldCentre, {
      ...grounds,
      direction: 'hand_over',
      toFacilityId: hospital.facility.id,
    }).expect(409);
    expect(twice.body.code).toBe('TRANSFER_PENDING');
    const own = await t
      .http()
      .post(`/transfers/${transfer.id}/confirm`)
      .set(as(oldCentre))
      .send({})
      .expect(409);
    expect(own.body.code).toBe('TRANSFER_NOT_ANSWERABLE');
    await t.http().post(`/transfers/${transfer.id}/confirm`).set(as(outsider)).send({}).expect(404);
    await t.http().post(`/transfers/${transfer.id}/return`).set(as(newCentre)).send({}).expect(400);

    const { body: returned } = await t
      .http()
      .post(`/transfers/${transfer.id}/return`)
      .set(as(newCentre))
      .send({ note: '该地址不属本中心辖区，请转城北社区' })
      .expect(200);
    expect(returned).toMatchObject({
      status: 'returned',
      answerNote: '该地址不属本中心辖区，请转城北社区',
    });
    expect(returned.answeredAt).not.toBeNull();
    await t
      .http()
      .post(`/transfers/${transfer.id}/confirm`)
      .set(as(newCentre))
      .send({})
      .expect(409);
    const episode = await participants(oldCentre);
    expect(episode.managingFacilityId).toBe(oldCentre.facility.id);
    expect(episode.participants).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          facilityId: newCentre.facility.id,
          role: 'managing',
          status: 'declined',
        }),
      ]),
    );
    expect((await pending(oldCentre, 'returned')).items).toEqual([
      expect.objectContaining({ id: transfer.id }),
    ]);
  });

  it('a take-in by her handbook, confirmed: the new centre manages her with her earlier visits', async () => {
    const identity = {
      documentType: woman.documentType,
      documentNumber: woman.documentNumber,
      name: woman.name,
      birthDate: woman.birthDate,
    };
    const wrong = await t
      .http()
      .post('/transfers/take-in')
      .set(as(newCentre))
      .send({ ...identity, ...grounds, name: `${woman.name}甲` })
      .expect(404);
    expect(wrong.body.code).toBe('EPISODE_NOT_FOUND');
    const { body: transfer } = await t
      .http()
      .post('/transfers/take-in')
      .set(as(newCentre))
      .send({ ...identity, ...grounds })
      .expect(201);
    expect(transfer).toMatchObject({
      direction: 'take_in',
      fromFacilityId: oldCentre.facility.id,
      toFacilityId: newCentre.facility.id,
      answeringFacilityId: oldCentre.facility.id,
    });

    // Pending three days: its age is shown to both sides.
    await t.dataSource.query(
      'UPDATE episode_transfer SET requested_at = requested_at - INTERVAL 3 DAY WHERE id = ?',
      [transfer.id],
    );
    for (const side of [oldCentre, newCentre]) {
      expect((await pending(side)).items).toEqual([
        expect.objectContaining({ id: transfer.id, ageDays: 3 }),
      ]);
    }
    // Her second visit is overdue: she is on the manager's worklist; her case is the manager's.
    expect(await overdueIds(oldCentre)).toContain(pregnancyId);
    expect(await caseOf(oldCentre)).toMatchObject({ status: 'open' });

    const { body: confirmed } = await t
      .http()
      .post(`/transfers/${transfer.id}/confirm`)
      .set(as(oldCentre))
      .send({ note: '已移交保健手册' })
      .expect(200);
    expect(confirmed).toMatchObject({ status: 'confirmed', answerNote: '已移交保健手册' });

    const { body: pregnancy } = await t
      .http()
      .get(`/pregnancies/${pregnancyId}`)
      .set(as(newCentre))
      .expect(200);
    expect(pregnancy.facilityId).toBe(newCentre.facility.id);
    // She is still counted as registered where she was registered.
    const [registered] = await t.dataSource.query<Array<{ registering_facility_id: number }>>(
      'SELECT registering_facility_id FROM pregnancy WHERE id = ?',
      [pregnancyId],
    );
    expect(registered.registering_facility_id).toBe(oldCentre.facility.id);
    const { body: visits } = await t
      .http()
      .get(`/pregnancies/${pregnancyId}/visits`)
      .set(as(newCentre))
      .expect(200);
    expect(visits.map((v: { id: number }) => v.id)).toContain(visitId);
    expect(await overdueIds(newCentre)).toContain(pregnancyId);
    expect(await overdueIds(oldCentre)).not.toContain(pregnancyId);

    // The old centre's management ended, and with it its access.
    const episode = await participants(newCentre);
    expect(episode.managingFacilityId).toBe(newCentre.facility.id);
    expect(
      episode.participants
        .filter((p: { facilityId: number }) => p.facilityId === oldCentre.facility.id)
        .map((p: { role: string; status: string; endedOn: string }) => [
          p.role,
          p.status,
          p.endedOn,
        ]),
    ).toEqual([
      ['registering', 'ended', today()],
      ['managing', 'ended', today()],
    ]);
    expect(episode.participants).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          facilityId: newCentre.facility.id,
          role: 'managing',
          status: 'active',
          startedVia: 'transfer',
        }),
      ]),
    );
    await t.http().get(`/pregnancies/${pregnancyId}`).set(as(oldCentre)).expect(404);

    // Her open high-risk case goes with her, for the new centre to name its clinician.
    expect(await caseOf(oldCentre)).toBeUndefined();
    expect(await caseOf(newCentre)).toMatchObject({ status: 'open', responsibleClinicianId: null });

    // The hospital caring for her is told who manages her now.
    const { body: notices } = await t
      .http()
      .get('/episode-notices')
      .query({ unread: true })
      .set(as(hospital))
      .expect(200);
    expect(notices.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          pregnancyId,
          kind: 'manager_changed',
          aboutFacilityId: newCentre.facility.id,
          role: 'managing',
        }),
      ]),
    );
    const changes = await auditTrail(t.dataSource, 'pregnancy', pregnancyId);
    expect(changes.find((entry) => entry.action === 'update')).toMatchObject({
      before: { facilityId: oldCentre.facility.id },
      after: { facilityId: newCentre.facility.id },
      facilityId: oldCentre.facility.id,
    });
  });

  it('the side that asked withdraws its request; a withdrawn request is answered no more', async () => {
    const { body: transfer } = await request(hospital, { ...grounds, direction: 'take_in' }).expect(
      201,
    );
    expect(transfer.answeringFacilityId).toBe(newCentre.facility.id);
    await t.http().post(`/transfers/${transfer.id}/withdraw`).set(as(newCentre)).expect(409);
    const { body: withdrawn } = await t
      .http()
      .post(`/transfers/${transfer.id}/withdraw`)
      .set(as(hospital))
      .expect(200);
    expect(withdrawn.status).toBe('withdrawn');
    const late = await t
      .http()
      .post(`/transfers/${transfer.id}/confirm`)
      .set(as(newCentre))
      .send({})
      .expect(409);
    expect(late.body.code).toBe('TRANSFER_NOT_ANSWERABLE');
    expect((await participants(newCentre)).managingFacilityId).toBe(newCentre.facility.id);
  });

  it('a case opened while the hand-over is being confirmed moves with her to the new manager', async () => {
    const { body } = await t
      .http()
      .post('/registrations')
      .set(as(oldCentre))
      .send(
        registrationPayload({
          pregnancy: { lmp: addDays(today(), -150), registrationDate: addDays(today(), -60) },
        }),
      )
      .expect(201);
    const id = body.pregnancy.id;
    await t
      .http()
      .post(`/pregnancies/${id}/risk-assessments`)
      .set(as(oldCentre))
      .send({ kind: 'registration_screening', factorCodes: [] })
      .expect(201);
    const { body: transfer } = await t
      .http()
      .post(`/pregnancies/${id}/transfers`)
      .set(as(oldCentre))
      .send({ ...grounds, direction: 'hand_over', toFacilityId: newCentre.facility.id })
      .expect(201);
    // A visit grading her ORANGE at the old centre holds her while it waits at its first audit
    // row; the new centre confirms then.
    const [severe, confirmed] = await whileFirstHolds(
      t.dataSource,
      () =>
        t
          .http()
          .post(`/pregnancies/${id}/visits`)
          .set(as(oldCentre))
          .send({ visitDate: today(), haemoglobinGL: 59 }),
      () => t.http().post(`/transfers/${transfer.id}/confirm`).set(as(newCentre)).send({}),
    );
    expect(severe.status).toBe(201);
    expect(confirmed.status).toBe(200);
    const cases = await t.dataSource.query(
      'SELECT facility_id, status FROM high_risk_case WHERE pregnancy_id = ?',
      [id],
    );
    expect(cases).toEqual([{ facility_id: newCentre.facility.id, status: 'open' }]);
  });
});
