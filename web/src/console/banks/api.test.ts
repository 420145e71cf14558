import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client.ts';
import { readImportAnswer } from './api.ts';

const report = {
  id: null,
  applied: false,
  mode: 'refuse_all',
  format: 'text',
  lines: 3,
  added: 0,
  duplicates: 0,
  invalid: 1,
  errors: [{ line: 2, message: 'not a hash' }],
};

describe('readImportAnswer', () => {
  it('reads the report of an import applied or refused whole', () => {
    expect(readImportAnswer(422, 'Unprocessable Entity', report)).toEqual(report);
    expect(readImportAnswer(200, 'OK', { ...report, applied: true, added: 2 }).added).toBe(2);
  });

  it('raises the usual errors with their code and details', () => {
    const payload = {
      error: { code: 'BANK_IMPORT_EMPTY', message: 'empty', details: [{ path: 'body', message: 'x' }] },
    };
    expect(() => readImportAnswer(400, 'Bad Request', payload)).toThrow(ApiError);
    try {
      readImportAnswer(400, 'Bad Request', payload);
    } catch (error) {
      expect(error).toMatchObject({ status: 400, code: 'BANK_IMPORT_EMPTY', details: [{ message: 'x' }] });
    }
  });

  it('takes an answer that is neither for the service unavailable', () => {
    expect(() => readImportAnswer(502, 'Bad Gateway', null)).toThrow(
      expect.objectContaining({ code: 'UNAVAILABLE' }),
    );
    expect(() => readImportAnswer(200, 'OK', null)).toThrow(expect.objectContaining({ code: 'UNAVAILABLE' }));
  });
});
