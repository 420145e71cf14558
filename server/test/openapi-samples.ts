// Requests generated from the OpenAPI document (the same zod schemas that validate requests): every operation
// with its parameters, a valid sample of each part (so that a probe gets past validation to the policy and the
// handler), and hostile variants of every field, nested ones included (fast-check), for the fuzz tests.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  nullable?: boolean;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
}

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema: JsonSchema;
}

export interface OpenApiDocument {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: OpenApiParameter[];
        requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
      }
    >
  >;
}

export interface Operation {
  method: string;
  /** The path as the document writes it: /api/cases/{id}. */
  path: string;
  /** `METHOD /path`, the key of the route matrix. */
  key: string;
  pathParams: OpenApiParameter[];
  query: OpenApiParameter[];
  body: JsonSchema | undefined;
}

export const routeKey = (method: string, path: string) => `${method.toUpperCase()} ${path}`;

/** Fastify's `/api/cases/:id` written the document's way, `/api/cases/{id}`. */
export const openApiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

export function operations(doc: OpenApiDocument): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => {
      const parameters = op.parameters ?? [];
      return {
        method: method.toUpperCase(),
        path,
        key: routeKey(method, path),
        pathParams: parameters.filter((p) => p.in === 'path'),
        query: parameters.filter((p) => p.in === 'query'),
        body: op.requestBody?.content?.['application/json']?.schema,
      };
    }),
  );
}

/**
 * encodeURIComponent, but a lone surrogate (which it refuses) is written as the bytes a careless or hostile
 * client sends for it (WTF-8, %ED%A0%80): the server must cope with what no browser would send.
 */
export function encodeLoose(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return Array.from(text, (char) => {
      const unit = char.charCodeAt(0);
      if (char.length === 1 && unit >= 0xd800 && unit <= 0xdfff)
        return [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)]
          .map((byte) => `%${byte.toString(16).toUpperCase()}`)
          .join('');
      return encodeURIComponent(char);
    }).join('');
  }
}

/** The URL of an operation with these path parameters and query values (encoded). */
export function urlOf(path: string, params: Record<string, unknown>, query: Record<string, unknown> = {}) {
  const filled = path
    .replace(/\{([A-Za-z0-9_]+)\}/g, (_m, name: string) => encodeLoose(String(params[name] ?? '')))
    .replace(/\*$/, () => String(params['*'] ?? ''));
  const search = Object.entries(query)
    .filter(([, value]) => value !== undefined)
    .flatMap(([name, value]) =>
      (Array.isArray(value) ? value : [value]).map(
        (item) =>
          `${encodeLoose(name)}=${encodeLoose(typeof item === 'string' ? item : JSON.stringify(item))}`,
      ),
    )
    .join('&');
  return search ? `${filled}?${search}` : filled;
}

function regexOf(pattern: string): RegExp {
  try {
    return new RegExp(pattern, 'u');
  } catch {
    return new RegExp(pattern);
  }
}

const typeOf = (schema: JsonSchema) => (Array.isArray(schema.type) ? schema.type[0] : schema.type);

function sampleString(schema: JsonSchema): string {
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? 10_000;
  const fits = (s: string) => [...s].length >= min && [...s].length <= max;
  switch (schema.format) {
    case 'uuid':
      return randomUUID();
    case 'email':
      return `sample-${randomUUID().slice(0, 8)}@example.org`;
    case 'date-time':
      return new Date().toISOString();
    case 'date':
      return new Date().toISOString().slice(0, 10);
    case 'uri':
    case 'url':
      return 'https://example.org/sample';
  }
  if (schema.pattern) {
    const re = regexOf(schema.pattern);
    for (const candidate of ['sample', 'sample text', 'a1', 'abc'])
      if (re.test(candidate) && fits(candidate)) return candidate;
    const found = fc
      .sample(fc.stringMatching(re), { numRuns: 200, seed: 42 })
      // biome-ignore lint/suspicious/noControlCharactersInRegex: a sample of valid text has no control characters.
      .find((s) => fits(s) && !/[\u0000-\u001f]/.test(s));
    if (found !== undefined) return found;
  }
  const base = 'sample text';
  if (base.length > max) return base.slice(0, Math.max(min, max));
  return base.padEnd(min, 'x');
}

function sampleNumber(schema: JsonSchema, integer: boolean): number {
  let value = typeof schema.minimum === 'number' ? schema.minimum : 0;
  if (typeof schema.exclusiveMinimum === 'number') value = schema.exclusiveMinimum + 1;
  else if (schema.exclusiveMinimum === true) value += 1;
  if (typeof schema.maximum === 'number' && value > schema.maximum) value = schema.maximum;
  return integer ? Math.ceil(value) : value;
}

