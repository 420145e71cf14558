// The console's copies of the guidance values are those of the contracts, in the same order.
import {
  PROTOCOL_CALLERS as CONTRACT_CALLERS,
  MAIL_STATUSES as CONTRACT_MAIL_STATUSES,
  PARTNER_KINDS as CONTRACT_PARTNER_KINDS,
  GUIDE_PLATFORMS as CONTRACT_PLATFORMS,
  RED_FLAG_NAMES as CONTRACT_RED_FLAGS,
  PROTOCOL_STEPS as CONTRACT_STEPS,
  TAXONOMY_NAMES as CONTRACT_TAXONOMIES,
  PROTOCOL_TOPICS as CONTRACT_TOPICS,
  ZPartnerInput,
  ZSettings,
  ZTaxonomyItem,
} from '@abri/contracts';
import { describe, expect, test } from 'vitest';
import {
  CODE_PATTERN,
  GUIDE_PLATFORMS,
  MAIL_STATUSES,
  PARTNER_CODE_PATTERN,
  PARTNER_KINDS,
  PROTOCOL_CALLERS,
  PROTOCOL_STEPS,
  PROTOCOL_TOPICS,
  RED_FLAG_NAMES,
  RETENTION_BOUNDS,
  TAXONOMY_NAMES,
} from './constants.ts';

describe('guidance constants', () => {
  test('lists are those of the contracts, in order', () => {
    expect(PROTOCOL_TOPICS).toEqual(CONTRACT_TOPICS);
    expect(PROTOCOL_CALLERS).toEqual(CONTRACT_CALLERS);
    expect(PROTOCOL_STEPS).toEqual(CONTRACT_STEPS);
    expect(GUIDE_PLATFORMS).toEqual(CONTRACT_PLATFORMS);
    expect(RED_FLAG_NAMES).toEqual(CONTRACT_RED_FLAGS);
    expect(PARTNER_KINDS).toEqual(CONTRACT_PARTNER_KINDS);
    expect(TAXONOMY_NAMES).toEqual(CONTRACT_TAXONOMIES);
    expect(MAIL_STATUSES).toEqual(CONTRACT_MAIL_STATUSES);
  });

  test('code patterns accept and refuse what the schemas do', () => {
    for (const code of ['a', 'ab', 'x_1', 'a-b', 'A', '_a', 'a b', 'é', 'a'.repeat(48), 'a'.repeat(49)]) {
      expect(CODE_PATTERN.test(code), code).toBe(ZTaxonomyItem.shape.code.safeParse(code).success);
      expect(PARTNER_CODE_PATTERN.test(code), code).toBe(ZPartnerInput.shape.code.safeParse(code).success);
    }
  });

  test('retention bounds are those of settings.records', () => {
    const field = ZSettings.shape.records.shape.closedCaseRetentionDays;
    expect({ min: field.minValue, max: field.maxValue }).toEqual(RETENTION_BOUNDS);
    const other = ZSettings.shape.records.shape.contactTextRetentionDays;
    expect({ min: other.minValue, max: other.maxValue }).toEqual(RETENTION_BOUNDS);
  });
});
