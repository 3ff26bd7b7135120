import { AuditEntry } from '../src/core/audit/audit-entry.entity';
import { addDays } from '../src/core/time/calendar-date';
import { deliveryPayload, tenOClockOn } from './factories/delivery.factory';
import { createStaffedFacility, Staff } from './factories/people.factory';
import { registrationPayload, today } from './factories/registration.factory';
import { auditTrail } from './utils/audit-trail';
import { bearer, loginWith } from './utils/auth';
import { whileFirstHolds } from './utils/lock-waits';
import { joinEpisode } from './utils/episodes';
import { createTestApp, TestApp } from './utils/test-app';

/**
 * 两个系统管理: the community centre registers her, a hospital where she presents herself joins
 * her episode by her document, name and birth date, and from then on both read and write it;
 * a facility that takes no part finds nothing.
 */
describe('care across facilities: the shared episode', () => {
  let t: TestApp;
  let community: Staff;
  let hospital: Staff;
  let outsider: Staff;
  let woman: Record<string, string>;
  let pregnancyId: number;

  const as = (staff: Staff, role: keyof Staff['tokens'] = 'nurse') => bearer(staff.tokens[role]);
  const join = (staff: Staff, overrides: Record<string, unknown> = {}) =>
    joinEpisode(t, staff, woman, 'examining', { note: '孕妇持保健手册来院产检', ...overrides });
  const sharedReads = async (staff: Staff) =>
    (
      await t.dataSource.getRepository(AuditEntry).findBy({
        entity: 'pregnancy',
        entityId: String(pregnancyId),
        action: 'view_shared',
        facilityId: staff.facility.id,
      })
    ).length;

  beforeAll(async () => {
    t = await createTestApp();
    [community, hospital, outsider] = [
      await createStaffedFacility(t.dataSource, loginWith(t)),
      await createStaffedFacility(t.dataSource, loginWith(t)),
      await createStaffedFacility(t.dataSource, loginWith(t)),
    ];
    const payload = registrationPayload({
      pregnancy: { lmp: addDays(today(), -120), registrationDate: addDays(today(), -60) },
    });
    woman = payload.woman as Record<string, string>;
    const { body } = await t
      .http()
      .post('/registrations')
      .set(as(community))
      .send(payload)
      .expect(201);
    pregnancyId = body.pregnancy.id;
  });

  afterAll(() => t.close());

  it('registration makes the facility her registering and managing participant', async () => {
    const { body } = await t
      .http()
      .get(`/pregnancies/${pregnancyId}/participants`)
      .set(as(community))
      .expect(200);
    expect(body).toMatchObject({ pregnancyId, managingFacilityId: community.facility.id });
    expect(body.participants).toEqual([
      expect.objectContaining({
        facilityId: community.facility.id,
        facilityName: community.facility.name,
        role: 'registering',
        status: 'active',
        startedVia: 'registration',
        legalBasis: 'statutory_duty',
      }),
      expect.objectContaining({ facilityId: community.facility.id, role: 'managing' }),
    ]);
  });

  it('a facility that takes no part finds nothing of her episode', async () => {
    for (const path of [
      `/pregnancies/${pregnancyId}`,
      `/pregnancies/${pregnancyId}/visits`,
      `/pregnancies/${pregnancyId}/participants`,
      `/pregnancies/${pregnancyId}/risk-assessments`,
    ]) {
      const { body } = await t.http().get(path).set(as(hospital)).expect(404);
      expect(body.code).toBe('PREGNANCY_NOT_FOUND');
    }
    await t
      .http()
      .post(`/pregnancies/${pregnancyId}/visits`)
      .set(as(hospital))
      .send({ visitDate: today() })
      .expect(404);
    const { body: search } = await t
      .http()
      .get('/pregnancies')
      .query({ documentNumber: woman.documentNumber })
      .set(as(hospital))
      .expect(200);
    expect(search.items).toEqual([]);
  });

  it('joining needs her document, name and birth date together, and answers alike when any differs', async () => {
    const wrongName = await join(hospital, { name: `${woman.name}甲` }).expect(404);
    const wrongBirth = await join(hospital, { birthDate: addDays(woman.birthDate, 1) }).expect(404);
    const unknown = await join(hospital, { documentNumber: '110105199001010011' }).expect(404);
    for (const answer of [wrongName, wrongBirth, unknown]) {
      expect({ code: answer.body.code, message: answer.body.message }).toEqual({
        code: 'EPISODE_NOT_FOUND',
        message: wrongName.body.message,
      });
    }
    const invalid = await join(hospital, { role: 'managing', legalBasis: 'curiosity' }).expect(400);
    expect(invalid.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'legalBasis',
      'role',
    ]);
    await join(outsider, { role: 'examining' }).expect(200);
    await t.http().post('/episodes/join').set(as(hospital, 'statistician')).send({}).expect(403);
  });

  it('a hospital where she presents herself joins, audited, and the others are told', async () => {
    const { body } = await join(hospital).expect(200);
    expect(body.participants).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          facilityId: hospital.facility.id,
          role: 'examining',
          status: 'active',
          startedVia: 'self_presented',
          legalBasis: 'statutory_duty',
          womanInformed: true,
        }),
      ]),
    );
    const again = await join(hospital).expect(409);
    expect(again.body.code).toBe('ALREADY_PARTICIPANT');
    const joined = body.participants.find(
      (p: { facilityId: number }) => p.facilityId === hospital.facility.id,
    );
    const [created] = await auditTrail(t.dataSource, 'episode_participant', joined.id);
    expect(created).toMatchObject({ action: 'create', facilityId: hospital.facility.id });
    expect(created.after).toMatchObject({
      pregnancyId,
      role: 'examining',
      startedVia: 'self_presented',
    });

    // The community centre is told (the outsider joined first and is told too).
    const { body: notices } = await t
      .http()
      .get('/episode-notices')
      .query({ unread: true })
      .set(as(community))
      .expect(200);
    expect(notices.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          pregnancyId,
          kind: 'participant_joined',
          aboutFacilityId: hospital.facility.id,
          aboutFacilityName: hospital.facility.name,
          role: 'examining',
          readAt: null,
        }),
      ]),
    );
    const notice = notices.items.find(
      (n: { aboutFacilityId: number }) => n.aboutFacilityId === hospital.facility.id,
    );
    await t.http().post(`/episode-notices/${notice.id}/read`).set(as(hospital)).expect(404);
    await t.http().post(`/episode-notices/${notice.id}/read`).set(as(community)).expect(204);
    const { body: unread } = await t
      .http()
      .get('/episode-notices')
      .query({ unread: true })
      .set(as(community))
      .expect(200);
    expect(unread.items.map((n: { id: number }) => n.id)).not.toContain(notice.id);
  });

  it('a participant reads and writes her episode; its reads are audited, the manager’s are not', async () => {
    const [hospitalBefore, communityBefore] = [
      await sharedReads(hospital),
      await sharedReads(community),
    ];
    await t.http().get(`/pregnancies/${pregnancyId}`).set(as(hospital)).expect(200);
    const { body: hospitalVisit } = await t
      .http()
      .post(`/pregnancies/${pregnancyId}/visits`)
      .set(as(hospital))
      .send({ visitDate: addDays(today(), -1), weightKg: 62.5 })
      .expect(201);
    await t
      .http()
      .post(`/pregnancies/${pregnancyId}/visits`)
      .set(as(community))
      .send({ visitDate: addDays(today(), -20) })
      .expect(201);

    // Each visit carries the facility that made it; both see both.
    const [row] = await t.dataSource.query<Array<{ facility_id: number }>>(
      'SELECT facility_id FROM antenatal_visit WHERE id = ?',
      [hospitalVisit.id],
    );
    expect(Number(row.facility_id)).toBe(hospital.facility.id);
    for (const staff of [community, hospital]) {
      const { body } = await t
        .http()
        .get(`/pregnancies/${pregnancyId}/visits`)
        .set(as(staff))
        .expect(200);
      expect(body).toHaveLength(2);
    }
    expect(await sharedReads(hospital)).toBe(hospitalBefore + 2);
    expect(await sharedReads(community)).toBe(communityBefore);
    const [read] = (
      await t.dataSource.getRepository(AuditEntry).find({
        where: {
          entity: 'pregnancy',
          entityId: String(pregnancyId),
          action: 'view_shared',
          facilityId: hospital.facility.id,
        },
        order: { id: 'DESC' },
        take: 1,
      })
    ).map((entry) => entry.after);
    expect(read).toEqual({ view: 'visits', roles: ['examining'] });

    // A record is corrected by the facility that made it.
    await t
      .http()
      .patch(`/visits/${hospitalVisit.id}`)
      .set(as(community))
      .send({ version: 1, weightKg: 63 })
      .expect(404);

    const { body: search } = await t
      .http()
      .get('/pregnancies')
      .query({ documentNumber: woman.documentNumber })
      .set(as(hospital))
      .expect(200);
    expect(search.items.map((p: { id: number }) => p.id)).toEqual([pregnancyId]);
  });

  it('the hospital that records her delivery holds it and takes the delivering role', async () => {
    const { body: delivery } = await t
      .http()
      .post(`/pregnancies/${pregnancyId}/delivery`)
      .set(as(hospital))
      .send(
        deliveryPayload(tenOClockOn(today()), {
          mode: 'caesarean',
          caesareanIndication: 'fetal_distress',
        }),
      )
      .expect(201);
    const [row] = await t.dataSource.query<Array<{ facility_id: number }>>(
      'SELECT facility_id FROM delivery WHERE id = ?',
      [delivery.id],
    );
    expect(Number(row.facility_id)).toBe(hospital.facility.id);
    const { body: episode } = await t
      .http()
      .get(`/pregnancies/${pregnancyId}/participants`)
      .set(as(community))
      .expect(200);
    expect(episode.participants).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          facilityId: hospital.facility.id,
          role: 'delivering',
          startedVia: 'self_presented',
        }),
      ]),
    );
    // The managing centre sees the delivery and the baby.
    await t.http().get(`/pregnancies/${pregnancyId}/delivery`).set(as(community)).expect(200);
    await t.http().get(`/newborns/${delivery.newborns[0].id}`).set(as(community)).expect(200);
  });

  it('a join sent twice at once takes part once: the second is told she is already in care there', async () => {
    const payload = registrationPayload({
      pregnancy: { lmp: addDays(today(), -100), registrationDate: addDays(today(), -30) },
    });
    await t.http().post('/registrations').set(as(community)).send(payload).expect(201);
    const send = () => joinEpisode(t, outsider, payload.woman);
    // The first holds her while it waits at its first audit row; the second is sent then.
    const [first, second] = await whileFirstHolds(t.dataSource, send, send);
    expect([first.status, second.status]).toEqual([200, 409]);
    expect(second.body.code).toBe('ALREADY_PARTICIPANT');
  });
});
