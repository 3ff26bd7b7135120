import { getQueueToken } from '@nestjs/bull';
import type { Job, Queue } from 'bull';
import { AuditEntry } from '../src/core/audit/audit-entry.entity';
import { QUEUES } from '../src/core/queue/queue.constants';
import { addDays } from '../src/core/time/calendar-date';
import { periodContaining } from '../src/indicators/periods';
import { baby, deliveryPayload, tenOClockOn } from './factories/delivery.factory';
import { createStaffedFacility, createSystemAdmin, Staff } from './factories/people.factory';
import { registrationPayload, today } from './factories/registration.factory';
import { bearer, loginWith } from './utils/auth';
import { joinEpisode } from './utils/episodes';
import { createTestApp, TestApp } from './utils/test-app';

/**
 * One district's story (issue 15): she lives in district X and is registered before 13 weeks by
 * its community centre, examined and graded at X's hospital, referred up to the city hospital in
 * district Y and fed back, delivered by caesarean at a third hospital in Y, whose delivery notice
 * the centre of her 产休地 acknowledges; the centre visits her within 7 days of discharge. A
 * migrant from another province delivers at the same hospital. Then the indicators: the
 * caesarean counts for the delivering hospital only; district X's early-registration,
 * postpartum-visit and systematic-management rates count her once, with the services of all
 * three; the migrant is counted by her 户籍, as the configured rule gives.
 */
