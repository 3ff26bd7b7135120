import {
  holdsSecrets,
  maskAddress,
  maskDocumentNumber,
  maskPhone,
  maskSecrets,
  secretKind,
} from './masking';

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

describe('secretKind', () => {
  it.each([
    ['documentNumber', 'documentNumber'],
    ['matchedDocumentNumber', 'documentNumber'],
    ['phone', 'phone'],
    ['contactPhone', 'phone'],
    ['companion_phone', 'phone'],
    ['hukouAddress', 'address'],
    ['postpartum_address', 'address'],
    ['name', null],
    ['addressee', null],
    ['phoneVerified', null],
    ['documentType', null],
  ])('%s → %s', (key, kind) => {
    expect(secretKind(key)).toBe(kind);
  });
});

describe('maskAddress', () => {
  it('keeps the first six characters of an address and hides the rest', () => {
    expect(maskAddress('浙江省杭州市西湖区文三路123号')).toBe('浙江省杭州市****');
    expect(maskAddress('文三路1号')).toBe('*****');
  });
});

describe('maskSecrets', () => {
  it('masks document numbers and phones at any depth and leaves the rest', () => {
    const at = new Date('2026-01-01T00:00:00Z');
    expect(
      maskSecrets({
        documentNumber: '11010519491231002X',
        phone: '13812341234',
        name: '李娜',
        at,
        count: 3,
        contact: { companionPhone: '13987654321', relation: 'husband' },
        calls: [{ phone: '02012345678' }],
        missing: null,
      }),
    ).toEqual({
      documentNumber: '110105********002X',
      phone: '138****1234',
      name: '李娜',
      at,
      count: 3,
      contact: { companionPhone: '139****4321', relation: 'husband' },
      calls: [{ phone: '020****5678' }],
      missing: null,
    });
  });

  it('changes nothing in masked values, and only strings', () => {
    const masked = { documentNumber: '110105********002X', phone: '138****1234' };
    expect(maskSecrets(masked)).toEqual(masked);
    expect(maskSecrets({ phone: null, documentNumber: 12 })).toEqual({
      phone: null,
      documentNumber: 12,
    });
  });

  it('keeps a `__proto__` key as a key of the copy, masked like any other', () => {
    const masked = maskSecrets(JSON.parse('{"__proto__": {"phone": "13800001234"}}') as object);

    expect(Object.getPrototypeOf(masked)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(masked, '__proto__')?.value).toEqual({
      phone: '138****1234',
    });
  });
});

describe('holdsSecrets', () => {
  it.each([
    ['nothing', null, false],
    ['plain fields', { name: '李娜', gaDays: 80 }, false],
    ['a phone', { phone: '13800001234' }, true],
    ['an empty phone', { phone: '' }, false],
    ['a null phone', { phone: null }, false],
    ['a document number deeper down', { woman: [{ documentNumber: '11010519491231002X' }] }, true],
    ['an address', { hukouAddress: '浙江省杭州市西湖区' }, true],
  ])('%s', (_name, value, expected) => {
    expect(holdsSecrets(value)).toBe(expected);
  });
});
