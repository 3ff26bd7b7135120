import { highRiskNewbornReasons, servingFacility, visitDueOn } from './delivery-notices';

const well = {
  vitalStatus: 'live_birth',
  birthWeightG: 3200,
  apgar1: 9,
  apgar5: 10,
  exposed: false,
};

describe('delivery notices', () => {
  it('a term baby of 2500 g with Apgar 8 is not high-risk; one day, one gram or one point less is', () => {
    expect(highRiskNewbornReasons(259, [{ ...well, birthWeightG: 2500, apgar1: 8 }])).toEqual([]);
    expect(highRiskNewbornReasons(258, [well])).toEqual(['preterm']);
    expect(highRiskNewbornReasons(280, [{ ...well, birthWeightG: 2499 }])).toEqual([
      'low_birth_weight',
    ]);
    expect(highRiskNewbornReasons(280, [{ ...well, apgar1: 7 }])).toEqual(['asphyxia']);
    expect(highRiskNewbornReasons(280, [{ ...well, apgar5: 7 }])).toEqual(['asphyxia']);
    expect(highRiskNewbornReasons(280, [{ ...well, exposed: true }])).toEqual(['exposed']);
  });

  it('looks at every live-born baby, twins included, and at no stillbirth', () => {
    expect(highRiskNewbornReasons(250, [well, { ...well, birthWeightG: 1900, apgar5: 6 }])).toEqual(
      ['preterm', 'low_birth_weight', 'asphyxia'],
    );
    expect(
      highRiskNewbornReasons(280, [
        well,
        { ...well, vitalStatus: 'stillbirth', birthWeightG: 1200, apgar1: 0, apgar5: 0 },
      ]),
    ).toEqual([]);
  });

  it('the visit falls due 7 days after discharge, or 3 days after acknowledgement when high-risk', () => {
    expect(
      visitDueOn({ highRisk: false, acknowledgedOn: '2026-12-01', dischargedOn: '2026-12-02' }),
    ).toBe('2026-12-09');
    expect(visitDueOn({ highRisk: false, acknowledgedOn: '2026-12-01', dischargedOn: null })).toBe(
      null,
    );
    expect(visitDueOn({ highRisk: true, acknowledgedOn: '2026-12-01', dischargedOn: null })).toBe(
      '2026-12-04',
    );
    expect(visitDueOn({ highRisk: true, acknowledgedOn: null, dischargedOn: '2026-12-02' })).toBe(
      null,
    );
  });

  it('the centre serving the longest matching code takes the notice; none matching, nobody', () => {
    const areas = [
      { regionCode: '330106007', facilityId: 1 },
      { regionCode: '330106007001', facilityId: 2 },
      { regionCode: '330106008', facilityId: 3 },
    ];
    expect(servingFacility('330106007001', areas)).toBe(2);
    expect(servingFacility('330106007002', areas)).toBe(1);
    expect(servingFacility('330106008', areas)).toBe(3);
    expect(servingFacility('330106', areas)).toBeNull();
    expect(servingFacility('330106009001', areas)).toBeNull();
  });
});
