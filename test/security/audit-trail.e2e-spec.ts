import {
  type Connection,
  createConnection,
  type ResultSetHeader,
  type RowDataPacket,
} from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { asMigrationAccount, databaseConfig, loadDotEnv } from '../../config';
import { dataSourceOptions } from '../../src/core/database/data-source-options';
import { maskDocumentNumber, maskPhone } from '../../src/core/privacy/masking';
import { MaskAuditSecrets1795362000000 } from '../../migrations/1795362000000-MaskAuditSecrets';
import { createStaffedFacility, Staff } from '../factories/people.factory';
import { registrationPayload, uniquePhone } from '../factories/registration.factory';
import { bearer, loginWith } from '../utils/auth';
import { createTestApp, TestApp } from '../utils/test-app';

/**
 * The audit trail keeps no full document number or phone, and the application's database account
 * can add to it but never change or remove a row (issue 12, item 6).
 */
describe('audit trail', () => {
  let t: TestApp;
  let home: Staff;

  beforeAll(async () => {
    loadDotEnv();
    t = await createTestApp();
    home = await createStaffedFacility(t.dataSource, loginWith(t));
  });

  afterAll(() => t.close());

  it('GET /audit-entries holds no full document number or phone, before or after a change', async () => {
    const payload = registrationPayload();
    const documentNumber = payload.woman.documentNumber as string;
    const oldPhone = payload.woman.phone as string;
    const newPhone = uniquePhone();
    const { body: registered } = await t
      .http()
      .post('/registrations')
      .set(bearer(home.tokens.nurse))
      .send(payload)
      .expect(201);
    const womanId = registered.woman.id as number;
    await t
      .http()
      .patch(`/women/${womanId}`)
      .set(bearer(home.tokens.nurse))
      .send({ version: registered.woman.version, phone: newPhone })
      .expect(200);

    for (const role of ['mch_staff', 'admin'] as const) {
      const { body } = await t
        .http()
        .get('/audit-entries')
        .query({ entity: 'woman', entityId: String(womanId) })
        .set(bearer(home.tokens[role]))
        .expect(200);
      const text = JSON.stringify(body);
      expect(text).not.toContain(documentNumber);
      expect(text).not.toContain(oldPhone);
      expect(text).not.toContain(newPhone);
      const update = body.items.find((e: { action: string }) => e.action === 'update');
      expect(update).toMatchObject({
        before: { phone: maskPhone(oldPhone) },
        after: { phone: maskPhone(newPhone) },
      });
      const created = body.items.find((e: { action: string }) => e.action === 'create');
      expect(created.after).toMatchObject({
        documentNumber: maskDocumentNumber(documentNumber),
        phone: maskPhone(oldPhone),
      });
    }
    // Not in the stored rows either, whoever reads them.
    const stored = await t.dataSource.query<Array<{ before: unknown; after: unknown }>>(
      "SELECT `before`, `after` FROM audit_entry WHERE entity = 'woman' AND entity_id = ?",
      [String(womanId)],
    );
    const rows = JSON.stringify(stored);
    for (const secret of [documentNumber, oldPhone, newPhone]) expect(rows).not.toContain(secret);
  });

  it('reading the trail is itself audited', async () => {
    await t
      .http()
      .get('/audit-entries')
      .query({ entity: 'woman', pageSize: 5 })
      .set(bearer(home.tokens.admin))
      .expect(200);
    const reads = await t.dataSource.query<Array<{ entity_id: string }>>(
      "SELECT entity_id FROM audit_entry WHERE entity = 'audit_entry' AND action = 'view_sensitive' AND user_id = ?",
      [home.users.admin.id],
    );
    expect(reads.length).toBeGreaterThanOrEqual(1);
  });

  describe("the application's database account", () => {
    let app: Connection;
    let entryId: number;

    beforeAll(async () => {
      const config = databaseConfig();
      app = await createConnection({
        host: config.host,
        port: config.port,
        user: config.username,
        password: config.password,
        database: config.database,
      });
    });

    afterAll(() => app.end());

    it('inserts and reads audit rows', async () => {
      const [inserted] = await app.query<ResultSetHeader>(
        "INSERT INTO audit_entry (occurred_at, facility_id, entity, entity_id, action, `after`) VALUES (NOW(3), ?, 'woman', '0', 'create', '{}')",
        [home.facility.id],
      );
      entryId = inserted.insertId;
      const [rows] = await app.query<RowDataPacket[]>('SELECT id FROM audit_entry WHERE id = ?', [
        entryId,
      ]);
      expect(rows).toHaveLength(1);
    });

    it.each([
      ['UPDATE', "UPDATE audit_entry SET reason = 'rewritten' WHERE id = ?"],
      ['DELETE', 'DELETE FROM audit_entry WHERE id = ?'],
    ])('is refused %s on audit rows by the database itself', async (_verb, sql) => {
      await expect(app.query(sql, [entryId])).rejects.toMatchObject({
        code: 'ER_TABLEACCESS_DENIED_ERROR',
      });
    });

    it.each([
      ['TRUNCATE', 'TRUNCATE TABLE audit_entry'],
      ['DROP', 'DROP TABLE audit_entry'],
      ['ALTER', 'ALTER TABLE audit_entry DROP COLUMN reason'],
      ['CREATE', 'CREATE TABLE audit_copy (id INT)'],
    ])('is refused %s: it holds no schema privilege', async (_verb, sql) => {
      await expect(app.query(sql)).rejects.toMatchObject({
        code: 'ER_TABLEACCESS_DENIED_ERROR',
      });
    });

    it('still changes and removes the rows of other tables', async () => {
      const [updated] = await app.query<ResultSetHeader>(
        'UPDATE facility SET name = name WHERE id = ?',
        [home.facility.id],
      );
      expect(updated.affectedRows).toBe(1);
      await app.query('DELETE FROM indicator_target WHERE facility_id = ?', [home.facility.id]);
    });
  });

  it('the masking migration masks the full numbers that older rows hold', async () => {
    const owner = new DataSource(dataSourceOptions(asMigrationAccount(databaseConfig())));
    await owner.initialize();
    try {
      const before = { phone: '13812345678', name: '李娜' };
      const after = {
        phone: '13987654321',
        documentNumber: '11010519900101002X',
        contactPhone: '13511112222',
        fetusCount: 2,
      };
      const { insertId } = await owner.query<{ insertId: number }>(
        "INSERT INTO audit_entry (occurred_at, entity, entity_id, action, `before`, `after`) VALUES (NOW(3), 'woman', '0', 'update', ?, ?)",
        [JSON.stringify(before), JSON.stringify(after)],
      );
      const runner = owner.createQueryRunner();
      try {
        await new MaskAuditSecrets1795362000000().up(runner);
        await new MaskAuditSecrets1795362000000().up(runner);
      } finally {
        await runner.release();
      }
      const [row] = await owner.query<Array<{ before: string; after: string }>>(
        'SELECT `before`, `after` FROM audit_entry WHERE id = ?',
        [insertId],
      );
      const parse = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value);
      expect(parse(row.before)).toEqual({ phone: maskPhone(before.phone), name: '李娜' });
      expect(parse(row.after)).toEqual({
        phone: maskPhone(after.phone),
        documentNumber: maskDocumentNumber(after.documentNumber),
        contactPhone: maskPhone(after.contactPhone),
        fetusCount: 2,
      });
    } finally {
      await owner.destroy();
    }
  });
});