export interface SampleOptions {
  /** Fill optional properties too (the fuzz reaches every field from a complete baseline). */
  full?: boolean;
  /** At least one item in arrays (so that the items' own fields exist to be fuzzed). */
  items?: boolean;
}

/** A value the schema accepts: the smallest that is plausible, or a complete one with `full`. */
export function sampleOf(schema: JsonSchema | undefined, options: SampleOptions = {}, depth = 0): unknown {
  if (!schema || depth > 12) return undefined;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum.find((v) => v !== null) ?? schema.enum[0];
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices) {
    const choice = choices.find((c) => typeOf(c) !== 'null') ?? choices[0];
    return sampleOf(choice, options, depth + 1);
  }
  if (schema.allOf?.length) return sampleOf(Object.assign({}, ...schema.allOf), options, depth + 1);
  switch (typeOf(schema)) {
    case 'string':
      return sampleString(schema);
    case 'integer':
      return sampleNumber(schema, true);
    case 'number':
      return sampleNumber(schema, false);
    case 'boolean':
      return false;
    case 'null':
      return null;
    case 'array': {
      const count = Math.max(schema.minItems ?? 0, options.items && (schema.maxItems ?? 1) >= 1 ? 1 : 0);
      return Array.from({ length: count }, () => sampleOf(schema.items, options, depth + 1));
    }
    default: {
      if (!schema.properties) return {};
      const required = new Set(schema.required ?? []);
      const out: Record<string, unknown> = {};
      for (const [name, property] of Object.entries(schema.properties)) {
        if (required.has(name) || options.full) out[name] = sampleOf(property, options, depth + 1);
      }
      return out;
    }
  }
}

/** Every field of a value built from this schema, as a path (nested objects and array items included). */
export function fieldPaths(
  schema: JsonSchema | undefined,
  prefix: (string | number)[] = [],
  depth = 0,
): (string | number)[][] {
  if (!schema || depth > 12) return [];
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices) return fieldPaths(choices.find((c) => typeOf(c) !== 'null') ?? choices[0], prefix, depth + 1);
  const type = typeOf(schema);
  if (type === 'array') return [...fieldPaths(schema.items, [...prefix, 0], depth + 1)];
  if (type === 'object' || schema.properties) {
    return Object.entries(schema.properties ?? {}).flatMap(([name, property]) => [
      [...prefix, name],
      ...fieldPaths(property, [...prefix, name], depth + 1),
    ]);
  }
  return [];
}

/** A copy of `value` with the field at `path` replaced (created when missing). */
export function withField(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  const container = (
    Array.isArray(value)
      ? [...value]
      : value && typeof value === 'object'
        ? { ...value }
        : typeof head === 'number'
          ? []
          : {}
  ) as Record<string | number, unknown>;
  container[head] = withField(container[head], rest, replacement);
  return container;
}

// --- Hostile values -------------------------------------------------------------------------------------

/** Strings aimed at the layers under a field: SQL, HTML, templates, paths, headers, prototypes, parsers. */
export const INJECTIONS = [
  "' OR '1'='1' --",
  "admin'; DROP TABLE users; --",
  '1; select pg_sleep(5)',
  "'||(select version())||'",
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, on purpose.
  '{{7*7}}${7*7}<%= 7*7 %>',
  '../../../../etc/passwd',
  '..%2f..%2fetc%2fpasswd',
  'a\r\nSet-Cookie: x=1',
  '\r\n\r\n<html>',
  '__proto__',
  '{"__proto__":{"admin":true}}',
  '=cmd|"/c calc"!A1',
  '%00',
  '%s%s%s%n',
  '$where: 1',
  'file:///etc/passwd',
  'http://169.254.169.254/latest/meta-data/',
  '🧒🏽‍💻 émoji ﷽',
];

const LONE_SURROGATES = ['\ud800', 'a\udfffb', '\udc00\ud800', `${'x'.repeat(10)}\ud83d`];

