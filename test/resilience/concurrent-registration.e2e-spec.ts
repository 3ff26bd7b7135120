import { createStaffedFacility, Staff } from '../factories/people.factory';
import { registrationPayload } from '../factories/registration.factory';
import { bearer, loginWith } from '../utils/auth';
import { documentIndex } from '../utils/identifiers';
import { createTestApp, TestApp } from '../utils/test-app';

const CONCURRENT = 60;

describe('concurrent registrations of the same woman', () => {
  let t: TestApp;
  let home: Staff;

  beforeAll(async () => {
    t = await createTestApp();
    home = await createStaffedFacility(t.dataSource, loginWith(t));
  });

  afterAll(() => t.close());

  it('records her once, answers 201 once and 409 with a code otherwise, never 500', async () => {
    const payload = registrationPayload();
    const answers = await Promise.all(
      Array.from({ length: CONCURRENT }, () =>
        t.http().post('/registrations').set(bearer(home.tokens.nurse)).send(payload),
      ),
    );

    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    for (const answer of answers.filter((a) => a.status !== 201)) {
      expect(answer.status).toBe(409);
      expect(answer.body.code).toEqual(expect.any(String));
    }

    const women = await t.dataSource.query<{ id: number }[]>(
      'SELECT id FROM woman WHERE document_index = ?',
      [documentIndex(String(payload.woman.documentNumber))],
    );
    expect(women).toHaveLength(1);
    const [{ n }] = await t.dataSource.query<{ n: string }[]>(
      "SELECT COUNT(*) AS n FROM pregnancy WHERE woman_id = ? AND status = 'open'",
      [women[0].id],
    );
    expect(Number(n)).toBe(1);
  }, 30_000);
});
