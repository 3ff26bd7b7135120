import { addDays, type IsoDate } from '../core/time/calendar-date';
import type { WomanInputDto } from '../women/dto/registration.dto';
import { ageInYears } from '../women/rules/registration-checks';
import { residentIdCheckCharacter } from '../women/rules/resident-id';
import type { EducationLevel, HouseholdType } from '../women/woman.entity';

/** mulberry32: a tiny seeded PRNG, so the same seed gives the same demo people and stories. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Whole number in [min, max], both included. */
  int(min: number, max: number): number {
    if (max < min) throw new RangeError(`Empty range ${min}..${max}`);
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)];
  }

  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.next() * total;
    for (const [value, weight] of entries) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return entries[entries.length - 1][0];
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }
}

// Common surnames, most frequent first (weights roughly follow the 2020 census order).
const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
];
const GIVEN_NAMES_ONE = [...'丽娜静敏燕艳芳婷雪玲霞慧颖琳倩洁欣悦佳晶莉萍红梅琴媛璐蕾彤瑶'];
const GIVEN_NAMES_TWO = [
  ...['雨欣', '思琪', '梦瑶', '欣怡', '子涵', '佳怡', '晓燕', '丽娟', '婷婷', '雅琴'],
  ...['海燕', '春梅', '秀英', '文静', '晓丽', '玉兰', '美玲', '佳琪', '诗雨', '欣然'],
  ...['梓萱', '可欣', '紫涵', '雨婷', '思雨', '晓雪', '婉婷', '瑞雪', '晨曦', '亚楠'],
  ...['丹丹', '璐瑶', '静怡', '慧敏', '雪梅', '金凤', '翠平', '巧玲', '小红', '梦洁'],
];

export interface Region {
  code: string;
  name: string;
}

/** Beijing districts: where the women live (辖区) and the address code of locals' IDs. */
export const BEIJING_DISTRICTS: readonly Region[] = [
  { code: '110101', name: '东城区' },
  { code: '110102', name: '西城区' },
  { code: '110105', name: '朝阳区' },
  { code: '110106', name: '丰台区' },
  { code: '110107', name: '石景山区' },
  { code: '110108', name: '海淀区' },
  { code: '110112', name: '通州区' },
  { code: '110114', name: '昌平区' },
  { code: '110115', name: '大兴区' },
];

// 宣武区 was merged into 西城区 in 2010; IDs issued before then still carry its code.
const OLD_BEIJING_ID_CODES = ['110104'];

/** Where migrants (流动人口) in Beijing come from: ID address codes, neighbours weighted up. */
const MIGRANT_ID_CODES: readonly (readonly [string, number])[] = [
  ['130102', 6], // 河北 石家庄 长安区
  ['130602', 5], // 河北 保定 竞秀区
  ['131002', 4], // 河北 廊坊 安次区
  ['120101', 3], // 天津 和平区
  ['410105', 5], // 河南 郑州 金水区
  ['411302', 3], // 河南 南阳 宛城区
  ['370102', 4], // 山东 济南 历下区
  ['370202', 2], // 山东 青岛 市南区
  ['140105', 3], // 山西 太原 小店区
  ['150102', 2], // 内蒙古 呼和浩特 新城区
  ['210102', 2], // 辽宁 沈阳 和平区
  ['220102', 1], // 吉林 长春 南关区
  ['230102', 2], // 黑龙江 哈尔滨 道里区
  ['340104', 2], // 安徽 合肥 蜀山区
  ['420106', 2], // 湖北 武汉 武昌区
  ['430104', 1], // 湖南 长沙 岳麓区
  ['360102', 1], // 江西 南昌 东湖区
  ['320106', 1], // 江苏 南京 鼓楼区
  ['510107', 2], // 四川 成都 武侯区
  ['500103', 1], // 重庆 渝中区
  ['610113', 1], // 陕西 西安 雁塔区
  ['620102', 1], // 甘肃 兰州 城关区
];

