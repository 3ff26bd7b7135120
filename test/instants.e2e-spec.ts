import { addDays } from '../src/core/time/calendar-date';
import { baby, deliveryPayload } from './factories/delivery.factory';
import { createStaffedFacility, Staff } from './factories/people.factory';
import { registrationPayload, today } from './factories/registration.factory';
import { bearer, loginWith } from './utils/auth';
import { createTestApp, TestApp } from './utils/test-app';

const RULE_MESSAGE = 'must be an ISO 8601 date-time with its UTC offset, Z or ±hh:mm';

// A time without an offset used to be read in the server's zone: in a UTC container a birth at
// 20:00 Beijing time moved to the next day (and on 30 September, to the next month).
describe('instants in requests carry their offset', () => {
  let t: TestApp;
  let home: Staff;

  const as = (role: keyof Staff['tokens'] = 'nurse') => bearer(home.tokens[role]);
  const refusal = (field: string) =>
    expect.objectContaining({
      field,
      rule: 'isInstant',
      message: expect.stringContaining(`${field.replace(/^.*\./, '')} ${RULE_MESSAGE}`),
    });

  const register = (pregnancy: Record<string, unknown>) =>
    t.http().post('/registrations').set(as()).send(registrationPayload({ pregnancy }));

  async function pregnantAtTerm(): Promise<number> {
    const { body } = await register({
      lmp: addDays(today(), -281),
      registrationDate: addDays(today(), -200),
    }).expect(201);
    return body.pregnancy.id as number;
  }

  const deliver = (pregnancyId: number, payload: Record<string, unknown>) =>
    t.http().post(`/pregnancies/${pregnancyId}/delivery`).set(as()).send(payload);

  beforeAll(async () => {
    t = await createTestApp();
    home = await createStaffedFacility(t.dataSource, loginWith(t));
  });

  afterAll(() => t.close());

  it('a naive delivery time answers 400 naming deliveredAt and records nothing; with +08:00 it is the hospital day it says', async () => {
    const day = addDays(today(), -1);
    const pregnancyId = await pregnantAtTerm();
    const payload = deliveryPayload(new Date(), { deliveredAt: `${day}T20:00:00` });

    const naive = await deliver(pregnancyId, payload).expect(400);
    expect(naive.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect(naive.body.details).toEqual([refusal('deliveredAt')]);
    const untouched = (await t.http().get(`/pregnancies/${pregnancyId}`).set(as()).expect(200))
      .body;
    expect(untouched.status).toBe('open');

    const delivered = await deliver(pregnancyId, {
      ...payload,
      deliveredAt: `${day}T20:00:00+08:00`,
    }).expect(201);
    // The response side is unchanged: instants go out in UTC, written with Z.
    expect(delivered.body.deliveredAt).toBe(`${day}T12:00:00.000Z`);
    expect(delivered.body.newborns[0].bornAt).toBe(`${day}T12:00:00.000Z`);
    const pregnancy = (await t.http().get(`/pregnancies/${pregnancyId}`).set(as()).expect(200))
      .body;
    expect(pregnancy).toMatchObject({ status: 'delivered', outcomeDate: day });
  });

  it("a naive baby's birth time is named by its path in the payload", async () => {
    const day = addDays(today(), -1);
    const pregnancyId = await pregnantAtTerm();
    const { body } = await deliver(
      pregnancyId,
      deliveryPayload(new Date(`${day}T10:00:00Z`), {
        babies: [baby(), baby({ birthOrder: 2, bornAt: `${day}T18:10:00` })],
      }),
    ).expect(400);
    expect(body.details).toEqual([refusal('babies[1].bornAt')]);
  });

  it('a feeding event with a naive start answers 400; the same with +08:00, Z or -05:30 is taken', async () => {
    const day = addDays(today(), -1);
    const pregnancyId = await pregnantAtTerm();
    const delivered = await deliver(
      pregnancyId,
      deliveryPayload(new Date(`${day}T02:00:00+08:00`)),
    ).expect(201);
    const newbornId = delivered.body.newborns[0].id as number;
    const event = (body: Record<string, unknown>) =>
      t.http().post(`/newborns/${newbornId}/feeding-events`).set(as()).send(body);

    const naive = await event({
      kind: 'skin_to_skin',
      startAt: `${day}T02:05:00`,
      endAt: `${day}T03:15:00+08:00`,
    }).expect(400);
    expect(naive.body.details).toEqual([refusal('startAt')]);
    const naiveEnd = await event({
      kind: 'skin_to_skin',
      startAt: `${day}T02:05:00+08:00`,
      endAt: `${day}T03:15:00.000`,
    }).expect(400);
    expect(naiveEnd.body.details).toEqual([refusal('endAt')]);
    const badOffset = await event({
      kind: 'skin_to_skin',
      startAt: `${day}T02:05:00+24:00`,
    }).expect(400);
    expect(badOffset.body.details).toEqual([refusal('startAt')]);

    const skin = await event({
      kind: 'skin_to_skin',
      startAt: `${day}T02:05:00+08:00`,
      endAt: `${addDays(day, -1)}T19:15:00Z`,
    }).expect(201);
    expect(skin.body).toMatchObject({
      startAt: `${addDays(day, -1)}T18:05:00.000Z`,
      endAt: `${addDays(day, -1)}T19:15:00.000Z`,
    });
    const feed = await event({
      kind: 'first_breastfeed',
      // 02:40 in Beijing is 18:40 UTC the day before, 13:10 the day before at -05:30.
      startAt: `${addDays(day, -1)}T13:10:00.250-05:30`,
    }).expect(201);
    expect(feed.body.startAt).toBe(`${addDays(day, -1)}T18:40:00.250Z`);
  });

  it('an instant in a query string is held to the same rule: from/to of the audit trail', async () => {
    const list = (query: Record<string, string>) =>
      t.http().get('/audit-entries').query(query).set(as('mch_staff'));
    const day = today();

    const naive = await list({ from: `${day}T00:00:00` }).expect(400);
    expect(naive.body.details).toEqual([refusal('from')]);
    const naiveTo = await list({ from: `${day}T00:00:00Z`, to: `${day}T23:00` }).expect(400);
    expect(naiveTo.body.details).toEqual([refusal('to')]);

    // supertest percent-encodes '+' as %2B, as a client must: an unencoded '+' reads as a space.
    await list({ from: `${addDays(day, -1)}T00:00:00+08:00`, to: `${day}T23:59:59Z` }).expect(200);
    const unencoded = await t
      .http()
      .get(`/audit-entries?from=${day}T00:00:00+08:00`)
      .set(as('mch_staff'))
      .expect(400);
    expect(unencoded.body.details).toEqual([refusal('from')]);
  });

  it('plain dates stay plain dates: a date-time in a date field is still refused', async () => {
    const { body } = await register({
      lmp: `${addDays(today(), -60)}T00:00:00+08:00`,
    }).expect(400);
    expect(body.details).toEqual([expect.objectContaining({ field: 'pregnancy.lmp' })]);
  });
});
