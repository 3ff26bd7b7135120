import { AuditValues } from './audit-entry.entity';

function comparable(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}

/** The fields whose values differ, as { before, after } with only those fields. */
export function changedFields(
  before: AuditValues,
  after: AuditValues,
): { before: AuditValues; after: AuditValues } {
  const changed = Object.keys(after).filter(
    (key) => JSON.stringify(comparable(before[key])) !== JSON.stringify(comparable(after[key])),
  );
  return {
    before: Object.fromEntries(changed.map((key) => [key, comparable(before[key]) ?? null])),
    after: Object.fromEntries(changed.map((key) => [key, comparable(after[key]) ?? null])),
  };
}

export function pick<T extends object, K extends keyof T>(
  source: T,
  keys: readonly K[],
): AuditValues {
  return Object.fromEntries(keys.map((key) => [key, comparable(source[key]) ?? null]));
}

/** The audited fields that `changes` would change on `current`, as { before, after }. */
export function diffOf<T extends object, K extends keyof T>(
  current: T,
  changes: object,
  fields: readonly K[],
): { before: AuditValues; after: AuditValues } {
  const before = pick(current, fields);
  const incoming = Object.fromEntries(
    Object.entries(changes).filter(([key]) => (fields as readonly PropertyKey[]).includes(key)),
  );
  return changedFields(before, { ...before, ...incoming });
}
