import fc from 'fast-check';
import type { OpenAPIObject } from '@nestjs/swagger';

/** What the fuzzer needs of a schema: the OpenAPI 3 subset @nestjs/swagger writes. */
export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  nullable?: boolean;
}

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: Schema;
}

export interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** The OpenAPI path, e.g. /women/{id}. */
  path: string;
  pathParams: Parameter[];
  query: Parameter[];
  body?: Schema;
}

export interface FuzzRequest {
  operation: string;
  role: string;
  method: Operation['method'];
  url: string;
  /** A JSON text, or undefined for no body. */
  body?: string;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Every operation of the document, skipping those `exclude` names ("POST /auth/logout"). */
export function operationsOf(document: OpenAPIObject, exclude: ReadonlySet<string>): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation || exclude.has(`${method.toUpperCase()} ${path}`)) continue;
      const parameters = (operation.parameters ?? []) as Parameter[];
      const content = (operation.requestBody as { content?: Record<string, { schema?: Schema }> })
        ?.content;
      operations.push({
        method,
        path,
        pathParams: parameters.filter((p) => p.in === 'path'),
        query: parameters.filter((p) => p.in === 'query'),
        body: content?.['application/json']?.schema,
      });
    }
  }
  return operations;
}

export const operationName = (operation: Operation): string =>
  `${operation.method.toUpperCase()} ${operation.path}`;

/** Values no field of this API accepts, each a cause of a 500 once. */
const HOSTILE_VALUES: unknown[] = [
  null,
  { toString: 'x', valueOf: 'y' },
  { toString: 1 },
  {},
  [],
  [null],
  '',
  ' ',
  'abc',
  '1e308',
  '-1',
  '0x10',
  'NaN',
  true,
  false,
  0,
  -1,
  1.5,
  1e308,
  -1e308,
  2_147_483_648,
  Number.MAX_SAFE_INTEGER,
  'x'.repeat(5000),
  '2026-02-30',
  '9999-12-31',
  '0000-01-01',
  '2026-09-30T20:00:00',
  '2026-09-30T20:00:00+08:00',
  '\u0000',
  '李娜',
  '<script>',
  "' OR 1=1 --",
];

const hostile = fc.constantFrom(...HOSTILE_VALUES);

