import { randomBytes } from 'node:crypto';
import { parseIdentifierKeys } from '../../config';
import {
  IdentifierCipher,
  identifierCipher,
  useIdentifierCipher,
} from '../../src/core/privacy/identifier-cipher';
import { maskDocumentNumber, maskPhone } from '../../src/core/privacy/masking';
import { addDays, startOfDayIn } from '../../src/core/time/calendar-date';
import { resealWomanIdentifiers } from '../../src/women/reseal-identifiers';
import { deliveryPayload } from '../factories/delivery.factory';
import { createStaffedFacility, Staff } from '../factories/people.factory';
import {
  registrationPayload,
  today,
  uniqueName,
  uniquePhone,
} from '../factories/registration.factory';
import { auditTrail } from '../utils/audit-trail';
import { bearer, loginWith } from '../utils/auth';
import { rawWomanRow } from '../utils/identifiers';
import { createTestApp, TestApp } from '../utils/test-app';

type Role = keyof Staff['tokens'];

/**
 * Issue 12, items 7–9(a): what a facility may learn and change about a woman another facility
 * registered, masked lists with an audited reveal, and identifiers encrypted in the database.
 * Facility A registers her; facility B tries.
 */
describe('trust boundary: identities across facilities', () => {
  let t: TestApp;
  let a: Staff;
  let b: Staff;

  const as = (staff: Staff, role: Role = 'nurse') => bearer(staff.tokens[role]);
  const register = (payload: object, staff: Staff) =>
    t.http().post('/registrations').set(as(staff)).send(payload);
  const recordWoman = (woman: object, staff: Staff) =>
    t.http().post('/women').set(as(staff)).send(woman);
  const passport = () => `E${randomBytes(4).readUInt32BE() % 1e8}`.padEnd(9, '7');

  /** A woman facility A recorded on her own (no pregnancy yet), with details B will not type. */
  async function knownAtA(woman: Record<string, unknown> = {}) {
    const payload = registrationPayload({
      woman: {
        residenceRegionCode: '110108',
        education: 'postgraduate',
        occupation: '大学教师',
        ...woman,
      },
    });
    const { body } = await recordWoman(payload.woman, a).expect(201);
    return { payload, id: body.woman.id as number };
  }

  beforeAll(async () => {
    t = await createTestApp();
    a = await createStaffedFacility(t.dataSource, loginWith(t));
    b = await createStaffedFacility(t.dataSource, loginWith(t));
  });

  afterAll(() => t.close());

  describe('registration of a woman another facility holds', () => {
    it.each([
      ['POST /registrations', true],
      ['POST /women', false],
    ])(
      '%s from B changes nothing at A and answers only with what B typed',
      async (_name, withPregnancy) => {
        const { payload, id } = await knownAtA();
        const before = await rawWomanRow(t.dataSource, id);
        const auditBefore = await auditTrail(t.dataSource, 'woman', id);
        const typed = {
          documentType: 'resident_id',
          documentNumber: (payload.woman.documentNumber as string).toLowerCase(),
          name: ` ${payload.woman.name as string} `,
          birthDate: payload.woman.birthDate,
          phone: uniquePhone(),
          residenceRegionCode: '310101',
          householdType: 'migrant',
        };
        const response = withPregnancy
          ? await register({ ...payload, woman: typed }, b).expect(201)
          : await recordWoman(typed, b).expect(201);

        // Her record at A is untouched: every column, the version and updated_at included.
        expect(await rawWomanRow(t.dataSource, id)).toEqual(before);
        expect(await auditTrail(t.dataSource, 'woman', id)).toHaveLength(auditBefore.length);

        // B hears back what it typed, and learns that the record is shared and left as it was.
        expect(response.body).toMatchObject({
          existingWoman: true,
          contactDetailsApplied: false,
          possibleDuplicates: [],
        });
        expect(response.body.woman).toEqual({
          id,
          documentType: 'resident_id',
          documentNumber: payload.woman.documentNumber,
          documentNumberMasked: false,
          name: payload.woman.name,
          birthDate: payload.woman.birthDate,
          phone: typed.phone,
          residenceRegionCode: '310101',
          residenceAddress: null,
          residenceSince: null,
          hukouRegionCode: null,
          hukouAddress: null,
          householdType: 'migrant',
          education: null,
          occupation: null,
          oddSequenceConfirmed: false,
          mergedIntoId: null,
          version: before.version,
        });
        const text = JSON.stringify(response.body);
        const storedPhone = payload.woman.phone as string;
        for (const stored of [
          storedPhone,
          maskPhone(storedPhone),
          storedPhone.slice(-4),
          '110108',
          'postgraduate',
          '大学教师',
        ]) {
          expect(text).not.toContain(stored);
        }

        // Holding none of her pregnancies, B still cannot open her record; once it holds one,
        // she is B's patient too, and B's full view is audited like any other.
        const view = t.http().get(`/women/${id}`).set(as(b));
        if (!withPregnancy) {
          await view.expect(404);
          return;
        }
        const full = await view.expect(200);
        expect(full.body.phone).toBe(storedPhone);
        const audit = await auditTrail(t.dataSource, 'woman', id);
        expect(audit.at(-1)).toMatchObject({
          action: 'view_unmasked',
          facilityId: b.facility.id,
        });
      },
    );

    it('keeps the date of her pregnancy at A out of the answer to B', async () => {
      const payload = registrationPayload({
        pregnancy: { registrationDate: addDays(today(), -300), lmp: addDays(today(), -330) },
      });
      const first = await register(payload, a).expect(201);
      const delivered = addDays(today(), -60);
      await t
        .http()
        .post(`/pregnancies/${first.body.pregnancy.id}/delivery`)
        .set(as(a))
        .send(deliveryPayload(new Date(`${delivered}T02:00:00.000Z`)))
        .expect(201);
      const overlapping = {
        ...payload,
        pregnancy: { ...payload.pregnancy, registrationDate: today(), lmp: addDays(delivered, -1) },
      };
      const fromB = await register(overlapping, b).expect(400);
      expect(fromB.body.code).toBe('DATING_INCONSISTENT');
      expect(fromB.body.details).toEqual([
        expect.objectContaining({ field: 'pregnancy.lmp', rule: 'afterPreviousPregnancy' }),
      ]);
      expect(JSON.stringify(fromB.body)).not.toContain(delivered);
      const fromA = await register(overlapping, a).expect(400);
      expect(JSON.stringify(fromA.body)).toContain(delivered);
    });

    it('answers an open pregnancy elsewhere without her id or where it is', async () => {
      const payload = registrationPayload();
      await register(payload, a).expect(201);
      const fromB = await register(payload, b).expect(409);
      expect(fromB.body).toEqual({
        statusCode: 409,
        code: 'PREGNANCY_ALREADY_OPEN',
        message: 'She already has an open pregnancy; close, end or transfer it first',
        details: [],
      });
    });
  });

  describe('a name or birth date that differs from the record', () => {
    const wrongName = (woman: Record<string, unknown>) => ({ ...woman, name: uniqueName() });
    const wrongBirthDate = (woman: Record<string, unknown>) => ({
      ...woman,
      birthDate: addDays(woman.birthDate as string, 1),
    });

    it.each([
      ['POST /women', 'name', '', wrongName],
      ['POST /women', 'birth date', '', wrongBirthDate],
      ['POST /registrations', 'name', 'woman.', wrongName],
      ['POST /registrations', 'birth date', 'woman.', wrongBirthDate],
    ])(
      '%s, wrong %s: one answer whether B or another facility holds the record, nothing changed',
      async (endpoint, _field, prefix, wrong) => {
        // Passports: a resident ID's birth date is checked against the ID before any lookup.
        const mine = registrationPayload({
          woman: { documentType: 'passport', documentNumber: passport() },
        });
        await recordWoman(mine.woman, b).expect(201);
        const elsewhere = await knownAtA({ documentType: 'passport', documentNumber: passport() });
        const rowAtA = await rawWomanRow(t.dataSource, elsewhere.id);

        const attempt = (payload: typeof mine) =>
          endpoint === 'POST /women'
            ? recordWoman(wrong(payload.woman), b)
            : register({ ...payload, woman: wrong(payload.woman) }, b);
        const own = await attempt(mine);
        const foreign = await attempt(elsewhere.payload);

        expect(own.status).toBe(409);
        expect(foreign.status).toBe(409);
        expect(foreign.body).toEqual(own.body);
        expect(own.body).toEqual({
          statusCode: 409,
          code: 'DOCUMENT_NAME_MISMATCH',
          message:
            'This document is already registered with another name or birth date; check the document, the name and the birth date',
          details: [
            {
              field: `${prefix}name`,
              rule: 'matchesExistingRecord',
              message: 'name and birth date must match the record of this document',
            },
            {
              field: `${prefix}birthDate`,
              rule: 'matchesExistingRecord',
              message: 'name and birth date must match the record of this document',
            },
          ],
        });
        expect(await rawWomanRow(t.dataSource, elsewhere.id)).toEqual(rowAtA);
      },
    );

    it('answers a matching registration with the same status whether B holds her or not', async () => {
      const mine = registrationPayload();
      await recordWoman(mine.woman, b).expect(201);
      const elsewhere = await knownAtA();
      const own = await register(mine, b);
      const foreign = await register(elsewhere.payload, b);
      expect([own.status, foreign.status]).toEqual([201, 201]);
      expect(Object.keys(foreign.body).sort()).toEqual(Object.keys(own.body).sort());
      expect(Object.keys(foreign.body.woman).sort()).toEqual(Object.keys(own.body.woman).sort());
    });
  });

  describe('possible duplicates across facilities', () => {
    it('flags a record held elsewhere without its name or document, and mch_staff of both see a merge review', async () => {
      const x = await knownAtA({ name: uniqueName() });
      const y = registrationPayload({
        woman: {
          documentType: 'passport',
          documentNumber: passport(),
          name: x.payload.woman.name,
          birthDate: x.payload.woman.birthDate,
          phone: x.payload.woman.phone,
        },
      });
      const registered = await register(y, b).expect(201);
      const hidden = {
        womanId: registered.body.woman.id,
        matchedWomanId: null,
        matchedAtOtherFacility: true,
        matchedName: null,
        matchedDocumentNumber: null,
      };
      expect(registered.body.possibleDuplicates).toEqual([
        expect.objectContaining({ ...hidden, reason: 'same_name_and_birth_date' }),
        expect.objectContaining({ ...hidden, reason: 'same_phone' }),
      ]);
      const xDocument = x.payload.woman.documentNumber as string;
      const leaks = [xDocument, maskDocumentNumber(xDocument), String(x.id)];
      const flagsText = JSON.stringify(registered.body.possibleDuplicates);
      for (const leak of leaks) expect(flagsText).not.toContain(leak);

      const list = await t
        .http()
        .get('/women/possible-duplicates')
        .set(as(b, 'mch_staff'))
        .expect(200);
      const listed = list.body.items.filter(
        (item: { womanId: number }) => item.womanId === registered.body.woman.id,
      );
      expect(listed).toHaveLength(2);
      for (const item of listed) expect(item).toMatchObject(hidden);
      for (const leak of leaks) expect(JSON.stringify(listed)).not.toContain(leak);

      // The registration queued a review of the pair; asking again by hand is refused.
      const flagId = registered.body.possibleDuplicates[0].id as number;
      const review = (staff: Staff, role: Role = 'mch_staff') =>
        t
          .http()
          .post(`/women/possible-duplicates/${flagId}/merge-review`)
          .set(as(staff, role))
          .send({ note: '同名同生日，请核实' });
      await review(b, 'nurse').expect(403);
      await review(a).expect(404);
      expect((await review(b).expect(409)).body.code).toBe('MERGE_REVIEW_EXISTS');
      const [requested] = (
        await t.http().get('/women/merge-reviews').set(as(b, 'mch_staff')).expect(200)
      ).body.items.filter(
        (item: { possibleDuplicateId: number }) => item.possibleDuplicateId === flagId,
      );
      expect(requested).toMatchObject({
        possibleDuplicateId: flagId,
        reason: 'same_name_and_birth_date',
        status: 'requested',
        requestingFacilityId: b.facility.id,
        matchedFacilityId: a.facility.id,
        reviewingFacilityId: a.facility.id,
        woman: { womanId: registered.body.woman.id, name: y.woman.name, atOtherFacility: false },
        matched: { womanId: null, name: null, documentNumber: null, atOtherFacility: true },
      });

      const reviewsOf = async (staff: Staff) =>
        (
          await t.http().get('/women/merge-reviews').set(as(staff, 'mch_staff')).expect(200)
        ).body.items.filter((item: { id: number }) => item.id === requested.id);
      expect(await reviewsOf(b)).toEqual([requested]);
      const [seenAtA] = await reviewsOf(a);
      expect(seenAtA).toMatchObject({
        woman: { womanId: null, name: null, documentNumber: null, atOtherFacility: true },
        matched: {
          womanId: x.id,
          name: x.payload.woman.name,
          documentNumber: maskDocumentNumber(xDocument),
          atOtherFacility: false,
        },
      });
      expect(JSON.stringify(seenAtA)).not.toContain(y.woman.documentNumber as string);
      const c = await createStaffedFacility(t.dataSource, loginWith(t));
      expect(await reviewsOf(c)).toEqual([]);
      await t.http().get('/women/merge-reviews').set(as(a, 'nurse')).expect(403);

      const audit = await auditTrail(t.dataSource, 'merge_review', requested.id);
      expect(audit.map((row) => [row.action, row.facilityId])).toEqual([
        ['create', b.facility.id],
        ['create', a.facility.id],
      ]);
    });
  });

  describe('worklists mask phones; a nurse reveals one at a time, audited', () => {
    const masked = /^\d{3}\*{4}\d{4}$/;
    let woman: { id: number; phone: string; pregnancyId: number };
    let mother: { id: number; phone: string; pregnancyId: number };

    beforeAll(async () => {
      // GA 110, registered 30 days ago, no visit and no test: overdue for ANC1 and untested by 13+0.
      const payload = registrationPayload({
        pregnancy: { lmp: addDays(today(), -110), registrationDate: addDays(today(), -30) },
      });
      const registered = await register(payload, a).expect(201);
      woman = {
        id: registered.body.woman.id,
        phone: payload.woman.phone as string,
        pregnancyId: registered.body.pregnancy.id,
      };
      // Born 122 days ago: her 4-month phone follow-up is due.
      const birthDay = addDays(today(), -122);
      const delivered = registrationPayload({
        pregnancy: { lmp: addDays(birthDay, -280), registrationDate: addDays(birthDay, -200) },
      });
      const withBaby = await register(delivered, a).expect(201);
      await t
        .http()
        .post(`/pregnancies/${withBaby.body.pregnancy.id}/delivery`)
        .set(as(a))
        .send(
          deliveryPayload(
            new Date(startOfDayIn(birthDay, 'Asia/Shanghai').getTime() + 10 * 3_600_000),
          ),
        )
        .expect(201);
      mother = {
        id: withBaby.body.woman.id,
        phone: delivered.woman.phone as string,
        pregnancyId: withBaby.body.pregnancy.id,
      };
    });

    const listed = async (path: string, query: Record<string, unknown>, pregnancyId: number) => {
      const { body } = await t
        .http()
        .get(path)
        .query({ pageSize: 100, ...query })
        .set(as(a))
        .expect(200);
      const items = body.items.filter(
        (item: { pregnancyId: number }) => item.pregnancyId === pregnancyId,
      );
      expect(items.length).toBeGreaterThan(0);
      return { items, text: JSON.stringify(body) };
    };

    it.each([
      ['overdue visits', '/worklists/overdue-visits', {}, () => woman],
      [
        'PMTCT untested by 13 weeks',
        '/worklists/pmtct',
        { list: 'untested_by_13_weeks' },
        () => woman,
      ],
      [
        'postpartum phone follow-ups',
        '/worklists/postpartum',
        { list: 'phone_follow_ups' },
        () => mother,
      ],
    ])('%s', async (_name, path, query, who) => {
      const { id, phone, pregnancyId } = who();
      const { items, text } = await listed(path, query, pregnancyId);
      for (const item of items) {
        expect(item).toMatchObject({ womanId: id, phone: maskPhone(phone) });
        expect(item.phone).toMatch(masked);
      }
      expect(text).not.toContain(phone);
    });

    it('folic acid', async () => {
      const alone = await knownAtA();
      const { body } = await t
        .http()
        .get('/worklists/folic-acid')
        .query({ pageSize: 100 })
        .set(as(a))
        .expect(200);
      const [item] = body.items.filter((i: { womanId: number }) => i.womanId === alone.id);
      expect(item.phone).toBe(maskPhone(alone.payload.woman.phone as string));
      expect(JSON.stringify(body)).not.toContain(alone.payload.woman.phone as string);
    });

    it('GET /women/{id}/contact reveals her phone, one audit row per reveal, 404 elsewhere', async () => {
      const reveals = async () =>
        (await auditTrail(t.dataSource, 'woman', woman.id)).filter(
          (row) => row.action === 'view_contact',
        );
      expect(await reveals()).toHaveLength(0);
      const first = await t.http().get(`/women/${woman.id}/contact`).set(as(a)).expect(200);
      expect(first.body).toEqual({
        womanId: woman.id,
        phone: woman.phone,
        residenceAddress: null,
        hukouAddress: null,
        postpartumAddress: null,
      });
      await t.http().get(`/women/${woman.id}/contact`).set(as(a, 'mch_staff')).expect(200);
      const rows = await reveals();
      expect(rows).toHaveLength(2);
      expect(rows[0]).toMatchObject({
        userId: a.users.nurse.id,
        facilityId: a.facility.id,
        requestId: first.headers['x-request-id'],
      });

      const elsewhere = await t.http().get(`/women/${woman.id}/contact`).set(as(b)).expect(404);
      expect(elsewhere.body.code).toBe('WOMAN_NOT_FOUND');
      await t.http().get(`/women/${woman.id}/contact`).set(as(a, 'statistician')).expect(403);
      await t.http().get(`/women/${woman.id}/contact`).set(as(a, 'admin')).expect(403);
      expect(await reveals()).toHaveLength(2);
    });
  });

  describe('identifiers encrypted at rest', () => {
    it('keeps no plaintext document number or phone anywhere in her row; exact search still works', async () => {
      const payload = registrationPayload();
      const { body } = await register(payload, a).expect(201);
      const documentNumber = payload.woman.documentNumber as string;
      const phone = payload.woman.phone as string;
      const row = await rawWomanRow(t.dataSource, body.woman.id);
      const stored = Object.values(row)
        .map((value) => (value instanceof Date ? value.toISOString() : String(value)))
        .join('|');
      for (const secret of [documentNumber, documentNumber.slice(6, 14), phone, phone.slice(3)]) {
        expect(stored).not.toContain(secret);
      }
      expect(row.document_number).toMatch(/^v1:[\w-]+:/);
      expect(row.phone).toMatch(/^v1:[\w-]+:/);
      expect(row.document_index).toMatch(/^[0-9a-f]{64}$/);
      expect(row.phone_index).toMatch(/^[0-9a-f]{64}$/);

      const search = (query: Record<string, string>) =>
        t.http().get('/pregnancies').query(query).set(as(a)).expect(200);
      const byDocument = await search({ documentNumber: documentNumber.toLowerCase() });
      expect(byDocument.body.items.map((i: { id: number }) => i.id)).toEqual([body.pregnancy.id]);
      expect(byDocument.body.items[0].documentNumber).toBe(maskDocumentNumber(documentNumber));
      const byPhone = await search({ phone });
      expect(byPhone.body.items.map((i: { id: number }) => i.id)).toEqual([body.pregnancy.id]);
      expect((await search({ documentNumber: `${documentNumber.slice(0, -1)}0` })).body.total).toBe(
        documentNumber.endsWith('0') ? 1 : 0,
      );
    });

    it('keeps the phone index with the phone when a nurse corrects it or a new registration brings it', async () => {
      const { payload, id } = await knownAtA();
      const byPhone = async (phone: string) =>
        (await t.http().get('/pregnancies').query({ phone }).set(as(a)).expect(200)).body.items.map(
          (i: { womanId: number }) => i.womanId,
        );
      const registered = await register(
        { ...payload, woman: { ...payload.woman, phone: uniquePhone() } },
        a,
      ).expect(201);
      expect(registered.body.contactDetailsApplied).toBe(true);
      expect(await byPhone(registered.body.woman.phone)).toEqual([id]);
      expect(await byPhone(payload.woman.phone as string)).toEqual([]);

      const corrected = uniquePhone();
      await t
        .http()
        .patch(`/women/${id}`)
        .set(as(a))
        .send({ version: registered.body.woman.version, phone: corrected })
        .expect(200);
      expect(await byPhone(corrected)).toEqual([id]);
      const row = await rawWomanRow(t.dataSource, id);
      expect(identifierCipher().decrypt(row.phone as string)).toBe(corrected);
      expect(row.phone_index).toBe(identifierCipher().blindIndex('phone', corrected));
    });

    it('rotates keys: every row re-encrypted under the new key, still read and searched', async () => {
      const payload = registrationPayload();
      const { body } = await register(payload, a).expect(201);
      const configured = parseIdentifierKeys(process.env);
      const oldKeyId = configured.activeKeyId;
      const keys = new Map([...configured.keys, ['rotated', randomBytes(32)]]);
      const rotated = new IdentifierCipher({ ...configured, keys, activeKeyId: 'rotated' });
      const back = new IdentifierCipher({ ...configured, keys, activeKeyId: oldKeyId });
      const keyIds = async () =>
        (
          await t.dataSource.query<{ d: string; p: string }[]>(
            "SELECT DISTINCT SUBSTRING_INDEX(document_number, ':', 2) AS d, SUBSTRING_INDEX(phone, ':', 2) AS p FROM woman",
          )
        ).flatMap((row) => [row.d, row.p]);
      const reseal = (cipher: IdentifierCipher) =>
        resealWomanIdentifiers(cipher, (work) => t.dataSource.transaction((m) => work(m)), {
          batchSize: 97,
        });
      const [{ n }] = await t.dataSource.query<{ n: string }[]>('SELECT COUNT(*) AS n FROM woman');
      const before = await rawWomanRow(t.dataSource, body.woman.id);
      expect(identifierCipher().keyIdOf(before.document_number as string)).toBe(oldKeyId);
      try {
        useIdentifierCipher(rotated);
        expect(await reseal(rotated)).toEqual({ scanned: Number(n), resealed: Number(n) });
        expect([...new Set(await keyIds())]).toEqual(['v1:rotated']);
        expect(await reseal(rotated)).toEqual({ scanned: Number(n), resealed: 0 });

        const after = await rawWomanRow(t.dataSource, body.woman.id);
        expect(after).toEqual({
          ...before,
          document_number: expect.stringMatching(/^v1:rotated:/),
          phone: expect.stringMatching(/^v1:rotated:/),
        });
        expect(rotated.decrypt(after.document_number as string)).toBe(payload.woman.documentNumber);
        const found = await t
          .http()
          .get('/pregnancies')
          .query({ documentNumber: payload.woman.documentNumber })
          .set(as(a))
          .expect(200);
        expect(found.body.total).toBe(1);
        const contact = await t.http().get(`/women/${body.woman.id}/contact`).set(as(a));
        expect(contact.body.phone).toBe(payload.woman.phone);
      } finally {
        // Back under the configured key, for the specs that run after this one.
        useIdentifierCipher(back);
        await reseal(back);
        useIdentifierCipher(null);
      }
      expect([...new Set(await keyIds())]).toEqual([`v1:${oldKeyId}`]);
      const view = await t.http().get(`/women/${body.woman.id}`).set(as(a)).expect(200);
      expect(view.body.documentNumber).toBe(payload.woman.documentNumber);
    });
  });
});