describe('care across facilities: one district, several facilities, each woman counted once', () => {
  let t: TestApp;
  let queue: Queue;
  let admin: string;
  let centre: Staff; // X: 社区卫生服务中心
  let localHospital: Staff; // X: examines and grades her
  let cityHospital: Staff; // Y: takes the referral
  let deliveringHospital: Staff; // Y: delivers her
  let outsider: Staff;
  let districtX: string;
  let districtY: string;
  let pregnancyId: number;
  let migrantPregnancyId: number;
  let woman: Record<string, unknown>;

  const nurse = (staff: Staff) => bearer(staff.tokens.nurse);
  const deliveredOn = addDays(today(), -6);
  const lmp = addDays(deliveredOn, -275);
  const onGa = (days: number) => addDays(lmp, days);
  const period = periodContaining('month', deliveredOn).key;

  const inDistrict = async (staff: Staff, county: string, kind?: string) => {
    await t.dataSource.query('UPDATE facility SET region_code = ? WHERE id = ?', [
      county,
      staff.facility.id,
    ]);
    if (kind) {
      await t.dataSource.query('UPDATE facility SET kind = ? WHERE id = ?', [
        kind,
        staff.facility.id,
      ]);
    }
  };
  const join = (staff: Staff, woman: Record<string, unknown>, role: string) =>
    joinEpisode(t, staff, woman, role).expect(200);
  const visit = (staff: Staff, gaDays: number) =>
    t
      .http()
      .post(`/pregnancies/${pregnancyId}/visits`)
      .set(nurse(staff))
      .send({ visitDate: onGa(gaDays), weightKg: 60 })
      .expect(201);
  const compute = async (staff: Staff) => {
    const { body } = await t
      .http()
      .post('/indicator-computations')
      .set(bearer(staff.tokens.statistician))
      .send({ facilityId: staff.facility.id, period })
      .expect(202);
    const job = (await queue.getJob(body.jobId as string)) as Job;
    await job.finished();
  };
  const values = async (query: Record<string, unknown>, staff = deliveringHospital) => {
    const { body } = await t
      .http()
      .get('/indicator-values')
      .query({ ...query, period, group: 'SM' })
      .set(bearer(staff.tokens.statistician))
      .expect(200);
    return (code: string) =>
      body.values.find((v: { code: string }) => v.code === code) as {
        numerator: number;
        denominator: number;
      };
  };

  beforeAll(async () => {
    t = await createTestApp();
    queue = t.app.get<Queue>(getQueueToken(QUEUES.indicators));
    const login = loginWith(t);
    admin = (await createSystemAdmin(t.dataSource, login)).token;
    [centre, localHospital, cityHospital, deliveringHospital, outsider] = [
      await createStaffedFacility(t.dataSource, login),
      await createStaffedFacility(t.dataSource, login),
      await createStaffedFacility(t.dataSource, login),
      await createStaffedFacility(t.dataSource, login),
      await createStaffedFacility(t.dataSource, login),
    ];
    // Province 9n (none such in GB/T 2260): RESIDENCE_RULES counts it by 户籍 (`*:hukou`).
    const city = `9${Math.floor(Math.random() * 10)}${String(Math.floor(Math.random() * 100)).padStart(2, '0')}`;
    districtX = `${city}01`;
    districtY = `${city}02`;
    await inDistrict(centre, districtX, 'community_centre');
    await inDistrict(localHospital, districtX);
    await inDistrict(cityHospital, districtY);
    await inDistrict(deliveringHospital, districtY);
    await t
      .http()
      .put(`/facilities/${centre.facility.id}/service-areas`)
      .set(bearer(admin))
      .send({ serviceAreas: [`${districtX}001`] })
      .expect(200);
  });

  afterAll(() => t.close());

  it('registered, examined, graded, referred up and fed back, across three facilities', async () => {
    const payload = registrationPayload({
      woman: {
        residenceRegionCode: `${districtX}001002`,
        hukouRegionCode: districtX,
        householdType: 'local',
      },
      pregnancy: { lmp, registrationDate: onGa(60), postpartumRegionCode: `${districtX}001` },
    });
    const { body } = await t
      .http()
      .post('/registrations')
      .set(nurse(centre))
      .send(payload)
      .expect(201);
    pregnancyId = body.pregnancy.id;
    woman = payload.woman;
    await visit(centre, 60); // 建册 and the first examination before 13 weeks

    await join(localHospital, payload.woman, 'examining');
    await visit(localHospital, 120);
    await visit(localHospital, 160);
    await visit(centre, 220);
    await t
      .http()
      .post(`/pregnancies/${pregnancyId}/risk-assessments`)
      .set(nurse(centre))
      .send({
        kind: 'registration_screening',
        factorCodes: ['SEVERE_PRE_ECLAMPSIA'],
        assessedOn: onGa(225),
      })
      .expect(201);
    const { body: cases } = await t
      .http()
      .get('/high-risk-cases')
      .query({ pageSize: 100 })
      .set(nurse(centre))
      .expect(200);
    const caseId = cases.items.find(
      (c: { pregnancyId: number }) => c.pregnancyId === pregnancyId,
    ).id;
    const { body: referral } = await t
      .http()
      .post(`/high-risk-cases/${caseId}/referrals`)
      .set(nurse(centre))
      .send({
        referredOn: onGa(226),
        toFacilityId: cityHospital.facility.id,
        reason: '重度子痫前期，转上级医院',
        urgency: 'urgent',
      })
      .expect(201);
    await t
      .http()
      .post(`/referrals/${referral.id}/receive`)
      .set(nurse(cityHospital))
      .send({ receivedAt: `${onGa(227)}T09:00:00+08:00` })
      .expect(200);
    await t
      .http()
      .post(`/referrals/${referral.id}/feedback`)
      .set(nurse(cityHospital))
      .send({ followedUpOn: onGa(230), result: '已收治，血压控制，转回社区继续管理' })
      .expect(200);
    await visit(localHospital, 265);
  });

  it('delivered by caesarean at a third hospital; the centre of her 产休地 acknowledges and visits', async () => {
    // She comes in labour with her handbook.
    await join(deliveringHospital, woman, 'delivering');
    const { body: delivery } = await t
      .http()
      .post(`/pregnancies/${pregnancyId}/delivery`)
      .set(nurse(deliveringHospital))
      .send(
        deliveryPayload(tenOClockOn(deliveredOn), {
          mode: 'caesarean',
          caesareanIndication: 'fetal_distress',
          babies: [baby()],
        }),
      )
      .expect(201);
    expect(delivery).toMatchObject({
      residenceCategory: 'local',
      attributedRegionCode: `${districtX}001002`,
    });
    await t
      .http()
      .patch(`/deliveries/${delivery.id}`)
      .set(nurse(deliveringHospital))
      .send({
        version: delivery.version,
        motherDischargedAt: tenOClockOn(addDays(deliveredOn, 2)).toISOString(),
      })
      .expect(200);

    const { body: notices } = await t
      .http()
      .get('/delivery-notices')
      .set(nurse(centre))
      .expect(200);
    const notice = notices.items.find(
      (n: { pregnancyId: number }) => n.pregnancyId === pregnancyId,
    );
    expect(notice).toMatchObject({ status: 'sent', targetFacilityId: centre.facility.id });
    const { body: acknowledged } = await t
      .http()
      .post(`/delivery-notices/${notice.id}/acknowledge`)
      .set(nurse(centre))
      .expect(200);
    expect(acknowledged.visitDueOn).toBe(addDays(deliveredOn, 9));
    await t
      .http()
      .post(`/pregnancies/${pregnancyId}/postpartum-contacts`)
      .set(nurse(centre))
      .send({
        kind: 'postpartum_visit',
        contactDate: addDays(deliveredOn, 5),
        findings: '伤口愈合好，纯母乳喂养',
        factorCodes: [],
      })
      .expect(201);

    // A migrant from Sichuan living in district X two months delivers at the same hospital.
    const migrant = registrationPayload({
      woman: {
        residenceRegionCode: `${districtX}001003`,
        residenceSince: addDays(deliveredOn, -60),
        hukouRegionCode: '510104',
        householdType: 'migrant',
      },
      pregnancy: { lmp, registrationDate: onGa(200) },
    });
    const { body: registered } = await t
      .http()
      .post('/registrations')
      .set(nurse(deliveringHospital))
      .send(migrant)
      .expect(201);
    migrantPregnancyId = registered.pregnancy.id;
    const { body: migrantDelivery } = await t
      .http()
      .post(`/pregnancies/${migrantPregnancyId}/delivery`)
      .set(nurse(deliveringHospital))
      .send(deliveryPayload(tenOClockOn(deliveredOn), { babies: [baby()] }))
      .expect(201);
    expect(migrantDelivery).toMatchObject({
      residenceCategory: 'other_province',
      attributedRegionCode: '510104',
      attributionRule: '*:hukou@example-2026',
    });
  });

  it('a facility that takes no part finds nothing; the others read what they share, audited', async () => {
    for (const path of [
      `/pregnancies/${pregnancyId}`,
      `/pregnancies/${pregnancyId}/visits`,
      `/pregnancies/${pregnancyId}/participants`,
      `/pregnancies/${pregnancyId}/risk-assessments`,
      `/pregnancies/${pregnancyId}/delivery`,
      `/pregnancies/${pregnancyId}/postpartum-contacts`,
    ]) {
      await t.http().get(path).set(nurse(outsider)).expect(404);
    }
    const { body: visits } = await t
      .http()
      .get(`/pregnancies/${pregnancyId}/visits`)
      .set(nurse(deliveringHospital))
      .expect(200);
    expect(visits).toHaveLength(5);
    const { body: episode } = await t
      .http()
      .get(`/pregnancies/${pregnancyId}/participants`)
      .set(nurse(centre))
      .expect(200);
    const roles = episode.participants
      .filter((p: { status: string }) => p.status === 'active')
      .map((p: { facilityId: number; role: string }) => [p.facilityId, p.role]);
    expect(roles).toEqual(
      expect.arrayContaining([
        [centre.facility.id, 'registering'],
        [centre.facility.id, 'managing'],
        [centre.facility.id, 'postpartum_visiting'],
        [localHospital.facility.id, 'examining'],
        [cityHospital.facility.id, 'examining'],
        [deliveringHospital.facility.id, 'delivering'],
      ]),
    );
    // Each sees what its role needs: the hospitals that examined her in pregnancy, her antenatal
    // care and not the birth; the one that delivered her, both.
    const { body: delivery } = await t
      .http()
      .get(`/pregnancies/${pregnancyId}/delivery`)
      .set(nurse(deliveringHospital))
      .expect(200);
    for (const examiner of [localHospital, cityHospital]) {
      await t.http().get(`/pregnancies/${pregnancyId}/visits`).set(nurse(examiner)).expect(200);
      await t.http().get(`/pregnancies/${pregnancyId}/delivery`).set(nurse(examiner)).expect(404);
      await t
        .http()
        .get(`/pregnancies/${pregnancyId}/postpartum-contacts`)
        .set(nurse(examiner))
        .expect(404);
      await t.http().get(`/newborns/${delivery.newborns[0].id}`).set(nurse(examiner)).expect(404);
      await t.http().get(`/pregnancies/${pregnancyId}/pmtct`).set(nurse(examiner)).expect(200);
    }
    const shared = await t.dataSource.getRepository(AuditEntry).findBy({
      entity: 'pregnancy',
      entityId: String(pregnancyId),
      action: 'view_shared',
      facilityId: deliveringHospital.facility.id,
    });
    expect(shared.length).toBeGreaterThan(0);
  });

  it('the caesarean counts for the delivering hospital; district X counts her once, with every service', async () => {
    for (const staff of [centre, localHospital, cityHospital, deliveringHospital]) {
      await compute(staff);
    }
    const hospital = await values({ facilityId: deliveringHospital.facility.id });
    expect(hospital('SM-07')).toMatchObject({ numerator: 1, denominator: 2 });
    // Its own contribution to the district indicators: both mothers it delivered.
    expect(hospital('SM-01')).toMatchObject({ numerator: 1, denominator: 2 });
    const own = await values({ facilityId: centre.facility.id }, centre);
    expect(own('SM-07')).toMatchObject({ numerator: 0, denominator: 0 });

    const x = await values({ regionCode: districtX });
    for (const code of ['SM-01', 'SM-02', 'SM-03', 'SM-04', 'SM-05']) {
      expect([code, x(code)]).toEqual([
        code,
        expect.objectContaining({ numerator: 1, denominator: 1 }),
      ]);
    }
    // A facility indicator stays where the event happened: no caesarean in district X.
    expect(x('SM-07')).toMatchObject({ numerator: 0, denominator: 0 });

    // Her high-risk case, opened at the centre, is seen by the delivering hospital's SM-09.
    const { body: cases } = await t
      .http()
      .get('/indicator-values/SM-09/cases')
      .query({ period, role: 'denominator' })
      .set(bearer(deliveringHospital.tokens.mch_staff))
      .expect(200);
    expect(cases.items).toEqual([
      expect.objectContaining({
        pregnancyId,
        fields: expect.objectContaining({ high_risk_cases: 1 }),
      }),
    ]);

    const y = await values({ regionCode: districtY });
    expect(y('SM-07')).toMatchObject({ numerator: 1, denominator: 2 });
    // Neither mother lives in Y: the migrant is counted by her 户籍 in Sichuan.
    expect(y('SM-01')).toMatchObject({ numerator: 0, denominator: 0 });
  });
});
