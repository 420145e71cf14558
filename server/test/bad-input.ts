// What the bad-input tests share: hostile strings and values (fast-check arbitraries), and the check that an
// answer is a clear client error (4xx, a code, a readable message, no stack trace).
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';

export const INJECTIONS = [
  "' OR '1'='1' --",
  "admin'; DROP TABLE users; --",
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, on purpose.
  '{{7*7}}${7*7}',
  '../../etc/passwd',
  '\u0000\u0001\u001f',
  'a'.repeat(10_000),
  '🧒🏽‍💻 émoji',
  '__proto__',
];

export const hostileString = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.constantFrom(...INJECTIONS),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
);

export const hostileValue = fc.oneof(
  hostileString,
  fc.integer(),
  // Past PostgreSQL's integer and JavaScript's safe integers: a number a schema lets through unbounded
  // fails its statement instead of being refused.
  fc.constantFrom(2_147_483_648, -2_147_483_649, Number.MAX_SAFE_INTEGER + 2, 1e308),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(hostileString, { maxLength: 3 }),
  fc.object({ maxDepth: 2 }),
);

export function expectClientError(response: LightMyRequestResponse): void {
  expect(response.statusCode, response.body).toBeGreaterThanOrEqual(400);
  expect(response.statusCode, response.body).toBeLessThan(500);
  const body = response.json();
  expect(typeof body.error.code).toBe('string');
  expect(body.error.message.length).toBeGreaterThan(5);
  expect(response.body).not.toMatch(/at \w+ \(|node_modules|stack/i);
}
