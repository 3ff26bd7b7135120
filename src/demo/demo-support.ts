import type { Actor } from '../core/auth/actor';
import { createValidationPipe } from '../core/http/validation';
import { runInRequestContext } from '../core/request-context/request-context';
import type { IsoDate } from '../core/time/calendar-date';
import type { ClinicianRole, FacilityKey } from './demo-care';

// What every part of the demo seed shares: the API's validation, the request context the
// services audit under, the timeline's event shape, and the table printer.

export const REQUEST_ID = 'demo-seed';

export const FACILITY_KEYS: readonly FacilityKey[] = ['f1', 'f2'];
export const FACILITY_CODES: Record<FacilityKey, string> = { f1: 'DEMO-F1', f2: 'DEMO-F2' };

/** The demo users who do the work: the nurse records, the MCH officer (妇幼专干) manages cases. */
export type Staff = Record<FacilityKey, Record<ClinicianRole, Actor>>;

const pipe = createValidationPipe();

/** The API's own validation, so the seed cannot write what a request could not. */
export async function validated<T extends object>(dto: new () => T, value: T): Promise<T> {
  return (await pipe.transform(value, { type: 'body', metatype: dto })) as T;
}

/** Names the step a failure comes from, then lets it stop the seed. */
export async function step<T>(label: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    console.error(`[demo] failed: ${label}`);
    throw error;
  }
}

export function inContext<T>(actor: Actor, work: () => Promise<T>): Promise<T> {
  return runInRequestContext({ requestId: REQUEST_ID, actor }, work);
}

/** Waits for all of them, so nothing is still writing when the first failure stops the seed. */
export async function settleAll(work: Promise<unknown>[]): Promise<void> {
  const results = await Promise.allSettled(work);
  const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) throw failure.reason;
}

/** Runs `work` on every item, at most `lanes` at a time. */
export async function forEachConcurrently<T>(
  items: readonly T[],
  lanes: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  const queue = [...items];
  const worker = async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
  };
  await settleAll(Array.from({ length: Math.min(lanes, queue.length) }, worker));
}

export type EventKind =
  | 'status'
  | 'registration'
  | 'redating'
  | 'visit'
  | 'assessment'
  | 'woman'
  | 'session'
  | 'checkIn'
  | 'dispensing'
  | 'intakeReport'
  | 'survey'
  | 'pmtct'
  | 'delivery'
  | 'stay'
  | 'postpartum'
  | 'followUp';

/** One dated thing that happened, written through the services as the acting user. */
export interface TimelineEvent {
  on: IsoDate;
  /** Within a day: status changes first (a transfer before the new registration), then the rest. */
  order: number;
  kind: EventKind;
  /** Events of one lane run one after the other, in date order; lanes run side by side. */
  lane: object;
  /** Runs alone: everything dated before it is written first, nothing after it starts before. */
  barrier?: boolean;
  /** Creates a woman's record: written one at a time (see the registration lock). */
  createsWoman?: boolean;
  actor: Actor;
  run: () => Promise<void>;
}

/** Columns padded to the widest cell, counting Chinese characters as two terminal columns. */
export function printTable(rows: string[][]): void {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => displayWidth(row[i]))));
  for (const row of rows) {
    console.log(
      '  ' +
        row
          .map((cell, i) => cell + ' '.repeat(widths[i] - displayWidth(cell)))
          .join('  ')
          .trimEnd(),
    );
  }
}

const WIDE_CHARACTER =
  /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

function displayWidth(text: string): number {
  let width = 0;
  for (const character of text) width += WIDE_CHARACTER.test(character) ? 2 : 1;
  return width;
}

/** "12 (34 %)": a count and its share, for the summary tables. */
export function share(count: number, total: number): string {
  return total === 0 ? '0' : `${count}/${total} (${Math.round((100 * count) / total)} %)`;
}
