import { addDays } from '../src/core/time/calendar-date';
import { baby, deliveryPayload, tenOClockOn } from './factories/delivery.factory';
import { createStaffedFacility, createSystemAdmin, Staff } from './factories/people.factory';
import { registrationPayload, today } from './factories/registration.factory';
import { bearer, loginWith } from './utils/auth';
import { whileFirstHolds } from './utils/lock-waits';
import { createTestApp, TestApp } from './utils/test-app';

/**
 * 分娩信息: the hospital that delivers her tells the community centre serving her 产休地 (the
 * longest service-area code that matches), which acknowledges and visits her within 7 days of
 * discharge, or 3 days of the notice for a high-risk newborn. A notice no centre serves is routed
 * by hand; one not acknowledged in 24 hours is chased.
 */
describe('care across facilities: delivery notices', () => {
  let t: TestApp;
  let admin: string;
  let hospital: Staff;
  let street: Staff;
  let community: Staff;
  let elsewhere: Staff;

  const as = (staff: Staff) => bearer(staff.tokens.nurse);
  const facilityAdmin = (staff: Staff) => bearer(staff.tokens.admin);
  const makeCentre = async (staff: Staff, serviceAreas: string[], status = 200) => {
    const { body: facility } = await t
      .http()
      .get(`/facilities/${staff.facility.id}`)
      .set(bearer(admin))
      .expect(200);
    await t
      .http()
      .patch(`/facilities/${staff.facility.id}`)
      .set(bearer(admin))
      .send({ kind: 'community_centre', version: facility.version })
      .expect(200);
    const { body } = await t
      .http()
      .put(`/facilities/${staff.facility.id}/service-areas`)
      .set(bearer(admin))
      .send({ serviceAreas })
      .expect(status);
    return body;
  };
  /** Registered at the hospital, delivered there `daysAgo` days ago at 10:00 with `babies`. */
  const delivered = async (
    postpartumRegionCode: string,
    daysAgo = 1,
    babies = [baby()],
  ): Promise<{ pregnancyId: number; delivery: { id: number; version: number } }> => {
    const { body } = await t
      .http()
      .post('/registrations')
      .set(as(hospital))
      .send(
        registrationPayload({
          woman: { residenceRegionCode: '330106' },
          pregnancy: {
            lmp: addDays(today(), -280),
            registrationDate: addDays(today(), -200),
            postpartumRegionCode,
          },
        }),
      )
      .expect(201);
    const { body: delivery } = await t
      .http()
      .post(`/pregnancies/${body.pregnancy.id}/delivery`)
      .set(as(hospital))
      .send(deliveryPayload(tenOClockOn(addDays(today(), -daysAgo)), { babies }))
      .expect(201);
    return { pregnancyId: body.pregnancy.id, delivery };
  };
  const noticeOf = async (staff: Staff, pregnancyId: number, box = 'incoming') => {
    const { body } = await t
      .http()
      .get('/delivery-notices')
      .query({ box, pageSize: 100 })
      .set(as(staff))
      .expect(200);
    return body.items.find((n: { pregnancyId: number }) => n.pregnancyId === pregnancyId);
  };
  const listed = async (staff: Staff, path: string) =>
    (await t.http().get(path).query({ pageSize: 100 }).set(as(staff)).expect(200)).body.items.map(
      (n: { pregnancyId: number }) => n.pregnancyId,
    );
  const discharge = (delivery: { id: number; version: number }, at: Date) =>
    t
      .http()
      .patch(`/deliveries/${delivery.id}`)
      .set(as(hospital))
      .send({ version: delivery.version, motherDischargedAt: at.toISOString() })
      .expect(200);

  beforeAll(async () => {
    t = await createTestApp();
    admin = (await createSystemAdmin(t.dataSource, loginWith(t))).token;
    [hospital, street, community, elsewhere] = [
      await createStaffedFacility(t.dataSource, loginWith(t)),
      await createStaffedFacility(t.dataSource, loginWith(t)),
      await createStaffedFacility(t.dataSource, loginWith(t)),
      await createStaffedFacility(t.dataSource, loginWith(t)),
    ];
    await makeCentre(street, ['330106007']);
    await makeCentre(community, ['330106007001']);
  });

  afterAll(() => t.close());

  it('a community centre serves its region codes, each code one centre, set by a system admin', async () => {
    const { body: facility } = await t
      .http()
      .get(`/facilities/${community.facility.id}`)
      .set(as(community))
      .expect(200);
    expect(facility).toMatchObject({ kind: 'community_centre', serviceAreas: ['330106007001'] });
    const taken = await t
      .http()
      .put(`/facilities/${elsewhere.facility.id}/service-areas`)
      .set(bearer(admin))
      .send({ serviceAreas: ['330106007'] })
      .expect(400);
    expect(taken.body.details).toEqual([
      expect.objectContaining({ field: 'serviceAreas', rule: 'communityCentre' }),
    ]);
    const twice = await makeCentre(elsewhere, ['330106007', '330106009'], 409);
    expect(twice).toMatchObject({ code: 'SERVICE_AREA_TAKEN' });
    expect(twice.details).toHaveLength(1);
    await t
      .http()
      .put(`/facilities/${community.facility.id}/service-areas`)
      .set(facilityAdmin(community))
      .send({ serviceAreas: ['330106'] })
      .expect(403);
    const invalid = await t
      .http()
      .put(`/facilities/${community.facility.id}/service-areas`)
      .set(bearer(admin))
      .send({ serviceAreas: ['3301060071'] })
      .expect(400);
    expect(invalid.body.details[0].field).toBe('serviceAreas');
  });

  it('the notice goes to the centre of the longest matching code, which sees her only once it acknowledges', async () => {
    const { pregnancyId, delivery } = await delivered('330106007001');
    const notice = await noticeOf(community, pregnancyId);
    expect(notice).toMatchObject({
      status: 'sent',
      targetFacilityId: community.facility.id,
      fromFacilityId: hospital.facility.id,
      regionCode: '330106007001',
      highRiskNewborn: false,
      highRiskReasons: [],
      babies: [expect.objectContaining({ birthOrder: 1, birthWeightG: 3250 })],
      visitDueOn: null,
    });
    expect(notice.name).toEqual(expect.any(String));
    expect(await noticeOf(street, pregnancyId)).toBeUndefined();
    await t.http().get(`/pregnancies/${pregnancyId}`).set(as(community)).expect(404);
    await t.http().post(`/delivery-notices/${notice.id}/acknowledge`).set(as(street)).expect(404);

    const { body: acknowledged } = await t
      .http()
      .post(`/delivery-notices/${notice.id}/acknowledge`)
      .set(as(community))
      .expect(200);
    expect(acknowledged).toMatchObject({ status: 'acknowledged', visitDueOn: null });
    await t
      .http()
      .post(`/delivery-notices/${notice.id}/acknowledge`)
      .set(as(community))
      .expect(409);
    await t.http().get(`/pregnancies/${pregnancyId}`).set(as(community)).expect(200);
    await t.http().get(`/pregnancies/${pregnancyId}/delivery`).set(as(community)).expect(200);
    await t
      .http()
      .get(`/pregnancies/${pregnancyId}/postpartum-contacts`)
      .set(as(community))
      .expect(200);
    // Her visiting centre sees the birth and after, not her antenatal care.
    for (const path of ['visits', 'schedule', 'folic-acid-summary', 'contact-attempts']) {
      const { body } = await t
        .http()
        .get(`/pregnancies/${pregnancyId}/${path}`)
        .set(as(community))
        .expect(404);
      expect([path, body.code]).toEqual([path, 'PREGNANCY_NOT_FOUND']);
    }
    await t
      .http()
      .get(`/pregnancies/${pregnancyId}/risk-assessments`)
      .set(as(community))
      .expect(200);

    // Discharged today: the visit falls due in 7 days.
    await discharge(delivery, new Date(Date.now() - 60_000));
    expect((await noticeOf(community, pregnancyId)).visitDueOn).toBe(addDays(today(), 7));
  });

  it('a notice acknowledged while her discharge is being recorded falls due 7 days after it', async () => {
    const { pregnancyId, delivery } = await delivered('330106007001');
    const notice = await noticeOf(community, pregnancyId);
    // The discharge holds her while it waits at its first audit row; the acknowledgement is
    // sent then.
    const [discharged, acknowledged] = await whileFirstHolds(
      t.dataSource,
      () =>
        t
          .http()
          .patch(`/deliveries/${delivery.id}`)
          .set(as(hospital))
          .send({ version: delivery.version, motherDischargedAt: new Date().toISOString() }),
      () => t.http().post(`/delivery-notices/${notice.id}/acknowledge`).set(as(community)),
    );
    expect(discharged.status).toBe(200);
    expect(acknowledged.status).toBe(200);
    expect((await noticeOf(community, pregnancyId)).visitDueOn).toBe(addDays(today(), 7));
  });

  it('the visit is due 7 days after discharge and overdue the day after; a visit takes her off', async () => {
    const dueToday = await delivered('330106007001', 9);
    const overdue = await delivered('330106007001', 10);
    for (const [{ delivery, pregnancyId }, dischargedDaysAgo] of [
      [dueToday, 7],
      [overdue, 8],
    ] as const) {
      await discharge(delivery, tenOClockOn(addDays(today(), -dischargedDaysAgo)));
      const notice = await noticeOf(community, pregnancyId);
      await t
        .http()
        .post(`/delivery-notices/${notice.id}/acknowledge`)
        .set(as(community))
        .expect(200);
    }
    const { body } = await t
      .http()
      .get('/worklists/postpartum-visits-due')
      .query({ pageSize: 100 })
      .set(as(community))
      .expect(200);
    const byPregnancy = new Map(
      body.items.map((item: { pregnancyId: number }) => [item.pregnancyId, item]),
    );
    expect(byPregnancy.get(dueToday.pregnancyId)).toMatchObject({
      visitDueOn: today(),
      overdue: false,
      daysOverdue: 0,
    });
    expect(byPregnancy.get(overdue.pregnancyId)).toMatchObject({
      visitDueOn: addDays(today(), -1),
      overdue: true,
      daysOverdue: 1,
    });

    await t
      .http()
      .post(`/pregnancies/${overdue.pregnancyId}/postpartum-contacts`)
      .set(as(community))
      .send({
        kind: 'postpartum_visit',
        contactDate: today(),
        findings: '恶露正常，母乳喂养',
        factorCodes: [],
      })
      .expect(201);
    const after = await listed(community, '/worklists/postpartum-visits-due');
    expect(after).toContain(dueToday.pregnancyId);
    expect(after).not.toContain(overdue.pregnancyId);
    expect(await listed(street, '/worklists/postpartum-visits-due')).not.toContain(
      dueToday.pregnancyId,
    );
  });

  it('a high-risk newborn is flagged with why, and the visit falls due 3 days after acknowledgement', async () => {
    const { pregnancyId } = await delivered('330106007005', 1, [
      baby({ birthWeightG: 2300, apgar1: 6 }),
    ]);
    const notice = await noticeOf(street, pregnancyId);
    expect(notice).toMatchObject({
      targetFacilityId: street.facility.id,
      highRiskNewborn: true,
      highRiskReasons: ['low_birth_weight', 'asphyxia'],
    });
    const { body } = await t
      .http()
      .post(`/delivery-notices/${notice.id}/acknowledge`)
      .set(as(street))
      .expect(200);
    expect(body.visitDueOn).toBe(addDays(today(), 3));
  });

  it('a notice no centre serves waits to be routed by hand; a centre may send it back', async () => {
    const { pregnancyId } = await delivered('440305');
    const notice = await noticeOf(hospital, pregnancyId, 'outgoing');
    expect(notice).toMatchObject({ status: 'unrouted', targetFacilityId: null });
    expect(await listed(hospital, '/worklists/delivery-notices-unrouted')).toContain(pregnancyId);
    expect(await listed(community, '/worklists/delivery-notices-unrouted')).not.toContain(
      pregnancyId,
    );

    const { body: routed } = await t
      .http()
      .post(`/delivery-notices/${notice.id}/route`)
      .set(as(hospital))
      .send({ facilityId: community.facility.id })
      .expect(200);
    expect(routed).toMatchObject({
      status: 'sent',
      targetFacilityId: community.facility.id,
      routedByHand: true,
    });
    await t
      .http()
      .post(`/delivery-notices/${notice.id}/return`)
      .set(as(community))
      .send({})
      .expect(400);
    const { body: returned } = await t
      .http()
      .post(`/delivery-notices/${notice.id}/return`)
      .set(as(community))
      .send({ note: '该地址不属本中心辖区' })
      .expect(200);
    expect(returned).toMatchObject({
      status: 'unrouted',
      targetFacilityId: null,
      returnNote: '该地址不属本中心辖区',
    });
    expect(await listed(hospital, '/worklists/delivery-notices-unrouted')).toContain(pregnancyId);
    const { body: episode } = await t
      .http()
      .get(`/pregnancies/${pregnancyId}/participants`)
      .set(as(hospital))
      .expect(200);
    expect(episode.participants).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          facilityId: community.facility.id,
          role: 'postpartum_visiting',
          status: 'declined',
          startedVia: 'delivery_notice',
        }),
      ]),
    );
  });

  it('a notice not acknowledged 24 hours after it was sent is chased, by both sides', async () => {
    const late = await delivered('330106007001');
    const early = await delivered('330106007001');
    const shift = async (pregnancyId: number, seconds: number) =>
      t.dataSource.query(
        'UPDATE delivery_notice SET sent_at = NOW(3) - INTERVAL ? SECOND WHERE pregnancy_id = ?',
        [seconds, pregnancyId],
      );
    await shift(late.pregnancyId, 24 * 3600 + 5);
    await shift(early.pregnancyId, 24 * 3600 - 60);
    for (const side of [hospital, community]) {
      const ids = await listed(side, '/worklists/delivery-notices-unacknowledged');
      expect(ids).toContain(late.pregnancyId);
      expect(ids).not.toContain(early.pregnancyId);
    }
    expect(await listed(street, '/worklists/delivery-notices-unacknowledged')).not.toContain(
      late.pregnancyId,
    );
  });
});
