import { addDays } from '../src/core/time/calendar-date';
import { createStaffedFacility, Staff } from './factories/people.factory';
import { registrationPayload, today } from './factories/registration.factory';
import { bearer, loginWith } from './utils/auth';
import { createTestApp, TestApp } from './utils/test-app';

/** The workbench's appointments due: her latest visit booked today or earlier, not seen since. */
describe('GET /worklists/appointments-due', () => {
  let t: TestApp;
  let ward: Staff;
  let other: Staff;

  const nurse = (staff: Staff) => bearer(staff.tokens.nurse);
  const register = async () => {
    const { body } = await t
      .http()
      .post('/registrations')
      .set(nurse(ward))
      .send(
        registrationPayload({
          pregnancy: { lmp: addDays(today(), -120), registrationDate: addDays(today(), -60) },
        }),
      )
      .expect(201);
    return body.pregnancy.id as number;
  };
  const visit = (pregnancyId: number, visitDate: string, nextAppointmentDate: string) =>
    t
      .http()
      .post(`/pregnancies/${pregnancyId}/visits`)
      .set(nurse(ward))
      .send({ visitDate, weightKg: 60, nextAppointmentDate })
      .expect(201);
  const listed = async (staff = ward) => {
    const { body } = await t
      .http()
      .get('/worklists/appointments-due')
      .query({ pageSize: 100 })
      .set(nurse(staff))
      .expect(200);
    return body.items as Array<{
      pregnancyId: number;
      appointmentDate: string;
      daysLate: number;
      phone: string;
    }>;
  };

  beforeAll(async () => {
    t = await createTestApp();
    ward = await createStaffedFacility(t.dataSource, loginWith(t));
    other = await createStaffedFacility(t.dataSource, loginWith(t));
  });

  afterAll(() => t.close());

  it('lists an appointment of today (0 days late) and of last week, not one of tomorrow', async () => {
    const dueToday = await register();
    const dueLastWeek = await register();
    const dueTomorrow = await register();
    await visit(dueToday, addDays(today(), -28), today());
    await visit(dueLastWeek, addDays(today(), -35), addDays(today(), -7));
    await visit(dueTomorrow, addDays(today(), -27), addDays(today(), 1));

    const items = await listed();
    const mine = items.filter((i) => [dueToday, dueLastWeek, dueTomorrow].includes(i.pregnancyId));
    expect(mine.map((i) => [i.pregnancyId, i.daysLate])).toEqual([
      [dueLastWeek, 7],
      [dueToday, 0],
    ]);
    expect(mine[0].phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect((await listed(other)).map((i) => i.pregnancyId)).not.toContain(dueToday);
  });

  it('leaves her off once she is seen, and lists her again when that visit is voided', async () => {
    const pregnancyId = await register();
    await visit(pregnancyId, addDays(today(), -30), addDays(today(), -2));
    expect((await listed()).map((i) => i.pregnancyId)).toContain(pregnancyId);
    const { body: seen } = await visit(pregnancyId, addDays(today(), -1), addDays(today(), 27));
    expect((await listed()).map((i) => i.pregnancyId)).not.toContain(pregnancyId);
    await t
      .http()
      .post(`/visits/${seen.id}/void`)
      .set(nurse(ward))
      .send({ version: seen.version, reason: '录错了孕妇' })
      .expect(200);
    expect((await listed()).find((i) => i.pregnancyId === pregnancyId)).toMatchObject({
      appointmentDate: addDays(today(), -2),
      daysLate: 2,
    });
  });
});
