import { getQueueToken } from '@nestjs/bull';
import type { Job, Queue } from 'bull';
import { QUEUES } from '../src/core/queue/queue.constants';
import { addDays } from '../src/core/time/calendar-date';
import { IndicatorStaleness } from '../src/indicators/indicator-staleness.service';
import { IndicatorValue } from '../src/indicators/indicator.entities';
import { periodContaining, previousPeriod } from '../src/indicators/periods';
import { baby, deliveryPayload, tenOClockOn } from './factories/delivery.factory';
import { createStaffedFacility, Staff } from './factories/people.factory';
import { registrationPayload, residentId, today } from './factories/registration.factory';
import { auditTrail } from './utils/audit-trail';
import { bearer, loginWith } from './utils/auth';
import { releaseDesk } from './utils/lock-waits';
import { createTestApp, TestApp } from './utils/test-app';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** An instant at hh:mm in the hospital's zone (Asia/Shanghai, UTC+8) on a calendar day. */
/** The fields an error names, each once. */
const fieldsOf = (body: { details: Array<{ field: string }> }) => [
  ...new Set(body.details.map((d) => d.field)),
];

const localTime = (day: string, hh: number, mm: number) =>
  new Date(Date.parse(`${day}T00:00:00.000Z`) + (hh - 8) * HOUR + mm * MINUTE);

/**
 * Corrections (versioned PATCH with a reason) and voids (the row stays, flagged, and leaves every
 * count) of the clinical records, the derived state that follows them, and the staleness of both
 * the period a case left and the one it moved to.
 */
