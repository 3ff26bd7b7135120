import { addDays, startOfDayIn } from '../src/core/time/calendar-date';
import { baby, deliveryPayload } from './factories/delivery.factory';
import { createStaffedFacility, Staff } from './factories/people.factory';
import { registrationPayload, today } from './factories/registration.factory';
import { auditTrail } from './utils/audit-trail';
import { bearer, loginWith } from './utils/auth';
import { createTestApp, TestApp } from './utils/test-app';

const MINUTE = 60_000;

describe('delivery, newborns, feeding in hospital, postpartum care and breastfeeding follow-up', () => {
  let t: TestApp;
  let home: Staff;
  let other: Staff;

  const as = (staff: Staff = home, role: keyof Staff['tokens'] = 'nurse') =>
    bearer(staff.tokens[role]);
  const minutesAfter = (instant: Date, minutes: number) =>
    new Date(instant.getTime() + minutes * MINUTE);

  async function pregnant(gaToday: number, registeredDaysAgo: number, staff = home) {
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
    return { id: body.pregnancy.id as number, womanId: body.woman.id as number };
  }

  const deliver = (pregnancyId: number, payload: Record<string, unknown>, staff = home) =>
    t.http().post(`/pregnancies/${pregnancyId}/delivery`).set(as(staff)).send(payload);

  const event = (newbornId: number, body: Record<string, unknown>) =>
    t.http().post(`/newborns/${newbornId}/feeding-events`).set(as()).send(body);

  const worklist = async (list: string, staff = home) =>
    (
      await t
        .http()
        .get('/worklists/postpartum')
        .query({ list, pageSize: 100 })
        .set(as(staff))
        .expect(200)
    ).body.items;

  beforeAll(async () => {
    t = await createTestApp();
    home = await createStaffedFacility(t.dataSource, loginWith(t));
    other = await createStaffedFacility(t.dataSource, loginWith(t));
  });

  afterAll(() => t.close());

  it('a whole journey: registration, delivery, feeding times, discharge, postpartum visit, follow-up, 42-day closure', async () => {
    const p = await pregnant(280 + 43, 250);
    const bornAt = new Date(
      startOfDayIn(addDays(today(), -43), 'Asia/Shanghai').getTime() + 10 * 60 * MINUTE,
    );
    const delivered = await deliver(p.id, deliveryPayload(bornAt)).expect(201);
    expect(delivered.body).toMatchObject({
      gaDays: 280,
      preterm: false,
      caesareanWithoutIndication: false,
      newborns: [expect.objectContaining({ birthOrder: 1, lowBirthWeight: false })],
    });
    const pregnancy = (await t.http().get(`/pregnancies/${p.id}`).set(as()).expect(200)).body;
    expect(pregnancy).toMatchObject({ status: 'delivered', outcomeDate: addDays(today(), -43) });
    const newbornId = delivered.body.newborns[0].id as number;

    const skin = await event(newbornId, {
      kind: 'skin_to_skin',
      startAt: minutesAfter(bornAt, 3).toISOString(),
      endAt: minutesAfter(bornAt, 73).toISOString(),
    }).expect(201);
    await event(newbornId, {
      kind: 'first_breastfeed',
      startAt: minutesAfter(bornAt, 45).toISOString(),
    }).expect(201);
    await event(newbornId, {
      kind: 'separation',
      startAt: minutesAfter(bornAt, 300).toISOString(),
      endAt: minutesAfter(bornAt, 340).toISOString(),
      detail: '新生儿查体',
    }).expect(201);
    await event(newbornId, {
      kind: 'discharge',
      startAt: minutesAfter(bornAt, 3 * 24 * 60).toISOString(),
      dischargeFeeding: 'exclusive',
    }).expect(201);
    const late = await event(newbornId, {
      kind: 'supplement',
      startAt: minutesAfter(bornAt, 3 * 24 * 60 + 10).toISOString(),
      detail: '配方奶',
    }).expect(400);
    expect(late.body.details).toEqual([
      expect.objectContaining({ field: 'startAt', rule: 'notAfterDischarge' }),
    ]);

    const newborn = (
      await t.http().get(`/newborns/${newbornId}`).set(as(home, 'mch_staff')).expect(200)
    ).body;
    expect(newborn.feedingFlags).toMatchObject({
      earlySkinToSkin: { met: true },
      earlyInitiation: { met: true },
      roomingIn: { met: true },
      exclusiveStrict: { met: true },
      breastfeedingAtDischarge: { met: true },
    });
    expect((await auditTrail(t.dataSource, 'feeding_event', skin.body.id))[0]).toMatchObject({
      action: 'create',
      userId: home.users.nurse.id,
    });

    const dischargedAt = minutesAfter(bornAt, 3 * 24 * 60);
    await t
      .http()
      .patch(`/deliveries/${delivered.body.id}`)
      .set(as())
      .send({ version: delivered.body.version, motherDischargedAt: dischargedAt.toISOString() })
      .expect(200);
    const visit = await t
      .http()
      .post(`/pregnancies/${p.id}/postpartum-contacts`)
      .set(as())
      .send({
        kind: 'postpartum_visit',
        contactDate: addDays(today(), -37),
        findings: '子宫复旧良好',
        factorCodes: [],
      })
      .expect(201);
    expect(visit.body).toMatchObject({ countsForIndicators: true, riskColour: 'green' });

    const followUp = await t
      .http()
      .post(`/newborns/${newbornId}/breastfeeding-follow-ups`)
      .set(as())
      .send({
        contact: 'postpartum_visit',
        followedUpOn: addDays(today(), -37),
        breastMilk: true,
        water: true,
        formulaOrOtherMilk: false,
        otherLiquids: false,
        solids: false,
        orsDropsMedicine: false,
        problems: ['sore_or_cracked_nipples'],
        guidance: '指导正确含接',
      })
      .expect(201);
    expect(followUp.body).toMatchObject({ classification: 'predominant', ageMonths: 0 });
    expect(
      (await worklist('breastfeeding_problems')).map((i: { newbornId: number }) => i.newbornId),
    ).toContain(newbornId);

    expect(
      (await worklist('day42_checks')).map((i: { pregnancyId: number }) => i.pregnancyId),
    ).toContain(p.id);
    const check = await t
      .http()
      .post(`/pregnancies/${p.id}/postpartum-contacts`)
      .set(as())
      .send({
        kind: 'day42_check',
        contactDate: today(),
        classification: 'recovered',
        disposition: 'close',
        factorCodes: [],
      })
      .expect(201);
    expect(check.body).toMatchObject({
      classification: 'recovered',
      disposition: 'close',
      riskColour: 'green',
    });
    expect((await t.http().get(`/pregnancies/${p.id}`).set(as()).expect(200)).body.status).toBe(
      'closed',
    );
    expect(
      (await worklist('day42_checks')).map((i: { pregnancyId: number }) => i.pregnancyId),
    ).not.toContain(p.id);
  });

  it('flags failures with their reasons: late skin-to-skin, first feed at 61 min, a 61-minute separation, a supplement', async () => {
    const p = await pregnant(275, 200);
    const bornAt = new Date(Date.now() - 2 * 24 * 60 * MINUTE);
    const delivered = await deliver(p.id, deliveryPayload(bornAt)).expect(201);
    const id = delivered.body.newborns[0].id as number;
    await event(id, {
      kind: 'skin_to_skin',
      startAt: new Date(bornAt.getTime() + 5 * MINUTE + 1000).toISOString(),
      endAt: minutesAfter(bornAt, 90).toISOString(),
    }).expect(201);
    await event(id, {
      kind: 'first_breastfeed',
      startAt: minutesAfter(bornAt, 61).toISOString(),
    }).expect(201);
    await event(id, {
      kind: 'separation',
      startAt: minutesAfter(bornAt, 120).toISOString(),
      endAt: minutesAfter(bornAt, 181).toISOString(),
      detail: '母亲手术',
    }).expect(201);
    await event(id, {
      kind: 'supplement',
      startAt: minutesAfter(bornAt, 200).toISOString(),
      detail: '葡萄糖水',
      medicalReason: '低血糖',
    }).expect(201);
    const flags = (await t.http().get(`/newborns/${id}`).set(as()).expect(200)).body.feedingFlags;
    expect(flags.earlySkinToSkin).toEqual({
      met: false,
      reason: 'skin-to-skin started 5:01 after birth',
    });
    expect(flags.earlyInitiation.met).toBe(false);
    expect(flags.earlyInitiation.reason).toContain('61');
    expect(flags.roomingIn.met).toBe(false);
    expect(flags.exclusiveStrict.met).toBe(false);
    expect(flags.exclusiveExceptMedical.met).toBe(true);
  });

  it('a caesarean without indication, a stillbirth, twins and a NICU admission', async () => {
    const cs = await pregnant(270, 200);
    const csDelivery = await deliver(
      cs.id,
      deliveryPayload(new Date(Date.now() - 3600_000), { mode: 'caesarean' }),
    ).expect(201);
    expect(csDelivery.body.caesareanWithoutIndication).toBe(true);
    const indicated = await pregnant(270, 200);
    const indicatedDelivery = await deliver(
      indicated.id,
      deliveryPayload(new Date(Date.now() - 3600_000), {
        mode: 'caesarean',
        caesareanIndication: 'fetal_distress',
      }),
    ).expect(201);
    expect(indicatedDelivery.body.caesareanWithoutIndication).toBe(false);

    const still = await pregnant(230, 150);
    const stillbirth = await deliver(
      still.id,
      deliveryPayload(new Date(Date.now() - 3600_000), {
        babies: [
          baby({ vitalStatus: 'stillbirth', stillbirthTiming: 'antepartum', birthWeightG: 1800 }),
        ],
      }),
    ).expect(201);
    expect(stillbirth.body.newborns[0]).toMatchObject({
      vitalStatus: 'stillbirth',
      lowBirthWeight: true,
      feedingFlags: null,
    });
    const noFeeding = await event(stillbirth.body.newborns[0].id, {
      kind: 'first_breastfeed',
      startAt: new Date().toISOString(),
    }).expect(400);
    expect(noFeeding.body.details).toEqual([
      expect.objectContaining({ field: 'newbornId', rule: 'liveBirthOnly' }),
    ]);

    const twins = await pregnant(250, 150);
    const bornAt = new Date(Date.now() - 5 * 3600_000);
    const twinDelivery = await deliver(
      twins.id,
      deliveryPayload(bornAt, {
        babies: [
          baby({ birthOrder: 1, birthWeightG: 2400 }),
          baby({
            birthOrder: 2,
            sex: 'male',
            birthWeightG: 2300,
            bornAt: minutesAfter(bornAt, 12).toISOString(),
          }),
        ],
      }),
    ).expect(201);
    expect(twinDelivery.body).toMatchObject({ preterm: true });
    expect(
      twinDelivery.body.newborns.map((n: { birthOrder: number; bornAt: string }) => [
        n.birthOrder,
        n.bornAt,
      ]),
    ).toEqual([
      [1, bornAt.toISOString()],
      [2, minutesAfter(bornAt, 12).toISOString()],
    ]);
    const second = twinDelivery.body.newborns[1];
    const nicu = await t
      .http()
      .patch(`/newborns/${second.id}`)
      .set(as())
      .send({
        version: second.version,
        nicuAdmittedAt: minutesAfter(bornAt, 30).toISOString(),
        nicuReason: '早产儿呼吸窘迫',
      })
      .expect(200);
    expect(nicu.body.nicuReason).toBe('早产儿呼吸窘迫');
    const before = await t
      .http()
      .patch(`/newborns/${second.id}`)
      .set(as())
      .send({ version: nicu.body.version, diedAt: minutesAfter(bornAt, -1).toISOString() })
      .expect(400);
    expect(before.body.details).toEqual([
      expect.objectContaining({ field: 'diedAt', rule: 'afterBirth' }),
    ]);
  });

  it.each<[string, (bornAt: Date) => Record<string, unknown>, string, string]>([
    [
      'a skin-to-skin before birth',
      (b) => ({ kind: 'skin_to_skin', startAt: minutesAfter(b, -1).toISOString() }),
      'startAt',
      'afterBirth',
    ],
    [
      'an end before the start',
      (b) => ({
        kind: 'separation',
        startAt: minutesAfter(b, 30).toISOString(),
        endAt: minutesAfter(b, 20).toISOString(),
        detail: 'x',
      }),
      'endAt',
      'afterStart',
    ],
    [
      'a separation without its reason',
      (b) => ({ kind: 'separation', startAt: minutesAfter(b, 30).toISOString() }),
      'detail',
      'requiredForKind',
    ],
    [
      'a discharge without feeding',
      (b) => ({ kind: 'discharge', startAt: minutesAfter(b, 30).toISOString() }),
      'dischargeFeeding',
      'requiredForKind',
    ],
    [
      'an event in the future',
      (b) => ({ kind: 'first_breastfeed', startAt: minutesAfter(b, 10_000).toISOString() }),
      'startAt',
      'notFuture',
    ],
  ])('refuses %s, naming the field', async (_name, body, field, rule) => {
    const p = await pregnant(275, 200);
    const bornAt = new Date(Date.now() - 3600_000);
    const delivered = await deliver(p.id, deliveryPayload(bornAt)).expect(201);
    const { body: error } = await event(delivered.body.newborns[0].id, body(bornAt)).expect(400);
    expect(error.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ field, rule })]),
    );
  });

  it('refuses a delivery before registration, in the future, twice, or for another facility', async () => {
    const p = await pregnant(275, 10);
    const early = await deliver(
      p.id,
      deliveryPayload(
        new Date(startOfDayIn(addDays(today(), -11), 'Asia/Shanghai').getTime() + 3600_000),
      ),
    ).expect(400);
    expect(early.body.details).toEqual([
      expect.objectContaining({ field: 'deliveredAt', rule: 'notBeforeRegistration' }),
    ]);
    const future = await deliver(p.id, deliveryPayload(new Date(Date.now() + 3600_000))).expect(
      400,
    );
    expect(future.body.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'deliveredAt', rule: 'notFuture' }),
      ]),
    );
    const indication = await deliver(
      p.id,
      deliveryPayload(new Date(), { caesareanIndication: 'fetal_distress' }),
    ).expect(400);
    expect(indication.body.details).toEqual([
      expect.objectContaining({ field: 'caesareanIndication', rule: 'caesareanOnly' }),
    ]);
    await deliver(p.id, deliveryPayload(new Date()), other).expect(404);
    await deliver(p.id, deliveryPayload(new Date(Date.now() - 60_000))).expect(201);
    const twice = await deliver(p.id, deliveryPayload(new Date())).expect(409);
    expect(twice.body.code).toBe('DELIVERY_EXISTS');
  });

  it('lists postpartum visits due then overdue, and babies whose first feed is not recorded after an hour', async () => {
    const staff = await createStaffedFacility(t.dataSource, loginWith(t));
    const p = await pregnant(275, 200, staff);
    const bornAt = new Date(Date.now() - 61 * MINUTE);
    const delivered = await deliver(p.id, deliveryPayload(bornAt), staff).expect(201);
    expect(
      (await worklist('first_feed_missing', staff)).map((i: { newbornId: number }) => i.newbornId),
    ).toEqual([delivered.body.newborns[0].id]);

    await t
      .http()
      .patch(`/deliveries/${delivered.body.id}`)
      .set(as(staff))
      .send({ version: delivered.body.version, motherDischargedAt: new Date().toISOString() })
      .expect(200);
    expect((await worklist('postpartum_visits', staff))[0]).toMatchObject({
      pregnancyId: p.id,
      state: 'due',
      dueOn: addDays(today(), 7),
    });
  });
});
