import { addDays } from '../src/core/time/calendar-date';
import { tenOClockOn } from './factories/delivery.factory';
import { createStaffedFacility, Staff } from './factories/people.factory';
import { registrationPayload, today } from './factories/registration.factory';
import { auditTrail } from './utils/audit-trail';
import { bearer, loginWith } from './utils/auth';
import { whileFirstHolds } from './utils/lock-waits';
import { createTestApp, TestApp } from './utils/test-app';

/**
 * 转诊 between facilities of the system: the community centre refers an ORANGE woman to the
 * hospital, which receives her (and from then on takes part in her care) or declines, and feeds
 * the result back; results not back in 14 days are on the referring centre's worklist.
 */
describe('care across facilities: referrals', () => {
  let t: TestApp;
  let community: Staff;
  let hospital: Staff;
  let other: Staff;
  let pregnancyId: number;
  let caseId: number;

  const as = (staff: Staff) => bearer(staff.tokens.nurse);
  const refer = (body: Record<string, unknown>) =>
    t.http().post(`/high-risk-cases/${caseId}/referrals`).set(as(community)).send(body);
  const critical = (referredOn: string, toFacilityId = hospital.facility.id) => ({
    referredOn,
    toFacilityId,
    reason: '重度子痫前期，需上级医院监护',
    urgency: 'critical',
    receiverContactedAt: new Date(Date.now() - 60 * 60_000).toISOString(),
    escorted: true,
  });

  beforeAll(async () => {
    t = await createTestApp();
    [community, hospital, other] = [
      await createStaffedFacility(t.dataSource, loginWith(t)),
      await createStaffedFacility(t.dataSource, loginWith(t)),
      await createStaffedFacility(t.dataSource, loginWith(t)),
    ];
    const { body } = await t
      .http()
      .post('/registrations')
      .set(as(community))
      .send(
        registrationPayload({
          pregnancy: { lmp: addDays(today(), -200), registrationDate: addDays(today(), -60) },
        }),
      )
      .expect(201);
    pregnancyId = body.pregnancy.id;
    await t
      .http()
      .post(`/pregnancies/${pregnancyId}/risk-assessments`)
      .set(as(community))
      .send({
        kind: 'registration_screening',
        factorCodes: ['SEVERE_PRE_ECLAMPSIA'],
        assessedOn: addDays(today(), -30),
      })
      .expect(201);
    const { body: cases } = await t
      .http()
      .get('/high-risk-cases')
      .query({ pageSize: 100 })
      .set(as(community))
      .expect(200);
    caseId = cases.items.find((c: { pregnancyId: number }) => c.pregnancyId === pregnancyId).id;
  });

  afterAll(() => t.close());

  it('a nurse finds the receiver in the facilities of the system (the desk’s picker): id, name, level', async () => {
    const { body } = await t.http().get('/facilities').set(as(community)).expect(200);
    expect(body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: hospital.facility.id,
          name: hospital.facility.name,
          level: hospital.facility.level,
        }),
      ]),
    );
  });

  it('a critical referral needs the receiver contacted first and an escort', async () => {
    const { body } = await refer({
      referredOn: today(),
      toFacilityId: hospital.facility.id,
      reason: '重度子痫前期',
      urgency: 'critical',
      escorted: false,
    }).expect(400);
    expect(body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'escorted',
      'receiverContactedAt',
    ]);
    const self = await refer({ ...critical(today()), toFacilityId: community.facility.id }).expect(
      400,
    );
    expect(self.body.details).toEqual([
      expect.objectContaining({ field: 'toFacilityId', rule: 'otherFacility' }),
    ]);
    await refer({ referredOn: today(), reason: '无接收机构' }).expect(400);
  });

  it('the hospital sees what is coming, receives her and from then on takes part in her care', async () => {
    const { body: referral } = await refer(critical(addDays(today(), -1))).expect(201);
    expect(referral).toMatchObject({
      pregnancyId,
      toFacilityId: hospital.facility.id,
      toFacilityName: hospital.facility.name,
      urgency: 'critical',
      escorted: true,
      colourAtReferral: 'orange',
      followUpDueOn: addDays(today(), 13),
      receivedAt: null,
    });

    // Asked, not yet taking part: the hospital sees the referral, not her record.
    await t.http().get(`/pregnancies/${pregnancyId}`).set(as(hospital)).expect(404);
    const { body: episode } = await t
      .http()
      .get(`/pregnancies/${pregnancyId}/participants`)
      .set(as(community))
      .expect(200);
    expect(episode.participants).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          facilityId: hospital.facility.id,
          role: 'examining',
          status: 'proposed',
          startedVia: 'referral',
        }),
      ]),
    );
    const { body: incoming } = await t
      .http()
      .get('/referrals/incoming')
      .set(as(hospital))
      .expect(200);
    expect(incoming.items).toEqual([
      expect.objectContaining({
        id: referral.id,
        pregnancyId,
        fromFacilityId: community.facility.id,
        urgency: 'critical',
        colourAtReferral: 'orange',
      }),
    ]);
    expect(
      (await t.http().get('/referrals/incoming').set(as(other)).expect(200)).body.items,
    ).toEqual([]);

    const receive = (staff: Staff, receivedAt: Date) =>
      t
        .http()
        .post(`/referrals/${referral.id}/receive`)
        .set(as(staff))
        .send({ receivedAt: receivedAt.toISOString() });
    await receive(other, new Date()).expect(404);
    const early = await receive(hospital, new Date(Date.now() - 5 * 86_400_000)).expect(400);
    expect(early.body.details[0]).toMatchObject({ field: 'receivedAt', rule: 'afterReferral' });
    // Received yesterday, recorded today: she takes part from the day she arrived.
    const { body: received } = await receive(hospital, tenOClockOn(addDays(today(), -1))).expect(
      200,
    );
    expect(received.receivedAt).not.toBeNull();
    const { body: joined } = await t
      .http()
      .get(`/pregnancies/${pregnancyId}/participants`)
      .set(as(community))
      .expect(200);
    expect(joined.participants).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          facilityId: hospital.facility.id,
          role: 'examining',
          status: 'active',
          startedOn: addDays(today(), -1),
        }),
      ]),
    );
    expect((await receive(hospital, new Date()).expect(409)).body.code).toBe(
      'REFERRAL_ALREADY_ANSWERED',
    );
    await t.http().get(`/pregnancies/${pregnancyId}`).set(as(hospital)).expect(200);

    // The result goes back to the community centre, once.
    const feedback = (staff: Staff) =>
      t
        .http()
        .post(`/referrals/${referral.id}/feedback`)
        .set(as(staff))
        .send({ followedUpOn: today(), result: '已收住院，血压控制后继续产检' });
    await feedback(community).expect(404);
    await feedback(hospital).expect(200);
    expect((await feedback(hospital).expect(409)).body.code).toBe('REFERRAL_ALREADY_FOLLOWED_UP');
    const { body: detail } = await t
      .http()
      .get(`/high-risk-cases/${caseId}`)
      .set(as(community))
      .expect(200);
    expect(detail.referrals).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: referral.id,
          resultFollowedUpOn: today(),
          result: '已收住院，血压控制后继续产检',
        }),
      ]),
    );
    const trail = await auditTrail(t.dataSource, 'referral', referral.id);
    expect(trail.map((entry) => entry.action)).toEqual(['create', 'update', 'update']);
  });

  it('a receiver that cannot take her declines, and takes no part', async () => {
    const { body: referral } = await refer({
      referredOn: today(),
      toFacilityId: other.facility.id,
      reason: '产前检查发现胎儿生长受限',
      urgency: 'urgent',
      escorted: false,
    }).expect(201);
    const { body: declined } = await t
      .http()
      .post(`/referrals/${referral.id}/decline`)
      .set(as(other))
      .send({ note: '本院无NICU床位，建议转至市妇幼' })
      .expect(200);
    expect(declined).toMatchObject({ declineNote: '本院无NICU床位，建议转至市妇幼' });
    const { body: episode } = await t
      .http()
      .get(`/pregnancies/${pregnancyId}/participants`)
      .set(as(community))
      .expect(200);
    expect(episode.participants).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ facilityId: other.facility.id, status: 'declined' }),
      ]),
    );
    await t.http().get(`/pregnancies/${pregnancyId}`).set(as(other)).expect(404);
  });

  it('a result not back 14 days after the referral is on the worklist from day 15', async () => {
    const dueToday = (await refer(critical(addDays(today(), -14))).expect(201)).body;
    const overdue = (await refer(critical(addDays(today(), -15))).expect(201)).body;
    const { body } = await t
      .http()
      .get('/worklists/referrals-awaiting-feedback')
      .set(as(community))
      .expect(200);
    const listed = body.items.map((item: { id: number }) => item.id);
    expect(listed).toContain(overdue.id);
    expect(listed).not.toContain(dueToday.id);
    expect(body.items.find((item: { id: number }) => item.id === overdue.id)).toMatchObject({
      followUpDueOn: addDays(today(), -1),
      daysOverdue: 1,
      toFacilityName: hospital.facility.name,
    });
    const { body: elsewhere } = await t
      .http()
      .get('/worklists/referrals-awaiting-feedback')
      .set(as(hospital))
      .expect(200);
    expect(elsewhere.items).toEqual([]);
  });

  it('a referral sent twice at once to the same receiver asks it once to take part', async () => {
    const receiver = await createStaffedFacility(t.dataSource, loginWith(t));
    const { body } = await t
      .http()
      .post('/registrations')
      .set(as(community))
      .send(
        registrationPayload({
          pregnancy: { lmp: addDays(today(), -200), registrationDate: addDays(today(), -10) },
        }),
      )
      .expect(201);
    await t
      .http()
      .post(`/pregnancies/${body.pregnancy.id}/risk-assessments`)
      .set(as(community))
      .send({ kind: 'registration_screening', factorCodes: ['SEVERE_PRE_ECLAMPSIA'] })
      .expect(201);
    const { body: cases } = await t
      .http()
      .get('/high-risk-cases')
      .query({ pageSize: 100 })
      .set(as(community))
      .expect(200);
    const { id } = cases.items.find(
      (c: { pregnancyId: number }) => c.pregnancyId === body.pregnancy.id,
    );
    const send = () =>
      t
        .http()
        .post(`/high-risk-cases/${id}/referrals`)
        .set(as(community))
        .send(critical(today(), receiver.facility.id));
    // The first holds her while it waits at its first audit row; the second is sent then.
    const [first, second] = await whileFirstHolds(t.dataSource, send, send);
    expect([first.status, second.status]).toEqual([201, 201]);
    const asked = await t.dataSource.query(
      `SELECT status FROM episode_participant WHERE pregnancy_id = ? AND facility_id = ?`,
      [body.pregnancy.id, receiver.facility.id],
    );
    expect(asked).toEqual([{ status: 'proposed' }]);
  });
});
