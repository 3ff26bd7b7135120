import { addDays } from '../../core/time/calendar-date';
import {
  dateWithScans,
  datingScanOf,
  defaultScanMethod,
  isSuboptimallyDated,
  methodFitsGa,
  scanUses,
} from './dating-scans';
import { eddFromLmp, eddFromUltrasound } from './gestational-age';

const LMP = '2026-03-15';
const LMP_EDD = eddFromLmp(LMP); // 2026-12-20
/** A scan on the day the LMP gives `lmpGa`, measuring `lmpGa + offBy`. */
const scanAt = (id: number, lmpGa: number, offBy: number) => ({
  id,
  scanDate: addDays(LMP, lmpGa),
  gaDays: lmpGa + offBy,
});

describe('scan method', () => {
  it.each([
    [97, 'crl', true], // 13+6: the last day of CRL
    [98, 'biometry', false], // 14+0
  ] as const)('GA %i days: default %s, CRL fits %s', (ga, method, crlFits) => {
    expect(defaultScanMethod(ga)).toBe(method);
    expect(methodFitsGa('crl', ga)).toBe(crlFits);
    expect(methodFitsGa('biometry', ga)).toBe(true);
  });
});

describe('the dating scan is the earliest', () => {
  it('takes the earliest date whatever the recording order, the first recorded on a tie', () => {
    const later = { id: 1, scanDate: '2026-06-01' };
    const earlier = { id: 2, scanDate: '2026-05-01' };
    const sameDay = { id: 3, scanDate: '2026-05-01' };
    expect(datingScanOf([later, earlier, sameDay])).toBe(earlier);
    expect(datingScanOf([])).toBeNull();
  });

  it('marks every other scan not used, and every scan not used under IVF', () => {
    const scans = [scanAt(7, 200, 25), scanAt(3, 80, 0)];
    expect(scanUses(scans, false)).toEqual(
      new Map([
        [7, { usedForDating: false, notUsedReason: 'earlier_scan_dates' }],
        [3, { usedForDating: true, notUsedReason: null }],
      ]),
    );
    expect([...scanUses(scans, true).values()]).toEqual([
      { usedForDating: false, notUsedReason: 'ivf_dates' },
      { usedForDating: false, notUsedReason: 'ivf_dates' },
    ]);
  });
});

describe('dating with every scan kept', () => {
  it('a 30-week scan 25 days off never moves an EDD an early scan confirmed', () => {
    const early = scanAt(1, 80, 3); // within 7 days: LMP kept
    const late = scanAt(2, 210, -25); // beyond the 21-day row, but not the earliest
    expect(dateWithScans({ lmp: LMP, ivf: null }, [early, late])).toMatchObject({
      edd: LMP_EDD,
      source: 'lmp',
    });
  });

  it('a 30-week scan that is the first one redates beyond 21 days (ACOG ≥ 28+0 row)', () => {
    expect(dateWithScans({ lmp: LMP, ivf: null }, [scanAt(1, 210, -21)])).toMatchObject({
      source: 'lmp',
    });
    const first = scanAt(1, 210, -22);
    expect(dateWithScans({ lmp: LMP, ivf: null }, [first])).toEqual(
      expect.objectContaining({ edd: eddFromUltrasound(first), source: 'ultrasound' }),
    );
  });

  it('an earlier scan recorded later takes over the dating', () => {
    const late = scanAt(1, 120, 12); // 16+0 to 21+6 row: 10 days, redates alone
    const early = scanAt(2, 70, 2); // 9+0 to 13+6: within 7 days
    expect(dateWithScans({ lmp: LMP, ivf: null }, [late])).toMatchObject({
      source: 'ultrasound',
    });
    expect(dateWithScans({ lmp: LMP, ivf: null }, [late, early])).toMatchObject({
      edd: LMP_EDD,
      source: 'lmp',
    });
  });

  it('without an LMP the earliest scan dates, and nothing dates without evidence', () => {
    const early = scanAt(2, 70, 0);
    expect(dateWithScans({ lmp: null, ivf: null }, [scanAt(1, 150, 9), early])).toMatchObject({
      edd: eddFromUltrasound(early),
      source: 'ultrasound',
    });
    expect(dateWithScans({ lmp: null, ivf: null }, [])).toBeNull();
  });

  // The first scan falls in the ACOG row of its GA by LMP; both sides of the rows around 22+0.
  it.each([
    [153, 10, 'lmp'], // 21+6: 10 days keeps
    [153, 11, 'ultrasound'], // 21+6: 11 days redates
    [154, 14, 'lmp'], // 22+0: 14 days keeps
    [154, 15, 'ultrasound'], // 22+0: 15 days redates
    [195, 15, 'ultrasound'], // 27+6: still the 14-day row
    [196, 21, 'lmp'], // 28+0: 21 days keeps
    [196, 22, 'ultrasound'], // 28+0: 22 days redates
  ] as const)('first scan at LMP GA %i, %i days off → %s', (lmpGa, offBy, source) => {
    expect(dateWithScans({ lmp: LMP, ivf: null }, [scanAt(1, lmpGa, offBy)])).toMatchObject({
      source,
    });
  });
});

describe('suboptimally dated: first scanned at ≥ 22+0', () => {
  it.each([
    [153, false], // 21+6
    [154, true], // 22+0
  ])('first scan at GA %i days → %s', (ga, flagged) => {
    expect(
      isSuboptimallyDated({
        edd: LMP_EDD,
        firstScanDate: addDays(LMP, ga),
        datedByIvf: false,
      }),
    ).toBe(flagged);
  });

  it('reads the GA by the final EDD, not the scan’s own measurement', () => {
    // LMP says 21+6; the scan measured 23+0 but was within the 10-day row, so the LMP stands.
    const scan = scanAt(1, 153, 8);
    const dating = dateWithScans({ lmp: LMP, ivf: null }, [scan])!;
    expect(dating.source).toBe('lmp');
    expect(
      isSuboptimallyDated({ edd: dating.edd, firstScanDate: scan.scanDate, datedByIvf: false }),
    ).toBe(false);
  });

  it('does not flag an IVF pregnancy, nor one not scanned yet', () => {
    const late = addDays(LMP, 200);
    expect(isSuboptimallyDated({ edd: LMP_EDD, firstScanDate: late, datedByIvf: true })).toBe(
      false,
    );
    expect(isSuboptimallyDated({ edd: LMP_EDD, firstScanDate: null, datedByIvf: false })).toBe(
      false,
    );
  });
});
