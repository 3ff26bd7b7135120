import {
  CAESAREAN_INDICATION_CODES,
  caesareanWithoutMedicalIndication,
  meansNoIndication,
  NON_MEDICAL_CAESAREAN_INDICATIONS,
} from './caesarean-indications';

describe('caesarean indications', () => {
  it.each([
    [null, true],
    ['', true],
    ['  无 ', true],
    ['None', true],
    ['-', true],
    ['N/A', true],
    ['无医学指征', true],
    ['胎儿窘迫', false],
    ['无痛分娩失败', false],
    ['妊娠合并血小板减少', false],
  ])('the text %p means no indication: %p', (text, none) => {
    expect(meansNoIndication(text)).toBe(none);
  });

  it('only a maternal request is a recorded indication that is not medical', () => {
    expect(NON_MEDICAL_CAESAREAN_INDICATIONS).toEqual(['maternal_request']);
    expect(CAESAREAN_INDICATION_CODES).toContain('other');
  });

  it.each([
    ['caesarean', null, true],
    ['caesarean', 'maternal_request', true],
    ['caesarean', 'fetal_distress', false],
    ['caesarean', 'other', false],
    ['spontaneous_vaginal', null, false],
    ['assisted_vaginal', null, false],
  ] as const)('%s with %p is without medical indication (BF-06): %p', (mode, code, without) => {
    expect(caesareanWithoutMedicalIndication(mode, code)).toBe(without);
  });
});