describe('corrections and voids', () => {
  let t: TestApp;
  let home: Staff;
  let queue: Queue;
  const lastMonth = () => previousPeriod(periodContaining('month', today()));
  const monthBefore = () => previousPeriod(lastMonth());

  const as = (staff: Staff = home, role: keyof Staff['tokens'] = 'nurse') =>
    bearer(staff.tokens[role]);

  async function pregnant(deliveryDay: string, staff = home) {
    const { body } = await t
      .http()
      .post('/registrations')
      .set(as(staff))
      .send(
        registrationPayload({
          pregnancy: {
            lmp: addDays(deliveryDay, -280),
            registrationDate: addDays(deliveryDay, -200),
          },
        }),
      )
      .expect(201);
    return { id: body.pregnancy.id as number, womanId: body.woman.id as number };
  }

  async function delivered(deliveryDay: string, payload: Record<string, unknown>, staff = home) {
    const p = await pregnant(deliveryDay, staff);
    const { body } = await t
      .http()
      .post(`/pregnancies/${p.id}/delivery`)
      .set(as(staff))
      .send(payload)
      .expect(201);
    return { pregnancy: p, delivery: body, newborn: body.newborns[0] };
  }

  async function compute(period: string, staff = home) {
    const response = await t
      .http()
      .post('/indicator-computations')
      .set(as(staff, 'statistician'))
      .send({ period })
      .expect(202);
    const job = (await queue.getJob(response.body.jobId as string)) as Job;
    await job.finished();
  }

  async function value(code: string, period: string, staff = home) {
    const { body } = await t
      .http()
      .get('/indicator-values')
      .query({ period })
      .set(as(staff, 'mch_staff'))
      .expect(200);
    return (
      body.values as Array<{ code: string; numerator: number; denominator: number; stale: boolean }>
    ).find((v) => v.code === code)!;
  }

  const staleRows = (staff: Staff, period: string) =>
    t.dataSource
      .getRepository(IndicatorValue)
      .findBy({ facilityId: staff.facility.id, periodKey: period, stale: true });

  beforeAll(async () => {
    t = await createTestApp();
    home = await createStaffedFacility(t.dataSource, loginWith(t));
    queue = t.app.get<Queue>(getQueueToken(QUEUES.indicators));
  });

  afterAll(async () => {
    await queue.empty();
    await t.close();
  });

  it('a birth time corrected from one month into the next marks both months stale, and the count moves', async () => {
    const staff = await createStaffedFacility(t.dataSource, loginWith(t));
    const [before, after] = [monthBefore(), lastMonth()];
    const lastDay = addDays(after.from, -1);
    // Delivered at 23:20 on the last day of the earlier month; the baby typed as born at 23:30.
    const deliveredAt = localTime(lastDay, 23, 20);
    const { newborn } = await delivered(
      lastDay,
      deliveryPayload(deliveredAt, {
        babies: [baby({ bornAt: localTime(lastDay, 23, 30).toISOString() })],
      }),
      staff,
    );
    const staleness = t.app.get(IndicatorStaleness);
    await staleness.markFromAuditTrail();
    await compute(before.key, staff);
    await compute(after.key, staff);
    expect((await value('SM-06', before.key, staff)).denominator).toBe(1);
    expect((await value('SM-06', after.key, staff)).denominator).toBe(0);

    const patch = (body: Record<string, unknown>) =>
      t.http().patch(`/newborns/${newborn.id}`).set(as(staff)).send(body);
    const bornAt = localTime(after.from, 0, 10).toISOString();

    const noReason = await patch({ version: newborn.version, bornAt }).expect(400);
    expect(noReason.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(fieldsOf(noReason.body)).toEqual(['reason']);
    const stale = await patch({
      version: newborn.version + 1,
      bornAt,
      reason: '出生时间录入错误',
    }).expect(409);
    expect(stale.body.code).toBe('STALE_VERSION');
    // Both sides of the delivery time: a minute before it is refused, the delivery time itself is not.
    const early = await patch({
      version: newborn.version,
      bornAt: new Date(deliveredAt.getTime() - MINUTE).toISOString(),
      reason: '出生时间录入错误',
    }).expect(400);
    expect(early.body.details).toEqual([
      expect.objectContaining({ field: 'bornAt', rule: 'afterDelivery' }),
    ]);
    const atDelivery = await patch({
      version: newborn.version,
      bornAt: deliveredAt.toISOString(),
      reason: '出生时间录入错误',
    }).expect(200);

    const corrected = await patch({
      version: atDelivery.body.version,
      bornAt,
      reason: '出生时间录入错误，按产房记录更正',
    }).expect(200);
    expect(corrected.body.bornAt).toBe(bornAt);
    const trail = await auditTrail(t.dataSource, 'newborn', newborn.id);
    expect(trail[trail.length - 1]).toMatchObject({
      action: 'update',
      before: { bornAt: deliveredAt.toISOString() },
      after: { bornAt },
      reason: '出生时间录入错误，按产房记录更正',
    });

    const marking = await staleness.markFromAuditTrail();
    expect(marking.valuesMarked).toBeGreaterThan(0);
    expect((await value('SM-06', before.key, staff)).stale).toBe(true);
    expect((await value('SM-06', after.key, staff)).stale).toBe(true);

    await compute(before.key, staff);
    await compute(after.key, staff);
    expect(await value('SM-06', before.key, staff)).toMatchObject({ denominator: 0, stale: false });
    expect(await value('SM-06', after.key, staff)).toMatchObject({ denominator: 1, stale: false });
  });

  it('a correction committed after a later write is still read: its month goes stale', async () => {
    const staff = await createStaffedFacility(t.dataSource, loginWith(t));
    const month = lastMonth();
    const day = addDays(month.from, 10);
    const { newborn } = await delivered(day, deliveryPayload(localTime(day, 10, 0)), staff);
    const staleness = t.app.get(IndicatorStaleness);
    await staleness.markFromAuditTrail();
    await compute(month.key, staff);
    expect(await staleRows(staff, month.key)).toHaveLength(0);

    // Another desk corrects the baby: its audit row is written, its transaction not yet committed.
    const desk = t.dataSource.createQueryRunner();
    await desk.connect();
    try {
      await desk.startTransaction();
      await desk.query(
        `INSERT INTO audit_entry (occurred_at, user_id, facility_id, request_id, entity, entity_id,
           action, \`before\`, \`after\`, reason)
         VALUES (NOW(3), ?, ?, 'desk', 'newborn', ?, 'update', NULL, '{}', '出生时间录入错误')`,
        [staff.users.nurse.id, staff.facility.id, String(newborn.id)],
      );
      // A later write commits meanwhile, and the marking reads past the correction's id.
      await pregnant(day, staff);
      await staleness.markFromAuditTrail();
      expect(await staleRows(staff, month.key)).toHaveLength(0);
      await desk.commitTransaction();
    } finally {
      await releaseDesk(desk);
    }
    const marking = await staleness.markFromAuditTrail();
    expect(marking.auditEntriesRead).toBeGreaterThan(0);
    expect(await staleRows(staff, month.key)).not.toHaveLength(0);
  });

  it('a corrected delivery time moves the babies born at it, and the outcome day; both periods stale', async () => {
    const staff = await createStaffedFacility(t.dataSource, loginWith(t));
    const [before, after] = [monthBefore(), lastMonth()];
    const lastDay = addDays(after.from, -1);
    const { delivery, pregnancy, newborn } = await delivered(
      lastDay,
      deliveryPayload(localTime(lastDay, 23, 50)),
      staff,
    );
    const staleness = t.app.get(IndicatorStaleness);
    await staleness.markFromAuditTrail();
    await compute(before.key, staff);
    await compute(after.key, staff);

    const deliveredAt = localTime(after.from, 0, 5).toISOString();
    const { body } = await t
      .http()
      .patch(`/deliveries/${delivery.id}`)
      .set(as(staff))
      .send({ version: delivery.version, deliveredAt, reason: '分娩时间录入错误' })
      .expect(200);
    expect(body.deliveredAt).toBe(deliveredAt);
    expect(body.newborns[0]).toMatchObject({ id: newborn.id, bornAt: deliveredAt });
    const p = (await t.http().get(`/pregnancies/${pregnancy.id}`).set(as(staff)).expect(200)).body;
    expect(p).toMatchObject({ outcomeDate: after.from, statusDate: after.from });

    await staleness.markFromAuditTrail();
    expect(await staleRows(staff, before.key)).not.toHaveLength(0);
    expect(await staleRows(staff, after.key)).not.toHaveLength(0);
    await compute(before.key, staff);
    await compute(after.key, staff);
    expect((await value('BF-06', before.key, staff)).denominator).toBe(0);
    expect((await value('BF-06', after.key, staff)).denominator).toBe(1);
  });

  it('a delivery or birth time is not corrected past the postpartum contacts and feeding follow-ups', async () => {
    const day = addDays(today(), -20);
    const { delivery, pregnancy, newborn } = await delivered(
      day,
      deliveryPayload(localTime(day, 8, 0)),
    );
    await t
      .http()
      .post(`/pregnancies/${pregnancy.id}/postpartum-contacts`)
      .set(as())
      .send({ kind: 'postpartum_visit', contactDate: addDays(day, 3), factorCodes: [] })
      .expect(201);
    await t
      .http()
      .post(`/newborns/${newborn.id}/breastfeeding-follow-ups`)
      .set(as())
      .send({
        contact: 'postpartum_visit',
        followedUpOn: addDays(day, 5),
        breastMilk: true,
        water: false,
        formulaOrOtherMilk: false,
        otherLiquids: false,
        solids: false,
        orsDropsMedicine: false,
        problems: [],
      })
      .expect(201);
    const correct = (path: string, version: number, field: string, at: Date) =>
      t
        .http()
        .patch(path)
        .set(as())
        .send({ version, [field]: at.toISOString(), reason: '时间录入错误' });

    // The contact's day stays after the delivery: three days later is the boundary.
    const late = await correct(
      `/deliveries/${delivery.id}`,
      delivery.version,
      'deliveredAt',
      localTime(addDays(day, 4), 8, 0),
    ).expect(400);
    expect(late.body.details).toContainEqual(
      expect.objectContaining({ field: 'deliveredAt', rule: 'beforeRecords' }),
    );
    expect(late.body.details.map((d: { message: string }) => d.message).join(' ')).toContain(
      'postpartum contact',
    );
    const { body: moved } = await correct(
      `/deliveries/${delivery.id}`,
      delivery.version,
      'deliveredAt',
      localTime(addDays(day, 3), 8, 0),
    ).expect(200);

    // The baby's follow-up on day 5: a birth on day 6 would follow it, day 5 does not.
    const baby = moved.newborns[0] as { id: number; version: number };
    const after = await correct(
      `/newborns/${baby.id}`,
      baby.version,
      'bornAt',
      localTime(addDays(day, 6), 8, 0),
    ).expect(400);
    expect(after.body.details).toContainEqual(
      expect.objectContaining({
        field: 'bornAt',
        rule: 'beforeRecords',
        message: expect.stringContaining('feeding follow-up'),
      }),
    );
    await correct(
      `/newborns/${baby.id}`,
      baby.version,
      'bornAt',
      localTime(addDays(day, 5), 8, 0),
    ).expect(200);
  });

  it('a voided feeding event stays, flagged, and leaves the count', async () => {
    const staff = await createStaffedFacility(t.dataSource, loginWith(t));
    const day = addDays(lastMonth().from, 4);
    const bornAt = tenOClockOn(day);
    const { newborn } = await delivered(day, deliveryPayload(bornAt), staff);
    const event = (body: Record<string, unknown>) =>
      t.http().post(`/newborns/${newborn.id}/feeding-events`).set(as(staff)).send(body);
    const supplement = (
      await event({
        kind: 'supplement',
        startAt: new Date(bornAt.getTime() + 2 * HOUR).toISOString(),
        detail: '配方奶 20ml',
      }).expect(201)
    ).body;
    await event({
      kind: 'discharge',
      startAt: new Date(bornAt.getTime() + 72 * HOUR).toISOString(),
      dischargeFeeding: 'exclusive',
    }).expect(201);
    await compute(lastMonth().key, staff);
    expect(await value('BF-04', lastMonth().key, staff)).toMatchObject({
      numerator: 0,
      denominator: 1,
    });

    const voidIt = (body: Record<string, unknown>) =>
      t.http().post(`/feeding-events/${supplement.id}/void`).set(as(staff)).send(body);
    const noReason = await voidIt({ version: supplement.version }).expect(400);
    expect(fieldsOf(noReason.body)).toEqual(['reason']);
    const stale = await voidIt({ version: supplement.version + 1, reason: '记错了婴儿' }).expect(
      409,
    );
    expect(stale.body.code).toBe('STALE_VERSION');
    await t
      .http()
      .post(`/feeding-events/${supplement.id}/void`)
      .set(as(home))
      .send({ version: supplement.version, reason: '记错了婴儿' })
      .expect(404);
    const voided = await voidIt({ version: supplement.version, reason: '记错了婴儿' }).expect(200);
    expect(voided.body).toMatchObject({ id: supplement.id, voidReason: '记错了婴儿' });
    expect(voided.body.voidedAt).not.toBeNull();
    const again = await voidIt({ version: voided.body.version, reason: '再次' }).expect(409);
    expect(again.body.code).toBe('ALREADY_VOIDED');
    const edit = await t
      .http()
      .patch(`/feeding-events/${supplement.id}`)
      .set(as(staff))
      .send({ version: voided.body.version, detail: '水', reason: '更正' })
      .expect(409);
    expect(edit.body.code).toBe('ALREADY_VOIDED');

    const shown = (await t.http().get(`/newborns/${newborn.id}`).set(as(staff)).expect(200)).body;
    expect(shown.feedingEvents).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: supplement.id, voidReason: '记错了婴儿' }),
      ]),
    );
    expect(shown.feedingFlags.exclusiveStrict).toEqual({ met: true, reason: null });
    const trail = await auditTrail(t.dataSource, 'feeding_event', supplement.id);
    expect(trail[trail.length - 1]).toMatchObject({ action: 'void', reason: '记错了婴儿' });

    await t.app.get(IndicatorStaleness).markFromAuditTrail();
    expect((await value('BF-04', lastMonth().key, staff)).stale).toBe(true);
    await compute(lastMonth().key, staff);
    expect(await value('BF-04', lastMonth().key, staff)).toMatchObject({
      numerator: 1,
      denominator: 1,
      stale: false,
    });
  });

  it('a feeding event is corrected with a reason and re-checked as a new one is', async () => {
    const bornAt = tenOClockOn(addDays(today(), -3));
    const { newborn } = await delivered(addDays(today(), -3), deliveryPayload(bornAt));
    const feed = (
      await t
        .http()
        .post(`/newborns/${newborn.id}/feeding-events`)
        .set(as())
        .send({
          kind: 'first_breastfeed',
          startAt: new Date(bornAt.getTime() + 75 * MINUTE).toISOString(),
        })
        .expect(201)
    ).body;
    const patch = (body: Record<string, unknown>) =>
      t.http().patch(`/feeding-events/${feed.id}`).set(as()).send(body);
    await patch({ version: feed.version, startAt: bornAt.toISOString() }).expect(400);
    const beforeBirth = await patch({
      version: feed.version,
      startAt: new Date(bornAt.getTime() - MINUTE).toISOString(),
      reason: '时间录错',
    }).expect(400);
    expect(beforeBirth.body.details).toEqual([
      expect.objectContaining({ field: 'startAt', rule: 'afterBirth' }),
    ]);
    await patch({
      version: feed.version,
      startAt: new Date(bornAt.getTime() + 45 * MINUTE).toISOString(),
      reason: '时间录错',
    }).expect(200);
    const shown = (await t.http().get(`/newborns/${newborn.id}`).set(as()).expect(200)).body;
    expect(shown.feedingFlags.earlyInitiation).toEqual({ met: true, reason: null });
  });

  it('a voided contraindication no longer excludes the baby', async () => {
    const bornAt = tenOClockOn(addDays(today(), -2));
    const { newborn } = await delivered(addDays(today(), -2), deliveryPayload(bornAt));
    const added = (
      await t
        .http()
        .post(`/newborns/${newborn.id}/contraindications`)
        .set(as())
        .send({ kind: 'galactosemia', decidedBy: '王主任', decidedOn: addDays(today(), -2) })
        .expect(201)
    ).body;
    expect(added.feedingFlags.contraindications).toEqual(['galactosemia']);
    const record = added.contraindicationRecords[0];
    const corrected = await t
      .http()
      .patch(`/contraindications/${record.id}`)
      .set(as())
      .send({ version: record.version, decidedBy: '李主任', reason: '医生姓名录错' })
      .expect(200);
    expect(corrected.body.contraindicationRecords[0]).toMatchObject({ decidedBy: '李主任' });
    const voided = await t
      .http()
      .post(`/contraindications/${record.id}/void`)
      .set(as())
      .send({ version: record.version + 1, reason: '化验排除半乳糖血症' })
      .expect(200);
    expect(voided.body.feedingFlags.contraindications).toEqual([]);
    expect(voided.body.contraindicationRecords[0]).toMatchObject({
      id: record.id,
      voidReason: '化验排除半乳糖血症',
    });
  });

  it('corrects mode and coded caesarean indication; "none" as text is refused', async () => {
    const day = addDays(today(), -4);
    const p = await pregnant(day);
    const freeText = await t
      .http()
      .post(`/pregnancies/${p.id}/delivery`)
      .set(as())
      .send(deliveryPayload(tenOClockOn(day), { mode: 'caesarean', caesareanIndication: '无' }))
      .expect(400);
    expect(freeText.body.details).toEqual([
      expect.objectContaining({ field: 'caesareanIndication' }),
    ]);
    const otherNone = await t
      .http()
      .post(`/pregnancies/${p.id}/delivery`)
      .set(as())
      .send(
        deliveryPayload(tenOClockOn(day), {
          mode: 'caesarean',
          caesareanIndication: 'other',
          caesareanIndicationText: '无',
        }),
      )
      .expect(400);
    expect(otherNone.body.details).toEqual([
      expect.objectContaining({ field: 'caesareanIndicationText', rule: 'describesIndication' }),
    ]);
    const { body: delivery } = await t
      .http()
      .post(`/pregnancies/${p.id}/delivery`)
      .set(as())
      .send(deliveryPayload(tenOClockOn(day), { mode: 'caesarean' }))
      .expect(201);
    expect(delivery.caesareanWithoutIndication).toBe(true);

    const patch = (body: Record<string, unknown>) =>
      t.http().patch(`/deliveries/${delivery.id}`).set(as()).send(body);
    const noReason = await patch({
      version: delivery.version,
      caesareanIndication: 'fetal_distress',
    }).expect(400);
    expect(fieldsOf(noReason.body)).toEqual(['reason']);
    const request = await patch({
      version: delivery.version,
      caesareanIndication: 'maternal_request',
      reason: '补录指征',
    }).expect(200);
    expect(request.body).toMatchObject({
      caesareanIndication: 'maternal_request',
      caesareanWithoutIndication: true,
    });
    const medical = await patch({
      version: request.body.version,
      caesareanIndication: 'fetal_distress',
      reason: '补录指征',
    }).expect(200);
    expect(medical.body.caesareanWithoutIndication).toBe(false);
    const vaginal = await patch({
      version: medical.body.version,
      mode: 'assisted_vaginal',
      maternalOutcome: 'complications',
      reason: '分娩方式录入错误',
    }).expect(200);
    expect(vaginal.body).toMatchObject({
      mode: 'assisted_vaginal',
      caesareanIndication: null,
      maternalOutcome: 'complications',
    });
    const trail = await auditTrail(t.dataSource, 'delivery', delivery.id);
    expect(trail[trail.length - 1]).toMatchObject({
      before: { mode: 'caesarean', caesareanIndication: 'fetal_distress', maternalOutcome: 'well' },
      after: { mode: 'assisted_vaginal', caesareanIndication: null },
      reason: '分娩方式录入错误',
    });
  });

  it('corrects sex, weight and vital status, re-checked as at the delivery', async () => {
    const bornAt = tenOClockOn(addDays(today(), -2));
    const { newborn } = await delivered(addDays(today(), -2), deliveryPayload(bornAt));
    await t
      .http()
      .post(`/newborns/${newborn.id}/feeding-events`)
      .set(as())
      .send({ kind: 'first_breastfeed', startAt: new Date(bornAt.getTime() + HOUR).toISOString() })
      .expect(201);
    const patch = (body: Record<string, unknown>) =>
      t.http().patch(`/newborns/${newborn.id}`).set(as()).send(body);
    const stillborn = await patch({
      version: newborn.version,
      vitalStatus: 'stillbirth',
      stillbirthTiming: 'intrapartum',
      reason: '更正',
    }).expect(400);
    expect(stillborn.body.details).toEqual([
      expect.objectContaining({ field: 'vitalStatus', rule: 'noLiveBirthRecords' }),
    ]);
    const nullWeight = await patch({
      version: newborn.version,
      birthWeightG: null,
      reason: '更正',
    }).expect(400);
    expect(fieldsOf(nullWeight.body)).toEqual(['birthWeightG']);
    const { body } = await patch({
      version: newborn.version,
      sex: 'male',
      birthWeightG: 2450,
      reason: '称重记录抄错',
    }).expect(200);
    expect(body).toMatchObject({ sex: 'male', birthWeightG: 2450, lowBirthWeight: true });
  });

  it("twins' birth orders stay their own", async () => {
    const bornAt = tenOClockOn(addDays(today(), -1));
    const p = await pregnant(addDays(today(), -1));
    const { body: delivery } = await t
      .http()
      .post(`/pregnancies/${p.id}/delivery`)
      .set(as())
      .send(
        deliveryPayload(bornAt, {
          babies: [
            baby({ birthOrder: 1 }),
            baby({ birthOrder: 2, bornAt: new Date(bornAt.getTime() + 20 * MINUTE).toISOString() }),
          ],
        }),
      )
      .expect(201);
    const [first] = delivery.newborns;
    const patch = (birthOrder: number) =>
      t
        .http()
        .patch(`/newborns/${first.id}`)
        .set(as())
        .send({ version: first.version, birthOrder, reason: '双胎顺序录反' });
    const taken = await patch(2).expect(400);
    expect(taken.body.details).toEqual([
      expect.objectContaining({ field: 'birthOrder', rule: 'unique' }),
    ]);
    expect((await patch(3).expect(200)).body.birthOrder).toBe(3);
  });

  it('a baby entered twice is voided once its records are: it stays, flagged, and leaves the count', async () => {
    const staff = await createStaffedFacility(t.dataSource, loginWith(t));
    const day = addDays(lastMonth().from, 4);
    const bornAt = tenOClockOn(day);
    const { delivery } = await delivered(
      day,
      deliveryPayload(bornAt, { babies: [baby({ birthOrder: 1 }), baby({ birthOrder: 2 })] }),
      staff,
    );
    const [first, twice] = delivery.newborns as Array<{ id: number; version: number }>;
    await compute(lastMonth().key, staff);
    expect(await value('PM-12', lastMonth().key, staff)).toMatchObject({ denominator: 2 });

    const { body: event } = await t
      .http()
      .post(`/newborns/${twice.id}/feeding-events`)
      .set(as(staff))
      .send({ kind: 'first_breastfeed', startAt: new Date(bornAt.getTime() + 30 * MINUTE) })
      .expect(201);
    const voidIt = (body: Record<string, unknown>, staffOf = staff) =>
      t.http().post(`/newborns/${twice.id}/void`).set(as(staffOf)).send(body);
    const reason = '同一婴儿录入两次';
    const blocked = await voidIt({ version: twice.version, reason }).expect(409);
    expect(blocked.body).toMatchObject({ code: 'VOID_BLOCKED' });
    expect(blocked.body.details).toEqual([
      expect.objectContaining({
        field: 'id',
        rule: 'noDependentRecords',
        message: expect.stringContaining(`feeding event ${event.id}`),
      }),
    ]);
    await t
      .http()
      .post(`/feeding-events/${event.id}/void`)
      .set(as(staff))
      .send({ version: event.version, reason })
      .expect(200);

    expect(fieldsOf((await voidIt({ version: twice.version }).expect(400)).body)).toEqual([
      'reason',
    ]);
    const stale = await voidIt({ version: twice.version + 1, reason }).expect(409);
    expect(stale.body.code).toBe('STALE_VERSION');
    await voidIt({ version: twice.version, reason }, home).expect(404);
    const { body: voided } = await voidIt({ version: twice.version, reason }).expect(200);
    expect(voided).toMatchObject({ id: twice.id, voidReason: reason });
    expect(voided.voidedAt).not.toBeNull();
    const again = await voidIt({ version: voided.version, reason }).expect(409);
    expect(again.body.code).toBe('ALREADY_VOIDED');
    const edit = await t
      .http()
      .patch(`/newborns/${twice.id}`)
      .set(as(staff))
      .send({ version: voided.version, birthWeightG: 3000, reason: '更正' })
      .expect(409);
    expect(edit.body.code).toBe('ALREADY_VOIDED');
    await t
      .http()
      .post(`/newborns/${twice.id}/feeding-events`)
      .set(as(staff))
      .send({ kind: 'first_breastfeed', startAt: new Date(bornAt.getTime() + 40 * MINUTE) })
      .expect(409);

    // Shown, flagged, beside the baby that counts; its birth order is free again.
    const { body: shown } = await t
      .http()
      .get(`/pregnancies/${delivery.pregnancyId}/delivery`)
      .set(as(staff))
      .expect(200);
    expect(shown.newborns).toEqual([
      expect.objectContaining({ id: first.id, voidedAt: null }),
      expect.objectContaining({ id: twice.id, voidReason: reason }),
    ]);
    await t
      .http()
      .patch(`/newborns/${first.id}`)
      .set(as(staff))
      .send({ version: first.version, birthOrder: 2, reason: '顺序更正' })
      .expect(200);
    const trail = await auditTrail(t.dataSource, 'newborn', twice.id);
    expect(trail[trail.length - 1]).toMatchObject({ action: 'void', reason });

    await t.app.get(IndicatorStaleness).markFromAuditTrail();
    expect((await value('PM-12', lastMonth().key, staff)).stale).toBe(true);
    await compute(lastMonth().key, staff);
    expect(await value('PM-12', lastMonth().key, staff)).toMatchObject({
      denominator: 1,
      stale: false,
    });
  });

  it('a delivery recorded on the wrong woman is voided with its babies; she is open again and the right one is recorded', async () => {
    const staff = await createStaffedFacility(t.dataSource, loginWith(t));
    const day = addDays(today(), -2);
    const period = periodContaining('month', day).key;
    const deliveredAt = tenOClockOn(day);
    const caesarean = deliveryPayload(deliveredAt, { mode: 'caesarean' });
    const { pregnancy, delivery, newborn } = await delivered(day, caesarean, staff);
    const reason = '分娩记录录入到了另一位孕妇';
    const worklist = async () =>
      (
        await t
          .http()
          .get('/worklists/birth-doses')
          .query({ pageSize: 100 })
          .set(as(staff))
          .expect(200)
      ).body.items.map((item: { newbornId: number }) => item.newbornId);
    expect(await worklist()).toEqual([newborn.id]);
    await compute(period, staff);
    expect(await value('BF-06', period, staff)).toMatchObject({ numerator: 1, denominator: 1 });

    // A delivery the mother's postpartum care stands on is not voided.
    const other = await delivered(day, deliveryPayload(deliveredAt), staff);
    await t
      .http()
      .post(`/pregnancies/${other.pregnancy.id}/postpartum-contacts`)
      .set(as(staff))
      .send({ kind: 'postpartum_visit', contactDate: today(), factorCodes: [] })
      .expect(201);
    const blocked = await t
      .http()
      .post(`/deliveries/${other.delivery.id}/void`)
      .set(as(staff))
      .send({ version: other.delivery.version, reason })
      .expect(409);
    expect(blocked.body.code).toBe('VOID_BLOCKED');
    expect(blocked.body.details[0].message).toContain('postpartum contact');

    const voidIt = (version: number) =>
      t.http().post(`/deliveries/${delivery.id}/void`).set(as(staff)).send({ version, reason });
    await t
      .http()
      .post(`/deliveries/${delivery.id}/void`)
      .set(as(home))
      .send({ version: delivery.version, reason })
      .expect(404);
    const { body: voided } = await voidIt(delivery.version).expect(200);
    expect(voided).toMatchObject({ id: delivery.id, voidReason: reason });
    expect(voided.newborns).toEqual([
      expect.objectContaining({
        id: newborn.id,
        voidReason: `delivery ${delivery.id} voided: ${reason}`,
      }),
    ]);
    expect((await voidIt(voided.version).expect(409)).body.code).toBe('ALREADY_VOIDED');
    const { body: reopened } = await t
      .http()
      .get(`/pregnancies/${pregnancy.id}`)
      .set(as(staff))
      .expect(200);
    expect(reopened).toMatchObject({ status: 'open', outcomeDate: null });
    await t.http().get(`/pregnancies/${pregnancy.id}/delivery`).set(as(staff)).expect(404);
    expect(await worklist()).toEqual([other.newborn.id]);
    expect((await auditTrail(t.dataSource, 'delivery', delivery.id)).pop()).toMatchObject({
      action: 'void',
      reason,
    });
    expect((await auditTrail(t.dataSource, 'pregnancy', pregnancy.id)).pop()).toMatchObject({
      action: 'status_change',
    });

    await t.app.get(IndicatorStaleness).markFromAuditTrail();
    expect((await value('BF-06', period, staff)).stale).toBe(true);
    await compute(period, staff);
    expect(await value('BF-06', period, staff)).toMatchObject({ numerator: 0, denominator: 1 });

    // The right delivery, recorded again on her pregnancy.
    const { body: right } = await t
      .http()
      .post(`/pregnancies/${pregnancy.id}/delivery`)
      .set(as(staff))
      .send(deliveryPayload(deliveredAt))
      .expect(201);
    const { body: current } = await t
      .http()
      .get(`/pregnancies/${pregnancy.id}/delivery`)
      .set(as(staff))
      .expect(200);
    expect(current).toMatchObject({ id: right.id, voidedAt: null });
    await t
      .http()
      .post(`/pregnancies/${pregnancy.id}/delivery`)
      .set(as(staff))
      .send(deliveryPayload(deliveredAt))
      .expect(409);
  });

  it('a voided visit leaves the schedule and her last visit day', async () => {
    const p = (
      await t
        .http()
        .post('/registrations')
        .set(as())
        .send(registrationPayload({ pregnancy: { lmp: addDays(today(), -100) } }))
        .expect(201)
    ).body.pregnancy;
    const visit = async (visitDate: string) =>
      (
        await t
          .http()
          .post(`/pregnancies/${p.id}/visits`)
          .set(as())
          .send({ visitDate, weightKg: 60 })
          .expect(201)
      ).body;
    await visit(addDays(today(), -20));
    const second = await visit(addDays(today(), -5));
    const lastVisit = async () =>
      (await t.http().get(`/pregnancies/${p.id}`).set(as()).expect(200)).body.lastVisitDate;
    expect(await lastVisit()).toBe(addDays(today(), -5));

    await t
      .http()
      .post(`/visits/${second.id}/void`)
      .set(as())
      .send({ version: second.version })
      .expect(400);
    const voided = await t
      .http()
      .post(`/visits/${second.id}/void`)
      .set(as())
      .send({ version: second.version, reason: '录入到了错误的孕妇' })
      .expect(200);
    expect(voided.body).toMatchObject({ ordinal: null, voidReason: '录入到了错误的孕妇' });
    expect(await lastVisit()).toBe(addDays(today(), -20));
    const list = (await t.http().get(`/pregnancies/${p.id}/visits`).set(as()).expect(200)).body;
    expect(list.map((v: { ordinal: number | null }) => v.ordinal)).toEqual([1, null]);
    // The same day is free again for the visit that really happened.
    await visit(addDays(today(), -5));
    await t
      .http()
      .patch(`/visits/${second.id}`)
      .set(as())
      .send({ version: voided.body.version, weightKg: 61 })
      .expect(409);
  });

  it('a voided visit leaves the antenatal care indicators', async () => {
    const staff = await createStaffedFacility(t.dataSource, loginWith(t));
    const day = addDays(lastMonth().from, 6);
    const p = await pregnant(day, staff);
    const { body: visit } = await t
      .http()
      .post(`/pregnancies/${p.id}/visits`)
      .set(as(staff))
      .send({ visitDate: addDays(day, -100), weightKg: 62 })
      .expect(201);
    await t
      .http()
      .post(`/pregnancies/${p.id}/delivery`)
      .set(as(staff))
      .send(deliveryPayload(tenOClockOn(day)))
      .expect(201);
    await compute(lastMonth().key, staff);
    expect(await value('SM-02', lastMonth().key, staff)).toMatchObject({
      numerator: 1,
      denominator: 1,
    });
    await t
      .http()
      .post(`/visits/${visit.id}/void`)
      .set(as(staff))
      .send({ version: visit.version, reason: '录入到了错误的孕妇' })
      .expect(200);
    await t.app.get(IndicatorStaleness).markFromAuditTrail();
    expect((await value('SM-02', lastMonth().key, staff)).stale).toBe(true);
    await compute(lastMonth().key, staff);
    expect(await value('SM-02', lastMonth().key, staff)).toMatchObject({
      numerator: 0,
      denominator: 1,
    });
  });

  it("corrects a woman's document number: checked, unique, searchable, audited masked", async () => {
    const payload = registrationPayload();
    const { body } = await t.http().post('/registrations').set(as()).send(payload).expect(201);
    const womanId = body.woman.id as number;
    const birthDate = payload.woman.birthDate as string;
    // Another woman born the same day: her ID is a valid number for this birth date too.
    const other = registrationPayload({ woman: { birthDate: payload.woman.birthDate } });
    await t.http().post('/registrations').set(as()).send(other).expect(201);

    const correct = (input: Record<string, unknown>) =>
      t.http().patch(`/women/${womanId}/document`).set(as()).send(input);
    const version = body.woman.version as number;
    const wrongCheck = String(payload.woman.documentNumber).slice(0, 17) + 'Z';
    await correct({
      version,
      documentType: 'resident_id',
      documentNumber: wrongCheck,
      reason: '身份证号录错',
    }).expect(400);
    const taken = await correct({
      version,
      documentType: 'resident_id',
      documentNumber: other.woman.documentNumber,
      reason: '身份证号录错',
    }).expect(409);
    expect(taken.body.code).toBe('DOCUMENT_TAKEN');
    const newNumber = residentId(birthDate);
    await correct({ version, documentType: 'resident_id', documentNumber: newNumber }).expect(400);
    const corrected = await correct({
      version,
      documentType: 'resident_id',
      documentNumber: newNumber,
      reason: '身份证号录错',
    }).expect(200);
    expect(corrected.body.woman.documentNumber).toBe(newNumber);
    const husbands = await correct({
      version: corrected.body.woman.version,
      documentType: 'resident_id',
      documentNumber: residentId(birthDate, { oddSequence: true }),
      reason: '身份证号录错',
    }).expect(422);
    expect(husbands.body.code).toBe('RESIDENT_ID_MALE_SEQUENCE');
    await correct({
      version,
      documentType: 'resident_id',
      documentNumber: newNumber,
      reason: '身份证号录错',
    }).expect(409);

    const found = await t
      .http()
      .get('/pregnancies')
      .query({ documentNumber: newNumber })
      .set(as())
      .expect(200);
    expect(found.body.items.map((i: { womanId: number }) => i.womanId)).toContain(womanId);
    const trail = await auditTrail(t.dataSource, 'woman', womanId);
    const last = trail[trail.length - 1];
    expect(last).toMatchObject({ action: 'update', reason: '身份证号录错' });
    expect(JSON.stringify(last)).not.toContain(newNumber);
    expect(JSON.stringify(last)).not.toContain(String(payload.woman.documentNumber));
  });
});
