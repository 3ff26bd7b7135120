import { maskDocumentNumber, maskPhone } from './masking';

describe('maskDocumentNumber', () => {
  it.each([
    ['11010519491231002X', '110105********002X'],
    ['440524188001010014', '440524********0014'],
    ['E12345678', 'E******78'],
    ['H1234567890', 'H********90'],
    ['AB', '**'],
    ['ABC', '***'],
    ['ABCD', 'A*CD'],
  ])('%s → %s', (value, masked) => {
    expect(maskDocumentNumber(value)).toBe(masked);
  });
});

describe('maskPhone', () => {
  it.each([
    ['13812341234', '138****1234'],
    ['02012345678', '020****5678'],
    ['1234567', '*******'],
    ['12345678', '123*5678'],
  ])('%s → %s', (value, masked) => {
    expect(maskPhone(value)).toBe(masked);
  });
});
