// The server's refusals land next to the right fields, in the form's words.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client.ts';
import { reportErrorText, serverFieldErrors } from './server-errors.ts';
import { emptyDraft, type ReportDraft } from './validate.ts';

const draft: ReportDraft = {
  ...emptyDraft(),
  category: 'other',
  urls: [
    { id: 4, value: ' nope ' },
    { id: 7, value: 'http://10.0.0.1/x' },
  ],
};

describe('server errors on the report form', () => {
  it('name why each address was refused, on its row', () => {
    const error = new ApiError(400, 'HOTLINE_NO_VALID_URL', 'None of the addresses could be kept', [
      { path: 'body.urls', message: 'nope: no_host' },
      { path: 'body.urls', message: 'http://10.0.0.1/x: private_address' },
    ]);
    expect(serverFieldErrors(error, draft)).toEqual({
      'url:4': 'report.form.errors.refused.no_host',
      'url:7': 'report.form.errors.refused.private_address',
    });
  });

  it('put file refusals on the screenshots and schema details on their fields', () => {
    expect(serverFieldErrors(new ApiError(415, 'HOTLINE_FILE_TYPE', 'x'), draft)).toEqual({
      screenshots: 'report.form.errors.fileType',
    });
    const invalid = new ApiError(400, 'REQUEST_INVALID', 'x', [
      { path: 'body.email', message: 'not a valid e-mail address' },
      { path: 'body.urls.1', message: 'at most 2,048 characters' },
    ]);
    expect(serverFieldErrors(invalid, draft)).toEqual({
      email: 'report.form.errors.server',
      'url:7': 'report.form.errors.server',
    });
  });

  it('say a flood of reports in plain words', () => {
    expect(reportErrorText(new ApiError(429, 'HOTLINE_TOO_MANY_REPORTS', 'x'))).toBe(
      'report.form.errors.tooManyReports',
    );
    expect(reportErrorText(new ApiError(503, 'UNAVAILABLE', 'x'))).toBeNull();
  });
});
