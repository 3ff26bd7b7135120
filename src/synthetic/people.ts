import { PROVINCE_CODES, residentIdCheckCharacter } from '../women/rules/resident-id';
import type { Random } from './random';

/** Surnames by frequency (the most common hundred cover ~85 % of people, 人口普查2020 order). */
const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
];
const GIVEN_NAME_CHARACTERS = [
  ...'丽娜静敏燕艳芳婷雪玲霞慧颖琳倩洁欣悦佳晶莉萍红梅琴媛璐蕾彤瑶怡涵琪萱雯岚薇茜露琦晓雅思梦诗妍蓉菲',
];

export function womanName(random: Random): string {
  const surname = random.pick(SURNAMES);
  const first = random.pick(GIVEN_NAME_CHARACTERS);
  return random.chance(0.75)
    ? surname + first + random.pick(GIVEN_NAME_CHARACTERS)
    : surname + first;
}

/** Address codes of migrants' resident IDs: a few prefectures of the large sending provinces. */
export const MIGRANT_ADDRESS_CODES: readonly string[] = [
  '130102',
  '130602',
  '340104',
  '341202',
  '360102',
  '410105',
  '411302',
  '420106',
  '430104',
  '450102',
  '500103',
  '510107',
  '520102',
  '530102',
  '610113',
];

/** Address codes of migrants' resident IDs outside the province of `cityCode`. */
export function otherProvinceCodes(cityCode: string): readonly string[] {
  return MIGRANT_ADDRESS_CODES.filter((code) => code.slice(0, 2) !== cityCode.slice(0, 2));
}

/** A district of another city of the same province: city 01–09 other than `cityCode`'s. */
export function sameProvinceElsewhere(random: Random, cityCode: string): string {
  const own = Number(cityCode.slice(2, 4));
  let city = random.int(1, 8);
  if (city >= own) city++;
  return `${cityCode.slice(0, 2)}${String(city).padStart(2, '0')}${String(random.int(1, 9)).padStart(2, '0')}`;
}

const ROADS = [
  '文一路',
  '文二路',
  '文三路',
  '莫干山路',
  '延安路',
  '解放路',
  '环城北路',
  '学院路',
  '教工路',
  '天目山路',
  '古墩路',
  '丰潭路',
];
const VILLAGES = ['张家', '李庄', '王村', '陈家湾', '刘集', '杨树', '黄土岭', '周家'];

/** A street address of the city: road, number, building, unit and flat. */
export function streetAddress(random: Random): string {
  return `${random.pick(ROADS)}${random.int(1, 399)}号${random.int(1, 30)}幢${random.int(1, 6)}单元${random.int(1, 30)}0${random.int(1, 4)}室`;
}

/** A 户籍 address in her home county. */
export function villageAddress(random: Random): string {
  return `${random.pick(VILLAGES)}村${random.int(1, 12)}组${random.int(1, 99)}号`;
}

/** Region codes of a city's districts: the 4-digit city code followed by 01, 02, …. */
export function districtCodes(cityCode: string, count: number): string[] {
  if (!/^\d{4}$/.test(cityCode) || !PROVINCE_CODES.includes(cityCode.slice(0, 2))) {
    throw new RangeError(`A city code is 4 digits starting with a province code: ${cityCode}`);
  }
  return Array.from({ length: count }, (_, i) => `${cityCode}${String(i + 1).padStart(2, '0')}`);
}

/**
 * Issues GB 11643 resident IDs: address code + birth date + an EVEN 3-digit sequence (female) +
 * the MOD 11-2 check character. The sequence counts up per address and birth date, and numbers
 * already in the database (when appending) are skipped, so no number is issued twice.
 */
export class ResidentIdIssuer {
  private readonly nextSequence = new Map<string, number>();

  constructor(private readonly taken: ReadonlySet<string> = new Set()) {}

  /** Null when all 499 even sequences of this address and birth date are used. */
  issue(addressCode: string, birthDate: string): string | null {
    const prefix = addressCode + birthDate.slice(0, 4) + birthDate.slice(5, 7) + birthDate.slice(8);
    let k = this.nextSequence.get(prefix) ?? 1;
    while (k <= 499) {
      const first17 = prefix + String(k * 2).padStart(3, '0');
      k++;
      const id = first17 + residentIdCheckCharacter(first17);
      if (!this.taken.has(id)) {
        this.nextSequence.set(prefix, k);
        return id;
      }
    }
    this.nextSequence.set(prefix, k);
    return null;
  }
}

/** A passport or permit number, unique because it is built from the woman's id. */
export function otherDocumentNumber(type: string, womanId: number): string {
  const digits = String(womanId).padStart(8, '0');
  if (type === 'passport') return `SP${digits}`;
  if (type === 'hk_macau_permit') return `H${digits}`;
  return `T${digits}`;
}

// Mobile prefixes of the three carriers; the rest of the number is the woman's id, so phones are
// unique without a lookup.
const MOBILE_PREFIXES = ['138', '139', '150', '151', '186', '187', '133', '189'];

export function phoneNumber(womanId: number): string {
  const prefix = MOBILE_PREFIXES[womanId % MOBILE_PREFIXES.length];
  return prefix + String(Math.floor(womanId / MOBILE_PREFIXES.length)).padStart(8, '0');
}

export const OCCUPATIONS: readonly (string | null)[] = [
  null,
  '公司职员',
  '公司职员',
  '公司职员',
  '教师',
  '个体经营',
  '个体经营',
  '工人',
  '销售',
  '会计',
  '公务员',
  '护士',
  '服务员',
  '程序员',
  '家务',
  '家务',
  '农民',
];

export const STAFF_SURNAMES = SURNAMES.slice(0, 30);