const EDUCATION: readonly (readonly [EducationLevel | undefined, number])[] = [
  [undefined, 4],
  ['primary', 2],
  ['junior_secondary', 14],
  ['senior_secondary', 14],
  ['vocational', 10],
  ['college', 18],
  ['bachelor', 28],
  ['postgraduate', 10],
];

const OCCUPATIONS: readonly (readonly [string | undefined, number])[] = [
  [undefined, 5],
  ['公司职员', 20],
  ['教师', 6],
  ['护士', 3],
  ['医生', 2],
  ['会计', 4],
  ['公务员', 3],
  ['销售', 6],
  ['个体经营', 8],
  ['工人', 5],
  ['服务员', 4],
  ['程序员', 3],
  ['设计师', 2],
  ['律师', 1],
  ['自由职业', 4],
  ['家务', 10],
  ['无业', 4],
];

const MOBILE_PREFIXES = [
  ...['130', '131', '132', '133', '134', '135', '136', '137', '138', '139'],
  ...['150', '151', '152', '153', '155', '156', '157', '158', '159'],
  ...['180', '181', '182', '183', '185', '186', '187', '188', '189'],
];

/** A woman as she is entered at registration. */
export type PersonInput = Pick<
  WomanInputDto,
  | 'documentType'
  | 'documentNumber'
  | 'name'
  | 'birthDate'
  | 'phone'
  | 'residenceRegionCode'
  | 'householdType'
  | 'education'
  | 'occupation'
  | 'confirmOddSequence'
  | 'overrideReason'
>;

export interface PersonOptions {
  /** Age in whole years today. */
  minAge?: number;
  maxAge?: number;
  /** Where she lives: the facility's district most of the time. */
  homeDistrict: string;
  migrantShare: number;
  /** An odd (male) sequence digit, accepted with the override. */
  oddSequence?: boolean;
}

/** Makes demo women with unique documents, phones and name + birth date pairs. */
export class PeopleFactory {
  private readonly documents = new Set<string>();
  private readonly phones = new Set<string>();
  private readonly nameBirths = new Set<string>();

  constructor(
    private readonly rng: Rng,
    private readonly today: IsoDate,
  ) {}

  residentIdWoman(options: PersonOptions): PersonInput {
    const { rng } = this;
    const householdType: HouseholdType = rng.chance(options.migrantShare) ? 'migrant' : 'local';
    const birthDate = this.birthDate(options.minAge ?? 19, options.maxAge ?? 44);
    const name = this.uniqueName(birthDate);
    const addressCode =
      householdType === 'local'
        ? rng.chance(0.1)
          ? rng.pick(OLD_BEIJING_ID_CODES)
          : rng.pick(BEIJING_DISTRICTS).code
        : rng.weighted(MIGRANT_ID_CODES);
    const documentNumber = this.uniqueResidentId(addressCode, birthDate, options.oddSequence);
    return {
      documentType: 'resident_id',
      documentNumber,
      name,
      birthDate,
      phone: this.uniquePhone(),
      residenceRegionCode: this.residence(options.homeDistrict),
      householdType,
      ...this.socialDetails(),
      ...(options.oddSequence
        ? { confirmOddSequence: true, overrideReason: 'Card checked in person' }
        : {}),
    };
  }

  passportWoman(
    name: string,
    documentNumber: string,
    options: Omit<PersonOptions, 'migrantShare'>,
  ): PersonInput {
    this.claimDocument(`passport:${documentNumber}`);
    const birthDate = this.birthDate(options.minAge ?? 22, options.maxAge ?? 40);
    this.nameBirths.add(`${name}|${birthDate}`);
    return {
      documentType: 'passport',
      documentNumber,
      name,
      birthDate,
      phone: this.uniquePhone(),
      residenceRegionCode: this.residence(options.homeDistrict),
      householdType: 'migrant',
      ...this.socialDetails(),
    };
  }