/** Values no field should choke on: wrong types, huge, NUL, lone surrogates, deep nesting, injections. */
export const hostileScalar = fc.oneof(
  fc.constantFrom(...INJECTIONS),
  fc.constantFrom(...LONE_SURROGATES),
  fc.constantFrom('\u0000', 'a\u0000b', '\u0000'.repeat(3)),
  fc.constantFrom('', ' ', '\t\n', '\u202e\u200b\ufeff', 'NaN', '-1', '1e309', 'null', 'true', '[]', '{}'),
  fc.constantFrom('x'.repeat(70_000), '🧒'.repeat(5_000)),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.integer(),
  fc.constantFrom(-1, 0, 2 ** 31, 2 ** 53, -(2 ** 63), 1e308, -0.5, Number.MAX_SAFE_INTEGER + 2),
  fc.double({ noNaN: true }),
  fc.boolean(),
  fc.constant(null),
  fc.uuid().map((u) => u.toUpperCase()),
  fc.constantFrom(
    '00000000-0000-0000-0000-000000000000',
    '2026-02-30T25:61:00Z',
    '0000-00-00',
    'x@',
    'javascript:alert(1)',
  ),
);

function nested(depth: number): unknown {
  let value: unknown = 'deep';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: hostileScalar },
  { weight: 1, arbitrary: fc.array(hostileScalar, { maxLength: 4 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      nested(64),
      nested(600),
      Array.from({ length: 2000 }, (_, i) => i),
    ),
  },
  {
    weight: 1,
    arbitrary: fc.dictionary(
      fc.constantFrom('__proto__', 'constructor', 'a', '\u0000', '\ud800'),
      hostileScalar,
      { maxKeys: 3 },
    ),
  },
  { weight: 1, arbitrary: fc.object({ maxDepth: 3 }) },
);

export interface HostileRequest {
  /** What was made hostile: `body.form.whatHappened`, `query.limit`, `path.id`, `body`. */
  target: string;
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  body: unknown;
  /** A raw body sent as is (malformed JSON), instead of `body`. */
  raw?: string;
  /** Headers added to the request (those the app reads as data, or to decide). */
  headers?: Record<string, string>;
}

/** Headers the app reads: stored (user agent), used to choose (language, type), or to decide (CSRF, origin). */
const HEADERS = [
  'user-agent',
  'accept-language',
  'content-type',
  'x-csrf-token',
  'origin',
  'accept',
  'x-forwarded-for',
];

/**
 * One hostile request for an operation, from a valid baseline: a single field (of the body, nested ones
 * included, or of the query or path) replaced by a hostile value, or the whole body replaced, or a
 * malformed body.
 */
export function hostileRequest(
  op: Operation,
  baseline: { params: Record<string, unknown>; query: Record<string, unknown>; body: unknown },
): fc.Arbitrary<HostileRequest> {
  const targets: fc.Arbitrary<HostileRequest>[] = [];
  const bodyPaths = op.body ? fieldPaths(op.body) : [];
  if (bodyPaths.length > 0)
    targets.push(
      fc.tuple(fc.constantFrom(...bodyPaths), hostileValue).map(([path, value]) => ({
        ...baseline,
        target: `body.${path.join('.')}`,
        body: withField(baseline.body, path, value),
      })),
    );
  if (op.body)
    targets.push(
      hostileValue.map((value) => ({ ...baseline, target: 'body', body: value })),
      fc
        .constantFrom(
          '{"a":',
          '{"a":1}}',
          '\u0000',
          '{"a":"\\ud800"}',
          '{"a":"\\u0000"}',
          `${'['.repeat(5000)}${']'.repeat(5000)}`,
          'null',
          '"x"',
        )
        .map((raw) => ({ ...baseline, target: 'body(raw)', raw })),
    );
  if (op.query.length > 0)
    targets.push(
      fc.tuple(fc.constantFrom(...op.query.map((q) => q.name)), hostileValue).map(([name, value]) => ({
        ...baseline,
        target: `query.${name}`,
        query: { ...baseline.query, [name]: value },
      })),
    );
  if (op.pathParams.length > 0)
    targets.push(
      fc.tuple(fc.constantFrom(...op.pathParams.map((p) => p.name)), hostileScalar).map(([name, value]) => ({
        ...baseline,
        target: `path.${name}`,
        params: { ...baseline.params, [name]: typeof value === 'string' ? value.slice(0, 150) : value },
      })),
    );
  targets.push(
    fc.tuple(fc.constantFrom(...HEADERS), hostileScalar).map(([name, value]) => ({
      ...baseline,
      target: `header.${name}`,
      headers: { [name]: typeof value === 'string' ? value : JSON.stringify(value) },
    })),
  );
  if (op.query.length === 0)
    targets.push(
      hostileValue.map((value) => ({
        ...baseline,
        target: 'query.unknown',
        query: { ...baseline.query, unknown: value },
      })),
    );
  return fc.oneof(...targets);
}