const isoDate = fc
  .date({
    min: new Date('1900-01-01T00:00:00Z'),
    max: new Date('2100-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString().slice(0, 10));
const nearToday = fc.integer({ min: -400, max: 30 }).map((days) => {
  const d = new Date(Date.now() + days * 86_400_000);
  return d.toISOString().slice(0, 10);
});
const instant = fc
  .integer({ min: -400, max: 30 })
  .map((days) => new Date(Date.now() + days * 86_400_000).toISOString().replace('Z', '+00:00'));

/**
 * Values for a schema: mostly plausible (so that requests pass validation and reach the services),
 * sometimes boundary or hostile. `ids` are the ids the test has seen, for fields named …Id.
 */
export class ValueGenerator {
  constructor(
    private readonly document: OpenAPIObject,
    private readonly ids: () => number[],
  ) {}

  resolve(schema: Schema): Schema {
    let resolved = schema;
    for (let hops = 0; resolved.$ref && hops < 10; hops += 1) {
      const name = resolved.$ref.split('/').pop()!;
      resolved = (this.document.components?.schemas?.[name] as Schema | undefined) ?? {};
    }
    if (resolved.allOf?.length) {
      return resolved.allOf.reduce<Schema>((merged, part) => {
        const r = this.resolve(part);
        return {
          ...merged,
          ...r,
          properties: { ...merged.properties, ...r.properties },
          required: [...(merged.required ?? []), ...(r.required ?? [])],
        };
      }, {});
    }
    return resolved;
  }

  id(): fc.Arbitrary<number> {
    return fc.oneof(
      { weight: 6, arbitrary: fc.constant(0).chain(() => this.seenId()) },
      { weight: 1, arbitrary: fc.constantFrom(1, 2, 2_147_483_647) },
    );
  }

  private seenId(): fc.Arbitrary<number> {
    const ids = this.ids();
    return ids.length > 0 ? fc.constantFrom(...ids) : fc.integer({ min: 1, max: 50 });
  }

  value(schema: Schema, name: string, depth = 0): fc.Arbitrary<unknown> {
    return fc.oneof(
      { weight: 8, arbitrary: this.plausible(schema, name, depth) },
      { weight: 1, arbitrary: hostile },
    );
  }

  plausible(input: Schema, name: string, depth = 0): fc.Arbitrary<unknown> {
    const schema = this.resolve(input);
    const variants = schema.oneOf ?? schema.anyOf;
    if (variants?.length) return fc.oneof(...variants.map((v) => this.plausible(v, name, depth)));
    if (schema.enum?.length) return fc.constantFrom(...schema.enum);
    switch (schema.type) {
      case 'integer':
      case 'number':
        if (/Id$|^id$/.test(name)) return this.id();
        return fc.oneof(
          fc.integer({ min: schema.minimum ?? 0, max: Math.min(schema.maximum ?? 400, 100_000) }),
          fc.constantFrom(schema.minimum ?? 0, schema.maximum ?? 1, 1, 0, -1),
          ...(schema.type === 'number' ? [fc.double({ min: -1e6, max: 1e6, noNaN: true })] : []),
        );
      case 'boolean':
        return fc.boolean();
      case 'array': {
        if (depth > 4) return fc.constant([]);
        return fc.array(this.value(schema.items ?? {}, name, depth + 1), { maxLength: 3 });
      }
      case 'object':
        return this.object(schema, depth);
      case 'string':
      default:
        if (schema.properties) return this.object(schema, depth);
        if (schema.format === 'date-time' || /At$/.test(name)) return instant;
        if (schema.format === 'date' || /On$|Date$|^lmp$|^from$|^to$/.test(name)) {
          return fc.oneof(nearToday, isoDate);
        }
        return fc.oneof(
          fc.string({
            minLength: schema.minLength ?? 0,
            maxLength: Math.min(schema.maxLength ?? 20, 40),
          }),
          fc.constantFrom(
            '李娜',
            '110105',
            '110105001',
            'PM-01',
            'x'.repeat(schema.maxLength ?? 64),
          ),
          fc.constantFrom('x'.repeat((schema.maxLength ?? 500) + 1)),
        );
    }
  }

  object(input: Schema, depth = 0): fc.Arbitrary<Record<string, unknown>> {
    const schema = this.resolve(input);
    if (depth > 4) return fc.constant({});
    const properties = schema.properties ?? {};
    const required = new Set(schema.required ?? []);
    const entries = Object.entries(properties).map(([key, property]) =>
      fc
        .tuple(fc.integer({ min: 0, max: 9 }), this.value(property, key, depth + 1))
        .map(([dice, value]) => {
          // Required fields mostly present, optional ones half the time.
          const present = required.has(key) ? dice > 0 : dice > 4;
          return present ? ([key, value] as const) : undefined;
        }),
    );
    return fc.tuple(fc.tuple(...entries), fc.integer({ min: 0, max: 19 })).map(([pairs, dice]) => {
      const object = Object.fromEntries(pairs.filter((p) => p !== undefined));
      if (dice === 0) object.unexpectedField = 1;
      return object;
    });
  }
}

/** Whole bodies that are wrong in shape, not in one field. */
const hostileBody = fc.constantFrom(
  'null',
  '[]',
  '"text"',
  '1',
  '{',
  '{"a":',
  '{"__proto__":{"admin":true}}',
  '{"constructor":{"prototype":{}}}',
  `${'['.repeat(5000)}${']'.repeat(5000)}`,
  `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`,
);

const pathValue = (generator: ValueGenerator, parameter: Parameter): fc.Arbitrary<string> => {
  const schema = generator.resolve(parameter.schema ?? {});
  const numeric =
    schema.type === 'number' || schema.type === 'integer' || /id$/i.test(parameter.name);
  const plausible = numeric
    ? generator.id().map(String)
    : generator.plausible(schema, parameter.name).map(String);
  return fc.oneof(
    { weight: 8, arbitrary: plausible },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '0',
        '-1',
        '1e3',
        '0x10',
        'abc',
        '2147483648',
        '1.5',
        '%00',
        '..',
        ' 1',
      ),
    },
  );
};

const queryText = (value: unknown): string =>
  typeof value === 'string'
    ? value
    : value !== null && typeof value === 'object'
      ? JSON.stringify(value)
      : String(value);

/** A request for one operation as one role: path ids, query and body, each possibly hostile. */
export function requestFor(
  generator: ValueGenerator,
  operation: Operation,
  roles: readonly string[],
): fc.Arbitrary<FuzzRequest> {
  const path = fc
    .tuple(...operation.pathParams.map((p) => pathValue(generator, p)))
    .map((values) =>
      operation.pathParams.reduce(
        (url, parameter, index) =>
          url.replace(`{${parameter.name}}`, encodeURIComponent(values[index])),
        operation.path,
      ),
    );
  const query = fc
    .tuple(
      ...operation.query.map((parameter) =>
        fc.tuple(
          fc.integer({ min: 0, max: 2 }),
          generator.value(parameter.schema ?? {}, parameter.name),
        ),
      ),
      fc.integer({ min: 0, max: 29 }),
    )
    .map((parts) => {
      const extra = parts.pop() as number;
      const pairs = (parts as [number, unknown][])
        .map(([dice, value], index) =>
          dice === 0 && !operation.query[index].required
            ? undefined
            : ([operation.query[index].name, queryText(value)] as [string, string]),
        )
        .filter((pair): pair is [string, string] => pair !== undefined);
      if (extra === 0) pairs.push(['page[toString]', 'x']);
      if (extra === 1) pairs.push(['page', '1e308']);
      if (extra === 2) pairs.push(['unknownParameter', '1']);
      return pairs.length > 0 ? `?${new URLSearchParams(pairs).toString()}` : '';
    });
  const body: fc.Arbitrary<string | undefined> = operation.body
    ? fc.oneof(
        { weight: 12, arbitrary: generator.object(operation.body).map((b) => JSON.stringify(b)) },
        { weight: 1, arbitrary: hostileBody },
      )
    : fc.constant(undefined);
  return fc.record({
    operation: fc.constant(operationName(operation)),
    role: fc.constantFrom(...roles),
    method: fc.constant(operation.method),
    url: fc.tuple(path, query).map(([p, q]) => p + q),
    body,
  });
}