  /** The same person under another resident ID (an old card, or a typing slip): same name and birth. */
  sameNameAndBirthOtherResidentId(original: PersonInput, homeDistrict: string): PersonInput {
    const addressCode = this.rng.weighted(MIGRANT_ID_CODES);
    return {
      ...original,
      documentNumber: this.uniqueResidentId(addressCode, original.birthDate, false),
      phone: this.uniquePhone(),
      residenceRegionCode: this.residence(homeDistrict),
    };
  }

  /** The same person registered again under her passport. */
  sameNameAndBirthPassport(original: PersonInput, passportNumber: string): PersonInput {
    this.claimDocument(`passport:${passportNumber}`);
    return {
      ...original,
      documentType: 'passport',
      documentNumber: passportNumber,
      phone: this.uniquePhone(),
    };
  }

  /** Another woman who gave the same phone (a shared family number). */
  sharingPhone(original: PersonInput, options: PersonOptions): PersonInput {
    return { ...this.residentIdWoman(options), phone: original.phone };
  }

  newPhone(): string {
    return this.uniquePhone();
  }

  occupation(): string | undefined {
    return this.rng.weighted(OCCUPATIONS);
  }

  private socialDetails(): Pick<PersonInput, 'education' | 'occupation'> {
    const education = this.rng.weighted(EDUCATION);
    const occupation = this.rng.weighted(OCCUPATIONS);
    return {
      ...(education ? { education } : {}),
      ...(occupation ? { occupation } : {}),
    };
  }

  private residence(homeDistrict: string): string {
    return this.rng.chance(0.75) ? homeDistrict : this.rng.pick(BEIJING_DISTRICTS).code;
  }

  /** Ages cluster around 26–34, as they do in an antenatal clinic. */
  private birthDate(minAge: number, maxAge: number): IsoDate {
    for (;;) {
      const age = Math.round(
        Math.max(minAge, Math.min(maxAge, 29 + (this.rng.next() + this.rng.next() - 1) * 16)),
      );
      const birthDate = addDays(this.today, -Math.floor(age * 365.2425) - this.rng.int(0, 364));
      const actual = ageInYears(birthDate, this.today);
      if (actual >= minAge && actual <= maxAge) return birthDate;
    }
  }

  private uniqueName(birthDate: IsoDate): string {
    for (;;) {
      const surname = SURNAMES[Math.floor(SURNAMES.length * this.rng.next() ** 2)];
      const given = this.rng.chance(0.7)
        ? this.rng.pick(GIVEN_NAMES_TWO)
        : this.rng.pick(GIVEN_NAMES_ONE);
      const name = surname + given;
      if (!this.nameBirths.has(`${name}|${birthDate}`)) {
        this.nameBirths.add(`${name}|${birthDate}`);
        return name;
      }
    }
  }

  private uniqueResidentId(addressCode: string, birthDate: IsoDate, odd = false): string {
    for (;;) {
      // The sequence's last digit is odd for men and even for women (GB 11643).
      const sequence = this.rng.int(0, 49) * 2 + (odd ? 1 : 0);
      const first17 = `${addressCode}${birthDate.replaceAll('-', '')}${this.rng.int(0, 9)}${String(sequence).padStart(2, '0')}`;
      const id = first17 + residentIdCheckCharacter(first17);
      if (!this.documents.has(`resident_id:${id}`)) {
        this.claimDocument(`resident_id:${id}`);
        return id;
      }
    }
  }

  private claimDocument(key: string): void {
    if (this.documents.has(key)) throw new Error(`Demo document used twice: ${key}`);
    this.documents.add(key);
  }

  private uniquePhone(): string {
    for (;;) {
      const phone =
        this.rng.pick(MOBILE_PREFIXES) + String(this.rng.int(0, 99_999_999)).padStart(8, '0');
      if (!this.phones.has(phone)) {
        this.phones.add(phone);
        return phone;
      }
    }
  }
}
