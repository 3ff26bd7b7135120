import type { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import { DomainError, type ErrorDetail } from '../errors/domain.error';

/** Keys that reach an object's prototype when code merges or assigns a parsed body. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Where `value` holds a forbidden key, at any depth: `woman.__proto__`, `items[0].constructor`.
 * JSON.parse makes `__proto__` an own property, so it is seen here before class-transformer
 * would silently drop it.
 */
export function prototypeKeyPaths(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) {
    return value.flatMap((item, index) => prototypeKeyPaths(item, `${path}[${index}]`));
  }
  if (value === null || typeof value !== 'object') return [];
  return Object.keys(value).flatMap((key) => {
    const field = path ? `${path}.${key}` : key;
    if (FORBIDDEN_KEYS.has(key)) return [field];
    return prototypeKeyPaths((value as Record<string, unknown>)[key], field);
  });
}

/** Refuses a body or query holding `__proto__`, `constructor` or `prototype` with a 400. */
export class RejectPrototypeKeysPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'body' && metadata.type !== 'query') return value;
    const fields = prototypeKeyPaths(value);
    if (fields.length === 0) return value;
    const details: ErrorDetail[] = fields.map((field) => ({
      field,
      rule: 'notPrototypeKey',
      message: `${field.split(/[.[]/).pop()} is not an acceptable field name`,
    }));
    throw new DomainError('VALIDATION_FAILED', 'Request validation failed', details);
  }
}
