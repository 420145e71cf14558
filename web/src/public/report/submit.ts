// Sending a report: JSON with fetch when there is no file; with screenshots, multipart/form-data through
// XMLHttpRequest, the only browser API that reports upload progress. Both reach POST /api/hotline/reports
// and answer a receipt, or an error shaped like every other ({error: {code, message, details}}).
import type { TErrorResponse, TReportInput, TReportReceipt, TReportStatus } from '@abri/contracts';
import { ApiError, api } from '../../api/client.ts';
import { REPORTS_PATH, STATUS_PATH } from './constants.ts';

export type Progress = { loaded: number; total: number };

export function sendReport(
  input: TReportInput,
  files: File[],
  onProgress: (progress: Progress) => void,
): Promise<TReportReceipt> {
  if (files.length === 0) return api.post<TReportReceipt>(REPORTS_PATH, input);
  return sendMultipart(input, files, onProgress);
}

function toFormData(input: TReportInput, files: File[]): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(input)) {
    if (key === 'urls') continue;
    if (value !== undefined) form.append(key, String(value));
  }
  for (const url of input.urls) form.append('urls', url);
  for (const file of files) form.append('screenshots', file, file.name);
  return form;
}

function sendMultipart(
  input: TReportInput,
  files: File[],
  onProgress: (progress: Progress) => void,
): Promise<TReportReceipt> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', REPORTS_PATH);
    request.setRequestHeader('accept', 'application/json');
    request.responseType = 'text';
    request.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onProgress({ loaded: event.loaded, total: event.total });
    });
    request.addEventListener('error', () =>
      reject(new ApiError(0, 'UNAVAILABLE', 'The service cannot be reached.')),
    );
    request.addEventListener('abort', () => reject(new ApiError(0, 'UNAVAILABLE', 'The upload stopped.')));
    request.addEventListener('load', () => {
      let payload: unknown = null;
      try {
        payload = JSON.parse(request.responseText);
      } catch {
        payload = null;
      }
      if (request.status >= 200 && request.status < 300 && isReceipt(payload)) {
        resolve(payload);
        return;
      }
      if (isErrorResponse(payload)) {
        const { code, message, details } = payload.error;
        reject(new ApiError(request.status, code, message, details ?? []));
        return;
      }
      const code =
        request.status === 413 ? 'REQUEST_TOO_LARGE' : request.status >= 500 ? 'UNAVAILABLE' : 'INTERNAL';
      reject(new ApiError(request.status, code, request.statusText || 'Request failed'));
    });
    request.send(toFormData(input, files));
  });
}

export function fetchStatus(code: string): Promise<TReportStatus> {
  return api.get<TReportStatus>(`${STATUS_PATH}?${new URLSearchParams({ code })}`);
}

function isErrorResponse(value: unknown): value is TErrorResponse {
  const error = (value as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return typeof error?.code === 'string' && typeof error.message === 'string';
}

function isReceipt(value: unknown): value is TReportReceipt {
  return typeof (value as { trackingCode?: unknown } | null)?.trackingCode === 'string';
}
