import { addDays } from '../../src/core/time/calendar-date';
import { baby, deliveryPayload, tenOClockOn } from '../factories/delivery.factory';
import type { Staff } from '../factories/people.factory';
import { registrationPayload } from '../factories/registration.factory';
import { bearer } from './auth';
import type { TestApp } from './test-app';

/** An instant `minutes` (and `seconds`) after the birth, as the feeding events take it. */
export type AfterBirth = (minutes: number, seconds?: number) => string;

/**
 * A woman registered by a nurse of `staff`'s facility and delivered there of one live-born baby
 * at 10:00 on `day`, then the baby's feeding events in order. Returns the newborn's id.
 */
export async function birthWithEvents(
  t: TestApp,
  staff: Staff,
  day: string,
  events: (at: AfterBirth) => Array<Record<string, unknown>>,
): Promise<number> {
  const as = bearer(staff.tokens.nurse);
  const registered = await t
    .http()
    .post('/registrations')
    .set(as)
    .send(
      registrationPayload({
        pregnancy: { lmp: addDays(day, -275), registrationDate: addDays(day, -200) },
      }),
    )
    .expect(201);
  const bornAt = tenOClockOn(day);
  const delivered = await t
    .http()
    .post(`/pregnancies/${registered.body.pregnancy.id}/delivery`)
    .set(as)
    .send(deliveryPayload(bornAt, { babies: [baby()] }))
    .expect(201);
  const newbornId = delivered.body.newborns[0].id as number;
  const at: AfterBirth = (minutes, seconds = 0) =>
    new Date(bornAt.getTime() + (minutes * 60 + seconds) * 1000).toISOString();
  for (const event of events(at)) {
    await t.http().post(`/newborns/${newbornId}/feeding-events`).set(as).send(event).expect(201);
  }
  return newbornId;
}
