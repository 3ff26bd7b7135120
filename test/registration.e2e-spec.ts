import { maskDocumentNumber, maskPhone } from '../src/core/privacy/masking';
import { addDays } from '../src/core/time/calendar-date';
import { deliveryPayload, tenOClockOn } from './factories/delivery.factory';
import { createStaffedFacility, Staff } from './factories/people.factory';
import {
  registrationPayload,
  residentId,
  today,
  uniqueName,
  uniquePhone,
} from './factories/registration.factory';
import { auditTrail } from './utils/audit-trail';
import { womanIdOfDocument } from './utils/identifiers';
import { bearer, loginWith } from './utils/auth';
import { createTestApp, TestApp } from './utils/test-app';

interface Detail {
  field: string;
  rule: string;
}

describe('registration (建册)', () => {
  let t: TestApp;
  let home: Staff;
  let other: Staff;

  const register = (payload: unknown, token = home.tokens.nurse) =>
    t
      .http()
      .post('/registrations')
      .set(bearer(token))
      .send(payload as object);

  const auditRows = (entity: string, entityId: number) =>
    auditTrail(t.dataSource, entity, entityId);

  beforeAll(async () => {
    t = await createTestApp();
    home = await createStaffedFacility(t.dataSource, loginWith(t));
    other = await createStaffedFacility(t.dataSource, loginWith(t));
  });

  afterAll(() => t.close());

  it('registers a woman and her pregnancy, dated by LMP, with audit rows in the same transaction', async () => {
    const payload = registrationPayload({ pregnancy: { lmp: addDays(today(), -70) } });
    const { body, headers } = await register(payload).expect(201);

    expect(body.existingWoman).toBe(false);
    expect(body.woman).toMatchObject({
      documentNumber: payload.woman.documentNumber,
      phone: payload.woman.phone,
      documentNumberMasked: false,
    });
    expect(body.pregnancy).toMatchObject({
      facilityId: home.facility.id,
      status: 'open',
      edd: addDays(today(), 210),
      eddSource: 'lmp',
      gestationalAgeAtRegistration: { days: 70, display: '10+0', trimester: 'first' },
      gestationalAge: { asOf: today(), days: 70, display: '10+0' },
    });

    const womanAudit = await auditRows('woman', body.woman.id);
    const pregnancyAudit = await auditRows('pregnancy', body.pregnancy.id);
    expect(womanAudit[0]).toMatchObject({
      action: 'create',
      userId: home.users.nurse.id,
      facilityId: home.facility.id,
      requestId: headers['x-request-id'],
      before: null,
    });
    // The trail keeps who and what, never the full number (issue 12).
    expect(womanAudit[0].after).toMatchObject({
      documentNumber: maskDocumentNumber(payload.woman.documentNumber as string),
    });
    expect(pregnancyAudit[0]).toMatchObject({
      action: 'create',
      requestId: headers['x-request-id'],
    });
    expect(pregnancyAudit[0].after).toMatchObject({ edd: addDays(today(), 210), status: 'open' });

    const history = await t
      .http()
      .get(`/pregnancies/${body.pregnancy.id}/edd-changes`)
      .set(bearer(home.tokens.nurse))
      .expect(200);
    expect(history.body).toEqual([
      expect.objectContaining({ oldEdd: null, newEdd: addDays(today(), 210), newSource: 'lmp' }),
    ]);
  });

  it('normalises a lower-case x check character', async () => {
    const payload = registrationPayload({ woman: { birthDate: '1991-12-31' } });
    let number = payload.woman.documentNumber as string;
    while (!number.endsWith('X')) number = residentId('1991-12-31');
    payload.woman.documentNumber = number.toLowerCase();
    const { body } = await register(payload).expect(201);
    expect(body.woman.documentNumber).toBe(number);
  });

  it('dates by ultrasound when the scan disagrees with the LMP beyond the ACOG threshold', async () => {
    const lmp = addDays(today(), -80);
    const scanDate = addDays(today(), -10); // GA by LMP 70 days: threshold 7
    const redated = await register(
      registrationPayload({ pregnancy: { lmp, ultrasound: { scanDate, gaDays: 62 } } }),
    ).expect(201);
    expect(redated.body.pregnancy).toMatchObject({
      eddSource: 'ultrasound',
      edd: addDays(scanDate, 280 - 62),
    });

    const kept = await register(
      registrationPayload({ pregnancy: { lmp, ultrasound: { scanDate, gaDays: 63 } } }),
    ).expect(201);
    expect(kept.body.pregnancy).toMatchObject({ eddSource: 'lmp', edd: addDays(lmp, 280) });
  });

  it('dates an IVF pregnancy from the transfer', async () => {
    const transferDate = addDays(today(), -40);
    const { body } = await register(
      registrationPayload({
        pregnancy: { lmp: undefined, ivf: { transferDate, embryoAgeDays: 5 } },
      }),
    ).expect(201);
    expect(body.pregnancy).toMatchObject({ eddSource: 'ivf', edd: addDays(transferDate, 261) });
  });

  describe('refuses bad input with a 400 naming the field and the rule', () => {
    const cases: [string, () => unknown, string, Detail][] = [
      [
        'a wrong check character',
        () =>
          registrationPayload({
            woman: { birthDate: '1982-07-29', documentNumber: '130402198207290622' },
          }),
        'RESIDENT_ID_INVALID',
        { field: 'woman.documentNumber', rule: 'checkCharacter' },
      ],
      [
        'an impossible birth date in the ID',
        () => {
          const first17 = '11010519900230002';
          return registrationPayload({ woman: { documentNumber: `${first17}0` } });
        },
        'RESIDENT_ID_INVALID',
        { field: 'woman.documentNumber', rule: 'birthDate' },
      ],
      [
        'a bad province code',
        () =>
          registrationPayload({
            woman: { documentNumber: `99${residentId('1996-04-18').slice(2)}` },
          }),
        'RESIDENT_ID_INVALID',
        { field: 'woman.documentNumber', rule: 'province' },
      ],
      [
        'a malformed resident ID',
        () => registrationPayload({ woman: { documentNumber: '1101051996041800' } }),
        'RESIDENT_ID_INVALID',
        { field: 'woman.documentNumber', rule: 'format' },
      ],
      [
        'a birth date that differs from the ID',
        () =>
          registrationPayload({
            woman: { documentNumber: residentId('1995-04-18'), birthDate: '1996-04-18' },
          }),
        'BIRTH_DATE_MISMATCH',
        { field: 'woman.birthDate', rule: 'matchesResidentId' },
      ],
      [
        'an unknown document type',
        () => registrationPayload({ woman: { documentType: 'library_card' } }),
        'VALIDATION_FAILED',
        { field: 'woman.documentType', rule: 'isIn' },
      ],
      [
        'a malformed phone',
        () => registrationPayload({ woman: { phone: '12345' } }),
        'VALIDATION_FAILED',
        { field: 'woman.phone', rule: 'matches' },
      ],
      [
        'an impossible calendar date',
        () => registrationPayload({ pregnancy: { lmp: '2026-02-29' } }),
        'VALIDATION_FAILED',
        { field: 'pregnancy.lmp', rule: 'isCalendarDate' },
      ],
      [
        'a missing name',
        () => {
          const payload = registrationPayload();
          delete payload.woman.name;
          return payload;
        },
        'VALIDATION_FAILED',
        { field: 'woman.name', rule: 'isNotEmpty' },
      ],
      [
        'a missing pregnancy',
        () => ({ woman: registrationPayload().woman }),
        'VALIDATION_FAILED',
        { field: 'pregnancy', rule: 'isDefined' },
      ],
      [
        'no dating evidence',
        () => registrationPayload({ pregnancy: { lmp: undefined } }),
        'DATING_EVIDENCE_MISSING',
        { field: 'pregnancy.lmp', rule: 'required' },
      ],
      [
        'an LMP after the registration date',
        () =>
          registrationPayload({
            pregnancy: { registrationDate: addDays(today(), -5), lmp: addDays(today(), -4) },
          }),
        'DATING_INCONSISTENT',
        { field: 'pregnancy.lmp', rule: 'notAfterRegistration' },
      ],
      [
        'a scan before the LMP',
        () =>
          registrationPayload({
            pregnancy: {
              lmp: addDays(today(), -60),
              ultrasound: { scanDate: addDays(today(), -61), gaDays: 40 },
            },
          }),
        'DATING_INCONSISTENT',
        { field: 'pregnancy.ultrasound.scanDate', rule: 'afterLmp' },
      ],
      [
        'a registration date tomorrow',
        () => registrationPayload({ pregnancy: { registrationDate: addDays(today(), 1) } }),
        'VALIDATION_FAILED',
        { field: 'pregnancy.registrationDate', rule: 'notFuture' },
      ],
      [
        'a gestational age at registration of 44+1',
        () => registrationPayload({ pregnancy: { lmp: addDays(today(), -309) } }),
        'DATING_INCONSISTENT',
        { field: 'pregnancy.registrationDate', rule: 'gestationalAgeRange' },
      ],
      [
        'parity not below gravidity',
        () => registrationPayload({ pregnancy: { gravidity: 2, parity: 2 } }),
        'VALIDATION_FAILED',
        { field: 'pregnancy.parity', rule: 'lessThanGravidity' },
      ],
      [
        'more caesareans than births',
        () =>
          registrationPayload({ pregnancy: { gravidity: 3, parity: 1, previousCaesareans: 2 } }),
        'VALIDATION_FAILED',
        { field: 'pregnancy.previousCaesareans', rule: 'atMostParity' },
      ],
      [
        'an age of 9 at registration',
        () => {
          const birthDate = addDays(today(), -9 * 365 - 10);
          return registrationPayload({
            woman: { birthDate, documentNumber: residentId(birthDate) },
          });
        },
        'VALIDATION_FAILED',
        { field: 'woman.birthDate', rule: 'plausibleAge' },
      ],
    ];

    it.each(cases)('%s', async (_name, payload, code, detail) => {
      const before = await t.dataSource.query('SELECT COUNT(*) AS n FROM pregnancy');
      const { body } = await register(payload()).expect((body) => expect(body.status).toBe(400));
      expect(body.code).toBe(code);
      expect(body.details).toEqual(expect.arrayContaining([expect.objectContaining(detail)]));
      const after = await t.dataSource.query('SELECT COUNT(*) AS n FROM pregnancy');
      expect(after[0].n).toBe(before[0].n);
    });

    it('accepts a gestational age at registration of exactly 44+0', async () => {
      await register(registrationPayload({ pregnancy: { lmp: addDays(today(), -308) } })).expect(
        201,
      );
    });

    it('accepts a registration dated today with the LMP on the same day', async () => {
      const { body } = await register(registrationPayload({ pregnancy: { lmp: today() } })).expect(
        201,
      );
      expect(body.pregnancy.gestationalAgeAtRegistration.display).toBe('0+0');
    });
  });

  describe('odd (male) sequence digit', () => {
    it('is refused without an override, and nothing is written', async () => {
      const payload = registrationPayload();
      payload.woman.documentNumber = residentId(payload.woman.birthDate as string, {
        oddSequence: true,
      });
      const { body } = await register(payload).expect(422);
      expect(body.code).toBe('RESIDENT_ID_MALE_SEQUENCE');
      expect(body.details).toEqual([
        expect.objectContaining({ field: 'woman.confirmOddSequence' }),
      ]);
      expect(await womanIdOfDocument(t.dataSource, payload.woman.documentNumber as string)).toBe(
        null,
      );
    });

    it('needs a reason with the override', async () => {
      const payload = registrationPayload({ woman: { confirmOddSequence: true } });
      payload.woman.documentNumber = residentId(payload.woman.birthDate as string, {
        oddSequence: true,
      });
      const { body } = await register(payload).expect(400);
      expect(body.details).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: 'woman.overrideReason', rule: 'isString' }),
        ]),
      );
    });

    it('is accepted with an explicit override, which is audited', async () => {
      const payload = registrationPayload({
        woman: { confirmOddSequence: true, overrideReason: 'Card checked in person' },
      });
      payload.woman.documentNumber = residentId(payload.woman.birthDate as string, {
        oddSequence: true,
      });
      const { body } = await register(payload).expect(201);
      expect(body.woman.oddSequenceConfirmed).toBe(true);
      const audit = await auditRows('woman', body.woman.id);
      expect(audit.map((row) => row.action)).toEqual(['create', 'override']);
      expect(audit[1].reason).toBe('Card checked in person');
    });
  });

  describe('one woman per document, one open pregnancy per woman', () => {
    it('refuses a second open pregnancy with 409, and reuses her record after closure', async () => {
      const payload = registrationPayload();
      const first = await register({
        ...payload,
        pregnancy: {
          ...payload.pregnancy,
          registrationDate: addDays(today(), -200),
          lmp: addDays(today(), -250),
        },
      }).expect(201);

      const second = await register(payload).expect(409);
      expect(second.body.code).toBe('PREGNANCY_ALREADY_OPEN');

      await t
        .http()
        .post(`/pregnancies/${first.body.pregnancy.id}/status`)
        .set(bearer(home.tokens.nurse))
        .send({
          version: first.body.pregnancy.version,
          status: 'ended',
          endOutcome: 'miscarriage',
          effectiveDate: addDays(today(), -100),
          reason: '早期流产',
        })
        .expect(200);

      const newPhone = uniquePhone();
      const again = await register({
        ...payload,
        woman: { ...payload.woman, phone: newPhone },
      }).expect(201);
      expect(again.body.existingWoman).toBe(true);
      expect(again.body.woman.id).toBe(first.body.woman.id);
      expect(again.body.woman.phone).toBe(newPhone);
      const audit = await auditRows('woman', first.body.woman.id);
      expect(audit.find((row) => row.action === 'update')).toMatchObject({
        before: { phone: maskPhone(payload.woman.phone as string) },
        after: { phone: maskPhone(newPhone) },
      });
    });

    it('refuses a new pregnancy that would start before her last one ended', async () => {
      const payload = registrationPayload();
      const first = await register({
        ...payload,
        pregnancy: {
          ...payload.pregnancy,
          registrationDate: addDays(today(), -300),
          lmp: addDays(today(), -330),
        },
      }).expect(201);
      const delivered = addDays(today(), -60);
      await t
        .http()
        .post(`/pregnancies/${first.body.pregnancy.id}/delivery`)
        .set(bearer(home.tokens.nurse))
        .send(deliveryPayload(tenOClockOn(delivered)))
        .expect(201);

      const overlapping = await register({
        ...payload,
        pregnancy: { ...payload.pregnancy, lmp: delivered },
      }).expect(400);
      expect(overlapping.body.code).toBe('DATING_INCONSISTENT');
      expect(overlapping.body.details).toEqual([
        expect.objectContaining({ field: 'pregnancy.lmp', rule: 'afterPreviousPregnancy' }),
      ]);
      const next = await register({
        ...payload,
        pregnancy: { ...payload.pregnancy, lmp: addDays(delivered, 1) },
      }).expect(201);
      expect(next.body.pregnancy.gestationalAgeAtRegistration.days).toBe(59);
    });

    it('registers different new women at several desks at once', async () => {
      const results = await Promise.all(
        Array.from({ length: 6 }, () => register(registrationPayload())),
      );
      expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201]);
    });

    it('registers the same new woman at two desks at once as one woman', async () => {
      const payload = registrationPayload();
      const results = await Promise.all([
        t.http().post('/women').set(bearer(home.tokens.nurse)).send(payload.woman),
        t.http().post('/women').set(bearer(home.tokens.mch_staff)).send(payload.woman),
      ]);
      expect(results.map((r) => r.status)).toEqual([201, 201]);
      expect(new Set(results.map((r) => r.body.woman.id)).size).toBe(1);
      expect(results.map((r) => r.body.existingWoman).sort()).toEqual([false, true]);
    });

    it('refuses the same document under another name', async () => {
      const payload = registrationPayload();
      await register(payload).expect(201);
      const { body } = await register({
        ...payload,
        woman: { ...payload.woman, name: uniqueName() },
      }).expect(409);
      expect(body.code).toBe('DOCUMENT_NAME_MISMATCH');
      // One answer for a wrong name or birth date: it never says which (test/security).
      expect(body.details).toEqual([
        expect.objectContaining({ field: 'woman.name', rule: 'matchesExistingRecord' }),
        expect.objectContaining({ field: 'woman.birthDate', rule: 'matchesExistingRecord' }),
      ]);
    });

    it('holds under concurrent registrations of the same woman', async () => {
      const payload = registrationPayload();
      await register(payload).expect(201);
      const womanId = await womanIdOfDocument(t.dataSource, payload.woman.documentNumber as string);
      const ended = await t.dataSource.query(
        "UPDATE pregnancy SET status = 'ended' WHERE woman_id = ?",
        [womanId],
      );
      expect(ended.affectedRows).toBe(1);
      const results = await Promise.all([register(payload), register(payload), register(payload)]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
      const open = await t.dataSource.query(
        "SELECT COUNT(*) AS n FROM pregnancy WHERE woman_id = ? AND status = 'open'",
        [womanId],
      );
      expect(Number(open[0].n)).toBe(1);
    });
  });

  describe('a woman before any pregnancy', () => {
    it('is recorded on her own, and her later pregnancy registration reuses the record', async () => {
      const payload = registrationPayload();
      const alone = await t
        .http()
        .post('/women')
        .set(bearer(home.tokens.nurse))
        .send(payload.woman)
        .expect(201);
      expect(alone.body).toMatchObject({
        existingWoman: false,
        woman: { documentNumber: payload.woman.documentNumber },
      });
      const viewed = await t
        .http()
        .get(`/women/${alone.body.woman.id}`)
        .set(bearer(home.tokens.nurse))
        .expect(200);
      expect(viewed.body.pregnancies).toEqual([]);
      await t
        .http()
        .get(`/women/${alone.body.woman.id}`)
        .set(bearer(other.tokens.nurse))
        .expect(404);

      const later = await register(payload).expect(201);
      expect(later.body).toMatchObject({ existingWoman: true, woman: { id: alone.body.woman.id } });
    });

    it('names the bare fields of a woman on her own', async () => {
      const { body } = await t
        .http()
        .post('/women')
        .set(bearer(home.tokens.nurse))
        .send({
          ...registrationPayload().woman,
          documentNumber: '130402198207290622',
          birthDate: '1982-07-29',
        })
        .expect(400);
      expect(body).toMatchObject({ code: 'RESIDENT_ID_INVALID' });
      expect(body.details).toEqual([
        expect.objectContaining({ field: 'documentNumber', rule: 'checkCharacter' }),
      ]);
    });
  });

  describe('possible duplicates', () => {
    it('flags another document with the same name and birth date, or the same phone', async () => {
      const first = registrationPayload({ woman: { name: uniqueName() } });
      const a = await register(first).expect(201);
      const b = await register(
        registrationPayload({
          woman: {
            name: first.woman.name,
            birthDate: first.woman.birthDate,
            documentType: 'passport',
            documentNumber: `E${Date.now() % 1e8}`,
            phone: first.woman.phone,
          },
        }),
      ).expect(201);
      expect(b.body.possibleDuplicates).toEqual([
        expect.objectContaining({
          matchedWomanId: a.body.woman.id,
          reason: 'same_name_and_birth_date',
          matchedAtOtherFacility: false,
          matchedName: first.woman.name,
        }),
        expect.objectContaining({ matchedWomanId: a.body.woman.id, reason: 'same_phone' }),
      ]);
      expect(b.body.possibleDuplicates[0].matchedDocumentNumber).toContain('********');

      const list = await t
        .http()
        .get('/women/possible-duplicates')
        .set(bearer(home.tokens.mch_staff))
        .expect(200);
      expect(list.body.items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ womanId: b.body.woman.id, reason: 'same_phone' }),
        ]),
      );
      const elsewhere = await t
        .http()
        .get('/women/possible-duplicates')
        .set(bearer(other.tokens.mch_staff))
        .expect(200);
      expect(elsewhere.body.items.map((item: { womanId: number }) => item.womanId)).not.toContain(
        b.body.woman.id,
      );
    });
  });
});
