import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';

/**
 * Reads one configuration namespace from the environment. The class names the variables; a
 * missing or malformed one stops start-up with a message naming the variable and the rule.
 */
export function readEnv<T extends object>(
  schema: new () => T,
  env: NodeJS.ProcessEnv = process.env,
): T {
  const values = plainToInstance(schema, env, { excludeExtraneousValues: false });
  const errors = validateSync(values, { skipMissingProperties: false, whitelist: false });
  if (errors.length > 0) {
    throw new Error(`Invalid configuration:\n${errors.map(describe).join('\n')}`);
  }
  return values;
}

function describe(error: ValidationError): string {
  const shown = error.value === undefined ? 'missing' : `got ${JSON.stringify(error.value)}`;
  const rules = Object.values(error.constraints ?? {}).join('; ');
  return `  ${error.property} (${shown}): ${rules}`;
}

export function toBoolean({ value }: { value: unknown }): unknown {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') return value;
  const normalized = value.trim().toLowerCase();
  if (['true', '1', 'yes'].includes(normalized)) return true;
  if (['false', '0', 'no'].includes(normalized)) return false;
  return value;
}

export function toInteger({ value }: { value: unknown }): unknown {
  if (typeof value !== 'string' || value.trim() === '') return value === '' ? undefined : value;
  return /^-?\d+$/.test(value.trim()) ? Number(value) : value;
}

/** A comma-separated list, blanks dropped; an empty value is no list. */
export function toList({ value }: { value: unknown }): unknown {
  if (typeof value !== 'string') return value;
  const items = value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  return items.length > 0 ? items : undefined;
}
