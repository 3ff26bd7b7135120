/** A baby for a delivery payload: a healthy live-born girl unless overridden. */
export function baby(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    birthOrder: 1,
    sex: 'female',
    birthWeightG: 3250,
    lengthCm: 50,
    apgar1: 9,
    apgar5: 10,
    vitalStatus: 'live_birth',
    ...overrides,
  };
}

/** A spontaneous vaginal delivery in the facility at `deliveredAt`, with one baby unless given. */
export function deliveryPayload(
  deliveredAt: Date,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    deliveredAt: deliveredAt.toISOString(),
    place: 'this_facility',
    mode: 'spontaneous_vaginal',
    maternalOutcome: 'well',
    bloodLossMl: 250,
    babies: [baby()],
    ...overrides,
  };
}

/**
 * 10:00 in the hospital's zone (Asia/Shanghai, UTC+8) on a calendar day; for today before 10:00,
 * a minute ago, so the time is never in the future.
 */
export function tenOClockOn(date: string): Date {
  const tenOClock = new Date(`${date}T02:00:00.000Z`);
  const aMinuteAgo = new Date(Date.now() - 60_000);
  return tenOClock < aMinuteAgo ? tenOClock : aMinuteAgo;
}

/** A birth dose for `PUT /newborns/{id}/birth-doses`: hepatitis B unless overridden. */
export function birthDosePayload(
  version: number,
  givenAt: Date,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    version,
    vaccine: 'hep_b',
    givenAt: givenAt.toISOString(),
    batchNumber: '202611A017',
    givenBy: '产房 李护士',
    ...overrides,
  };
}
