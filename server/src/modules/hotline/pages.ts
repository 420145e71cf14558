// The pages that work without JavaScript: the report form (GET/POST /signaler/simple), the status page
// (GET /signaler/suivi) and their stylesheet. Registered before the web client's catch-all, so these paths
// are never answered with the single-page app. Errors come back as the form, next to the fields.
import fs from 'node:fs';
import path from 'node:path';
import { type TReportInput, ZReportInput } from '@abri/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { policies } from '../../http/policy.ts';
import { type Language, languageOf, type Translate, translator } from '../../i18n/index.ts';
import { AppError, isAppError } from '../../infra/errors.ts';
import { type FormFields, formToReport, isMultipart, readMultipart } from './form.ts';
import { createLimiter, REPORT_LIMITS, STATUS_LIMITS } from './limits.ts';
import {
  FORM_PATH,
  type FormErrors,
  type FormValues,
  renderForm,
  renderMessage,
  renderReceipt,
  renderStatus,
  STATUS_PATH,
  STYLESHEET_PATH,
} from './pages.view.ts';
import {
  assertScreenshotsAllowed,
  decoyReceipt,
  reportStatus,
  sortUrls,
  submitReport,
} from './reports.service.ts';
import { checkScreenshot } from './screenshots.ts';

const STYLESHEET = fs.readFileSync(path.join(import.meta.dirname, 'plain-form.css'), 'utf8');
const ZPageQuery = z.object({ lang: z.string().max(10).optional(), code: z.string().max(200).optional() });
const FIELDS = new Set([
  'category',
  'urls',
  'platform',
  'account',
  'source',
  'description',
  'email',
  'screenshots',
]);

function send(reply: FastifyReply, status: number, body: string) {
  // Receipts and statuses carry a tracking code: never kept by a cache.
  return reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(body);
}

/** What the person typed, to show it again (never the honeypot). */
function valuesOf(fields: FormFields): FormValues {
  const one = (name: string) => {
    const value = fields[name];
    return typeof value === 'string' ? value : undefined;
  };
  const urls = fields.urls;
  return {
    category: one('category'),
    urls: Array.isArray(urls) ? urls.join('\n') : urls,
    platform: one('platform'),
    account: one('account'),
    source: one('source'),
    description: one('description'),
    email: one('email'),
  };
}

const errorText = (t: Translate, code: string) => {
  const text = t(`hotline.error.${code}`);
  return text === `hotline.error.${code}` ? t('hotline.error.other') : text;
};

/** Where an error goes on the form: next to its field when it has one. */
function formErrorsOf(t: Translate, error: AppError, input?: TReportInput): FormErrors {
  const summary = t('hotline.form.errorSummary');
  if (
    error.code.startsWith('HOTLINE_FILE') ||
    error.code === 'HOTLINE_TOO_MANY_FILES' ||
    error.code === 'HOTLINE_SCREENSHOTS_REFUSED'
  )
    return { summary, fields: { screenshots: errorText(t, error.code) } };
  if (error.code === 'HOTLINE_NO_VALID_URL') {
    const reasons = sortUrls(input?.urls ?? []).refused.map(
      (r) => `${r.url} : ${t(`hotline.refused.${r.reason}`)}`,
    );
    return { summary, fields: { urls: [errorText(t, error.code), ...reasons].join(' — ') } };
  }
  return { summary: errorText(t, error.code), fields: {} };
}

export function hotlinePageRoutes(fastify: FastifyInstance, context: AppContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const limit = createLimiter(context);
  const config = { policy: policies.public() };
  const schema = { hide: true, querystring: ZPageQuery };

  app.get(STYLESHEET_PATH, { schema: { hide: true }, config }, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(STYLESHEET),
  );

  app.get(FORM_PATH, { schema, config }, async (request, reply) => {
    const lang = languageOf(request.query.lang);
    return send(reply, 200, renderForm(translator(lang), lang));
  });

  app.post(FORM_PATH, { schema, config }, async (request, reply) => {
    let lang: Language = languageOf(request.query.lang);
    let t = translator(lang);
    try {
      await limit(request, reply, 'hotline-report', REPORT_LIMITS, 'HOTLINE_TOO_MANY_REPORTS');
    } catch (error) {
      if (isAppError(error))
        return send(reply, error.status, renderMessage(t, lang, errorText(t, error.code)));
      throw error;
    }
    const { fields, files, error } = await readForm(request);
    if (request.query.lang === undefined && typeof fields.language === 'string') {
      lang = languageOf(fields.language);
      t = translator(lang);
    }
    const values = valuesOf(fields);
    const again = (status: number, errors: FormErrors) =>
      send(reply, status, renderForm(t, lang, values, errors));
    if (error) return again(error.status, formErrorsOf(t, error));

    const parsed = ZReportInput.safeParse(formToReport(fields));
    if (!parsed.success) {
      const errors: FormErrors = { summary: t('hotline.form.errorSummary'), fields: {} };
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '');
        if (FIELDS.has(field)) errors.fields[field] ??= t(`hotline.fieldError.${field}`);
        else errors.summary = t('hotline.error.other');
      }
      return again(400, errors);
    }
    const input = parsed.data;
    try {
      assertScreenshotsAllowed(input.category, files.length);
      const screenshots = files.map(checkScreenshot);
      const now = context.clock.now();
      // The honeypot (see routes.ts): a receipt that leads nowhere, and nothing stored.
      const receipt = input.website
        ? decoyReceipt(input, now)
        : await submitReport(context.db, input, screenshots, now);
      return send(reply, 200, renderReceipt(t, lang, receipt));
    } catch (caught) {
      if (isAppError(caught) && caught.status < 500)
        return again(caught.status, formErrorsOf(t, caught, input));
      throw caught;
    }
  });

  app.get(STATUS_PATH, { schema, config }, async (request, reply) => {
    const lang = languageOf(request.query.lang);
    const t = translator(lang);
    const code = (request.query.code ?? '').trim();
    if (code === '') return send(reply, 200, renderStatus(t, lang, '', null));
    try {
      await limit(request, reply, 'hotline-status', STATUS_LIMITS, 'REQUEST_RATE_LIMITED');
      // A code of the wrong shape is answered like an unknown one: the page tells nothing about codes.
      if (code.length < 8 || code.length > 40) throw new AppError('HOTLINE_REPORT_NOT_FOUND');
      const status = await reportStatus(context.db, code);
      return send(reply, 200, renderStatus(t, lang, code, { status }));
    } catch (error) {
      if (!isAppError(error)) throw error;
      const message =
        error.code === 'HOTLINE_REPORT_NOT_FOUND' ? t('hotline.status.notFound') : errorText(t, error.code);
      return send(reply, error.status, renderStatus(t, lang, code.slice(0, 40), { error: message }));
    }
  });
}

/** The plain form posts multipart (with files) or urlencoded (a browser without file support). */
async function readForm(
  request: FastifyRequest,
): Promise<{ fields: FormFields; files: Buffer[]; error?: AppError }> {
  if (isMultipart(request)) return readMultipart(request);
  const body = request.body;
  if (body && typeof body === 'object' && !Buffer.isBuffer(body))
    return { fields: body as FormFields, files: [] };
  return { fields: {}, files: [], error: new AppError('REQUEST_UNSUPPORTED_TYPE') };
}
