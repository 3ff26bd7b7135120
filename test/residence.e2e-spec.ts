import { addDays, addMonths } from '../src/core/time/calendar-date';
import { deliveryPayload, tenOClockOn } from './factories/delivery.factory';
import { createStaffedFacility, Staff } from './factories/people.factory';
import { registrationPayload, today } from './factories/registration.factory';
import { auditTrail } from './utils/audit-trail';
import { bearer, loginWith } from './utils/auth';
import { createTestApp, TestApp } from './utils/test-app';

/**
 * Her addresses (户籍, where she lives and since when, 产休地), each with a region code, and at
 * delivery her residence category and the region she is counted in under the province's rule
 * (config/.env.example: Zhejiang counts 常住 residents of 6 months, every other province by 户籍).
 */
describe('care across facilities: addresses and residence', () => {
  let t: TestApp;
  let hospital: Staff;
  const as = (staff: Staff) => bearer(staff.tokens.nurse);
  const deliveredOn = addDays(today(), -1);
  const sichuan = {
    hukouRegionCode: '510104',
    hukouAddress: '四川省成都市锦江区春熙路 1 号',
    householdType: 'migrant',
    residenceRegionCode: '330106007001',
    residenceAddress: '浙江省杭州市西湖区文三路 90 号 201 室',
  };

  const register = async (woman: Record<string, unknown>, pregnancy = {}) => {
    const { body } = await t
      .http()
      .post('/registrations')
      .set(as(hospital))
      .send(
        registrationPayload({
          woman,
          pregnancy: {
            lmp: addDays(today(), -280),
            registrationDate: addDays(today(), -200),
            ...pregnancy,
          },
        }),
      )
      .expect(201);
    return body;
  };
  const deliver = async (pregnancyId: number) =>
    (
      await t
        .http()
        .post(`/pregnancies/${pregnancyId}/delivery`)
        .set(as(hospital))
        .send(deliveryPayload(tenOClockOn(deliveredOn)))
        .expect(201)
    ).body;

  beforeAll(async () => {
    t = await createTestApp();
    hospital = await createStaffedFacility(t.dataSource, loginWith(t));
  });

  afterAll(() => t.close());

  it('keeps her addresses with their region codes, masked but in her contact (audited)', async () => {
    const { woman, pregnancy } = await register(
      { ...sichuan, residenceSince: '2025-03-01' },
      { postpartumRegionCode: '330106008', postpartumAddress: '浙江省杭州市西湖区古荡新村 3 幢' },
    );
    expect(woman).toMatchObject({
      hukouRegionCode: '510104',
      hukouAddress: '四川省成都市****',
      residenceRegionCode: '330106007001',
      residenceAddress: '浙江省杭州市****',
      residenceSince: '2025-03-01',
    });
    expect(pregnancy).toMatchObject({
      postpartumRegionCode: '330106008',
      postpartumAddress: '浙江省杭州市****',
    });
    const { body: contact } = await t
      .http()
      .get(`/women/${woman.id}/contact`)
      .set(as(hospital))
      .expect(200);
    expect(contact).toMatchObject({
      hukouAddress: sichuan.hukouAddress,
      residenceAddress: sichuan.residenceAddress,
      postpartumAddress: '浙江省杭州市西湖区古荡新村 3 幢',
    });
    const trail = await auditTrail(t.dataSource, 'woman', woman.id);
    expect(trail.map((entry) => entry.action)).toContain('view_contact');
    expect(JSON.stringify(trail)).not.toContain('春熙路');
  });

  it('refuses a region code of another length and a residence date outside her life', async () => {
    const { body } = await t
      .http()
      .post('/registrations')
      .set(as(hospital))
      .send(
        registrationPayload({
          woman: { residenceRegionCode: '3301060', hukouRegionCode: '51' },
          pregnancy: { postpartumRegionCode: '33010600' },
        }),
      )
      .expect(400);
    expect(body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'pregnancy.postpartumRegionCode',
      'woman.hukouRegionCode',
      'woman.residenceRegionCode',
    ]);
    const future = await t
      .http()
      .post('/registrations')
      .set(as(hospital))
      .send(registrationPayload({ woman: { residenceSince: addDays(today(), 1) } }))
      .expect(400);
    expect(future.body.details).toEqual([
      expect.objectContaining({ field: 'woman.residenceSince', rule: 'withinHerLife' }),
    ]);
  });

  it('a migrant from Sichuan living in Hangzhou six months by the day she delivers is counted in Hangzhou', async () => {
    const { pregnancy } = await register({
      ...sichuan,
      residenceSince: addMonths(deliveredOn, -6),
    });
    expect(await deliver(pregnancy.id)).toMatchObject({
      residenceCategory: 'other_province',
      attributedRegionCode: '330106007001',
      attributionRule: '33:resident:6@example-2026',
    });
  });

  it('one day short of six months, she is counted by her 户籍', async () => {
    const { pregnancy } = await register({
      ...sichuan,
      residenceSince: addDays(addMonths(deliveredOn, -6), 1),
    });
    expect(await deliver(pregnancy.id)).toMatchObject({
      residenceCategory: 'other_province',
      attributedRegionCode: '510104',
    });
  });

  it('where the province counts by 户籍 only, however long she has lived there', async () => {
    const { pregnancy } = await register({
      hukouRegionCode: '330106',
      householdType: 'migrant',
      residenceRegionCode: '110105',
      residenceSince: '2015-01-01',
    });
    expect(await deliver(pregnancy.id)).toMatchObject({
      residenceCategory: 'other_province',
      attributedRegionCode: '330106',
      attributionRule: '*:hukou@example-2026',
    });
  });

  it('a local woman is counted where she lives', async () => {
    const { pregnancy } = await register({
      hukouRegionCode: '110105',
      residenceRegionCode: '110105',
    });
    expect(await deliver(pregnancy.id)).toMatchObject({
      residenceCategory: 'local',
      attributedRegionCode: '110105',
    });
  });
});
