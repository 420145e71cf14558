// Reports arrive as JSON (the page with JavaScript), multipart/form-data (with screenshots, from either
// page) or urlencoded (the plain form without files). This file turns the last two into the JSON shape, so
// that one schema (ZReportInput) judges every report.
import querystring from 'node:querystring';
import { REPORT_MAX_FILE_BYTES, REPORT_MAX_FILES } from '@abri/contracts';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { badTextMessage, findBadText } from '../../http/text-guard.ts';
import { AppError } from '../../infra/errors.ts';

export type FormFields = Record<string, string | string[]>;

/** Only this module's scope parses multipart and urlencoded bodies; limits keep a form small. */
export async function registerFormParsers(app: FastifyInstance): Promise<void> {
  await app.register(fastifyMultipart, {
    limits: {
      fileSize: REPORT_MAX_FILE_BYTES,
      files: REPORT_MAX_FILES,
      fields: 60,
      fieldSize: 16 * 1024,
      parts: 80,
      headerPairs: 100,
    },
  });
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 128 * 1024 },
    (_request, body, done) => done(null, querystring.parse(String(body))),
  );
}

const multipartErrors: Record<string, ConstructorParameters<typeof AppError>[0]> = {
  FST_FILES_LIMIT: 'HOTLINE_TOO_MANY_FILES',
  FST_REQ_FILE_TOO_LARGE: 'HOTLINE_FILE_TOO_LARGE',
  FST_PARTS_LIMIT: 'REQUEST_TOO_LARGE',
  FST_FIELDS_LIMIT: 'REQUEST_TOO_LARGE',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'REQUEST_UNSUPPORTED_TYPE',
};

/**
 * Every field and every file of a multipart body, read in full before anything is checked or stored. A
 * broken body (a file too large, too many files) comes back as `error` with the fields read so far, so the
 * plain form can be shown again with what the person typed.
 */
export async function readMultipart(
  request: FastifyRequest,
): Promise<{ fields: FormFields; files: Buffer[]; error?: AppError }> {
  const fields: Record<string, string[]> = Object.create(null);
  const files: Buffer[] = [];
  let error: AppError | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'screenshots') {
          part.file.resume();
          throw new AppError('REQUEST_INVALID', {
            details: [{ path: `body.${part.fieldname}`, message: 'files go in the screenshots field' }],
          });
        }
        const bytes = await part.toBuffer();
        // A file input left empty still sends a part, with no name and no bytes: not a file.
        if (bytes.length === 0 && !part.filename) continue;
        files.push(bytes);
      } else {
        const list = fields[part.fieldname] ?? [];
        list.push(String(part.value ?? ''));
        fields[part.fieldname] = list;
      }
    }
  } catch (caught) {
    const code = (caught as { code?: string }).code;
    error =
      caught instanceof AppError
        ? caught
        : new AppError((code && multipartErrors[code]) || 'REQUEST_MALFORMED', { cause: caught });
  }
  // Multipart fields become the body after the text guard's hook has run: the same guard, here.
  const bad = error ? null : findBadText(fields, 'body');
  if (bad)
    error = new AppError('REQUEST_INVALID', {
      details: [{ path: bad.path.replace(/\.\d+$/, ''), message: badTextMessage(bad.problem) }],
    });
  const flat = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.length === 1 ? v[0]! : v]));
  return { fields: flat, files, error };
}

/**
 * A form's fields in ZReportInput's shape: empty fields dropped (a form sends every input), `urls` from
 * several fields or one textarea with an address per line. Unknown fields are kept so the schema refuses them.
 */
export function formToReport(fields: FormFields): Record<string, unknown> {
  const report: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (name === 'urls') {
      const values = Array.isArray(value) ? value : [value];
      report.urls = values.flatMap((text) => text.split(/\r?\n/)).filter((line) => line.trim() !== '');
    } else if (Array.isArray(value) || value.trim() !== '') {
      report[name] = value;
    }
  }
  return report;
}

export function isMultipart(request: FastifyRequest): boolean {
  return String(request.headers['content-type'] ?? '')
    .toLowerCase()
    .startsWith('multipart/form-data');
}
