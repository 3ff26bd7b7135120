import { addDays, todayIn } from '../../src/core/time/calendar-date';
import { residentIdCheckCharacter } from '../../src/women/rules/resident-id';

export const today = (): string => todayIn('Asia/Shanghai');

/**
 * A valid resident ID for the birth date, with an even (female) sequence digit unless asked.
 * Test files run in separate module registries, so the sequence is random, not a counter.
 */
export function residentId(birthDate: string, options: { oddSequence?: boolean } = {}): string {
  const even = Math.floor(Math.random() * 500) * 2;
  const sequence = String(options.oddSequence ? even + 1 : even).padStart(3, '0');
  // Any address code of Beijing (11….): with the birth date and sequence alone, a full run's
  // ~3 000 random women drew the same number about once, and a registration met a stranger.
  const address = `11${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}`;
  const first17 = `${address}${birthDate.replaceAll('-', '')}${sequence}`;
  return first17 + residentIdCheckCharacter(first17);
}

/** A passport number (E and eight digits), random per run. */
export function passport(): string {
  return `E${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
}

let phoneSerial = Math.floor(Math.random() * 1e7);

export function uniquePhone(): string {
  phoneSerial = (phoneSerial + 1) % 1e8;
  return `139${String(phoneSerial).padStart(8, '0')}`;
}

let nameSerial = Math.floor(Math.random() * 1e6);

/** Names unique per run, so possible-duplicate checks only fire where a test asks for them. */
export function uniqueName(): string {
  nameSerial += 1;
  return `孕妇${nameSerial}`;
}

/**
 * A birth date between 1996 and 2002: a woman of 23 to 30, so age adds no risk factor, spread so
 * that IDs rarely collide between test files.
 */
function randomBirthDate(): string {
  return addDays('1996-01-01', Math.floor(Math.random() * 7 * 365));
}

export interface RegistrationPayload {
  woman: Record<string, unknown>;
  pregnancy: Record<string, unknown>;
}

/** A valid registration: woman aged 30, LMP 70 days before registration today. */
export function registrationPayload(
  overrides: { woman?: Record<string, unknown>; pregnancy?: Record<string, unknown> } = {},
): RegistrationPayload {
  const birthDate = (overrides.woman?.birthDate as string | undefined) ?? randomBirthDate();
  return {
    woman: {
      documentType: 'resident_id',
      documentNumber: residentId(birthDate),
      name: uniqueName(),
      birthDate,
      phone: uniquePhone(),
      residenceRegionCode: '110105',
      householdType: 'local',
      education: 'bachelor',
      occupation: '会计',
      ...overrides.woman,
    },
    pregnancy: {
      registrationDate: today(),
      lmp: addDays(today(), -70),
      gravidity: 1,
      parity: 0,
      previousCaesareans: 0,
      fetusCount: 1,
      ...overrides.pregnancy,
    },
  };
}

/**
 * A maternal death for `POST /pregnancies/{id}/status`, at `diedAt` whose hospital day
 * (Asia/Shanghai) is the effective date: obstetric haemorrhage unless overridden.
 */
export function maternalDeathPayload(
  version: number,
  diedAt: Date,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    version,
    status: 'maternal_death',
    effectiveDate: todayIn('Asia/Shanghai', diedAt),
    diedAt: diedAt.toISOString(),
    deathCause: 'obstetric_haemorrhage',
    deathCauseDetail: '产后出血',
    reason: '孕产妇死亡报告',
    ...overrides,
  };
}
