import { loadDotEnv } from '../../config';
import { maskDocumentNumber, maskPhone } from '../../src/core/privacy/masking';
import { createStaffedFacility, createSystemAdmin, Staff } from '../factories/people.factory';
import { registrationPayload, uniquePhone } from '../factories/registration.factory';
import { bearer, loginWith } from '../utils/auth';
import { createTestApp, TestApp } from '../utils/test-app';

interface Entry {
  id: number;
  action: string;
  entity: string;
  entityId: string;
  userId: number | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  unmasked?: boolean;
}

/**
 * The audit trail lists masked values; one entry's full values are revealed to the facility's
 * admin and maternal-health staff only, and each reveal is itself in the trail (issue 17, part 5).
 */
describe('GET /audit-entries/{id}/unmasked', () => {
  let t: TestApp;
  let home: Staff;
  let other: Staff;
  let systemAdminToken: string;
  let documentNumber: string;
  let oldPhone: string;
  let newPhone: string;
  let womanId: number;

  const entriesOf = async (token: string, query: Record<string, string | number>) =>
    (await t.http().get('/audit-entries').query(query).set(bearer(token)).expect(200)).body
      .items as Entry[];

  beforeAll(async () => {
    loadDotEnv();
    t = await createTestApp();
    home = await createStaffedFacility(t.dataSource, loginWith(t));
    other = await createStaffedFacility(t.dataSource, loginWith(t));
    systemAdminToken = (await createSystemAdmin(t.dataSource, loginWith(t))).token;
    const payload = registrationPayload();
    documentNumber = payload.woman.documentNumber as string;
    oldPhone = payload.woman.phone as string;
    newPhone = uniquePhone();
    const { body } = await t
      .http()
      .post('/registrations')
      .set(bearer(home.tokens.nurse))
      .send(payload)
      .expect(201);
    womanId = body.woman.id as number;
    await t
      .http()
      .patch(`/women/${womanId}`)
      .set(bearer(home.tokens.nurse))
      .send({ version: body.woman.version, phone: newPhone })
      .expect(200);
  });

  afterAll(() => t.close());

  const entryOf = async (action: string) => {
    const items = await entriesOf(home.tokens.admin, { entity: 'woman', entityId: womanId });
    const entry = items.find((item) => item.action === action);
    if (!entry) throw new Error(`no ${action} entry`);
    return entry;
  };

  it.each(['admin', 'mch_staff'] as const)(
    'shows %s the full values the list masks, and audits the reveal without them',
    async (role) => {
      const update = await entryOf('update');
      expect(update).toMatchObject({
        before: { phone: maskPhone(oldPhone) },
        after: { phone: maskPhone(newPhone) },
      });
      const { body } = await t
        .http()
        .get(`/audit-entries/${update.id}/unmasked`)
        .set(bearer(home.tokens[role]))
        .expect(200);
      expect(body).toMatchObject({
        id: update.id,
        action: 'update',
        unmasked: true,
        before: { phone: oldPhone },
        after: { phone: newPhone },
      });

      const reveals = await entriesOf(home.tokens[role], {
        entity: 'audit_entry',
        entityId: String(update.id),
        action: 'view_unmasked',
        userId: home.users[role].id,
      });
      expect(reveals).toHaveLength(1);
      expect(reveals[0]).toMatchObject({ userId: home.users[role].id, before: null, after: null });
      // The trail still holds no full value: not in the reveal's row, nor in the listed rows.
      const rows = JSON.stringify(
        await t.dataSource.query(
          'SELECT `before`, `after`, `sealed` FROM audit_entry WHERE facility_id = ?',
          [home.facility.id],
        ),
      );
      for (const secret of [documentNumber, oldPhone, newPhone]) expect(rows).not.toContain(secret);
    },
  );

  it('reveals the document number of the registration', async () => {
    const created = await entryOf('create');
    expect(created.after).toMatchObject({ documentNumber: maskDocumentNumber(documentNumber) });
    const { body } = await t
      .http()
      .get(`/audit-entries/${created.id}/unmasked`)
      .set(bearer(home.tokens.admin))
      .expect(200);
    expect(body.after).toMatchObject({ documentNumber, phone: oldPhone });
  });

  it('answers an entry that masked nothing as listed, unmasked false', async () => {
    await t.http().get(`/women/${womanId}`).set(bearer(home.tokens.nurse)).expect(200);
    const view = await entryOf('view_unmasked');
    const { body } = await t
      .http()
      .get(`/audit-entries/${view.id}/unmasked`)
      .set(bearer(home.tokens.admin))
      .expect(200);
    expect(body).toMatchObject({ id: view.id, unmasked: false, before: null, after: null });
  });

  it("answers 404 for another facility's entry, and writes no reveal", async () => {
    const update = await entryOf('update');
    const { body } = await t
      .http()
      .get(`/audit-entries/${update.id}/unmasked`)
      .set(bearer(other.tokens.admin))
      .expect(404);
    expect(body).toMatchObject({ statusCode: 404, code: 'AUDIT_ENTRY_NOT_FOUND' });
    expect(JSON.stringify(body)).not.toContain(newPhone);
    await t
      .http()
      .get('/audit-entries/2147483647/unmasked')
      .set(bearer(home.tokens.admin))
      .expect(404);
    const reveals = await t.dataSource.query<unknown[]>(
      "SELECT id FROM audit_entry WHERE entity = 'audit_entry' AND action = 'view_unmasked' AND user_id = ?",
      [other.users.admin.id],
    );
    expect(reveals).toEqual([]);
  });

  it.each([
    ['nurse', () => home.tokens.nurse],
    ['statistician', () => home.tokens.statistician],
    ['system_admin', () => systemAdminToken],
  ])('refuses a %s with 403', async (_role, token) => {
    const update = await entryOf('update');
    const { body } = await t
      .http()
      .get(`/audit-entries/${update.id}/unmasked`)
      .set(bearer(token()))
      .expect(403);
    expect(body).toMatchObject({ code: 'FORBIDDEN_ROLE' });
  });

  it('refuses ids that are not plain digits', async () => {
    for (const id of ['1e3', '0x10', 'abc']) {
      await t
        .http()
        .get(`/audit-entries/${id}/unmasked`)
        .set(bearer(home.tokens.admin))
        .expect(400);
    }
  });

  it('keeps test results withheld from an admin, shown to maternal-health staff', async () => {
    const { body: registered } = await t
      .http()
      .post('/registrations')
      .set(bearer(home.tokens.nurse))
      .send(registrationPayload())
      .expect(201);
    const { body: test } = await t
      .http()
      .post(`/pregnancies/${registered.pregnancy.id}/pmtct-tests`)
      .set(bearer(home.tokens.nurse))
      .send({
        disease: 'syphilis',
        kind: 'screening',
        setting: 'antenatal',
        sampleDate: registered.pregnancy.registrationDate,
        result: 'negative',
        resultDate: registered.pregnancy.registrationDate,
      })
      .expect(201);
    const [created] = await entriesOf(home.tokens.admin, {
      entity: 'pmtct_test',
      entityId: String(test.id),
    });
    const reveal = async (role: 'admin' | 'mch_staff') =>
      (
        await t
          .http()
          .get(`/audit-entries/${created.id}/unmasked`)
          .set(bearer(home.tokens[role]))
          .expect(200)
      ).body as Entry;
    expect((await reveal('admin')).after).toMatchObject({ result: '[withheld]' });
    expect((await reveal('mch_staff')).after).toMatchObject({ result: 'negative' });
  });
});
