// The hash bank pages' copies of contract values stay in step with the schemas they mirror.
import {
  BANK_KINDS as CONTRACT_BANK_KINDS,
  BLOCKING_BANK_KINDS as CONTRACT_BLOCKING_KINDS,
  HASH_ALGORITHMS as CONTRACT_HASH_ALGORITHMS,
  PDQ_DEFAULT_DISTANCE as CONTRACT_PDQ_DEFAULT_DISTANCE,
  PDQ_MIN_QUALITY as CONTRACT_PDQ_MIN_QUALITY,
  MEDIA_REFUSED_REASONS as CONTRACT_REFUSED_REASONS,
  ZAddToBankInput,
  ZBankImportQuery,
  ZBankInput,
  ZBankName,
  ZBankUpdate,
} from '@abri/contracts';
import { describe, expect, test } from 'vitest';
import {
  BANK_DESCRIPTION_MAX,
  BANK_KINDS,
  BANK_LABEL_MAX,
  BANK_SOURCE_MAX,
  BLOCKING_BANK_KINDS,
  HASH_ALGORITHMS,
  IMPORT_ALGORITHMS,
  IMPORT_FILENAME_MAX,
  IMPORT_MODES,
  isBankName,
  PDQ_DEFAULT_DISTANCE,
  PDQ_DISTANCE_BOUNDS,
  PDQ_MIN_QUALITY,
  REFUSED_REASONS,
} from './constants.ts';

describe('hash bank constants', () => {
  test('lists are those of the contracts', () => {
    expect(BANK_KINDS).toEqual(CONTRACT_BANK_KINDS);
    expect(BLOCKING_BANK_KINDS).toEqual(CONTRACT_BLOCKING_KINDS);
    expect(HASH_ALGORITHMS).toEqual(CONTRACT_HASH_ALGORITHMS);
    expect(REFUSED_REASONS).toEqual(CONTRACT_REFUSED_REASONS);
    const query = ZBankImportQuery.shape;
    expect([...IMPORT_MODES].sort()).toEqual([...query.mode.unwrap().options].sort());
    expect(query.mode.parse(undefined)).toBe(IMPORT_MODES[0]);
    expect([...IMPORT_ALGORITHMS]).toEqual(query.algorithm.unwrap().options);
    expect(query.algorithm.parse(undefined)).toBe(IMPORT_ALGORITHMS[0]);
  });

  test('the name rule accepts and refuses what ZBankName does', () => {
    for (const name of [
      'ab',
      'a',
      'ncmec.csam',
      'x_1-2',
      'Ab',
      '-ab',
      '.ab',
      'a b',
      'é1',
      'a'.repeat(64),
      'a'.repeat(65),
    ]) {
      expect(isBankName(name), name).toBe(ZBankName.safeParse(name).success);
    }
  });

  test('bounds are those of the schemas', () => {
    const input = ZBankInput.shape;
    const distance = input.pdqMaxDistance.unwrap();
    expect({ min: distance.minValue, max: distance.maxValue }).toEqual(PDQ_DISTANCE_BOUNDS);
    expect(input.pdqMaxDistance.parse(undefined)).toBe(PDQ_DEFAULT_DISTANCE);
    expect(PDQ_DEFAULT_DISTANCE).toBe(CONTRACT_PDQ_DEFAULT_DISTANCE);
    expect(PDQ_MIN_QUALITY).toBe(CONTRACT_PDQ_MIN_QUALITY);
    expect(input.source.maxLength).toBe(BANK_SOURCE_MAX);
    expect(input.description.unwrap().maxLength).toBe(BANK_DESCRIPTION_MAX);
    const update = ZBankUpdate.shape.pdqMaxDistance.unwrap();
    expect({ min: update.minValue, max: update.maxValue }).toEqual(PDQ_DISTANCE_BOUNDS);
    expect(ZAddToBankInput.shape.label.unwrap().maxLength).toBe(BANK_LABEL_MAX);
    expect(ZBankImportQuery.shape.filename.unwrap().maxLength).toBe(IMPORT_FILENAME_MAX);
  });
});
