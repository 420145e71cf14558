// The HTML of the pages without JavaScript: the report form, the receipt, the status page. Every value goes
// through html`` (escaped); no script, no inline style (the CSP forbids both), one small stylesheet.
import { REPORT_CATEGORIES, REPORT_SOURCES, type TReportReceipt, type TReportStatus } from '@abri/contracts';
import type { Language, Translate } from '../../i18n/index.ts';
import { html, type SafeHtml } from './html.ts';

export const FORM_PATH = '/signaler/simple';
export const STATUS_PATH = '/signaler/suivi';
export const STYLESHEET_PATH = '/signaler/simple.css';

/** What the person typed, shown again when the form comes back with errors. */
export interface FormValues {
  category?: string;
  urls?: string;
  platform?: string;
  account?: string;
  source?: string;
  description?: string;
  email?: string;
}

export interface FormErrors {
  /** Above the form: what went wrong as a whole. */
  summary?: string;
  /** Next to each field, by its name. */
  fields: Record<string, string>;
}

function page(
  t: Translate,
  lang: Language,
  title: string,
  body: SafeHtml,
  otherLanguageHref: string,
): string {
  return `<!doctype html>${html`<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title} — ${t('hotline.siteName')}</title>
<link rel="stylesheet" href="${STYLESHEET_PATH}">
</head>
<body>
<header><p class="site">${t('hotline.siteName')}</p>
<a href="${otherLanguageHref}" lang="${t('hotline.otherLanguageCode')}">${t('hotline.otherLanguage')}</a></header>
<main>
${body}
</main>
</body>
</html>`}`;
}

function fieldError(id: string, errors: FormErrors, name: string) {
  const message = errors.fields[name];
  return message ? html`<p class="error" id="${id}-error">${message}</p>` : null;
}

const describedBy = (id: string, errors: FormErrors, name: string, hint = true) =>
  [hint ? `${id}-hint` : '', errors.fields[name] ? `${id}-error` : ''].filter(Boolean).join(' ') || null;

export function renderForm(
  t: Translate,
  lang: Language,
  values: FormValues = {},
  errors: FormErrors = { fields: {} },
) {
  const categories = REPORT_CATEGORIES.map(
    (code) =>
      html`<div class="choice"><input type="radio" name="category" id="category-${code}" value="${code}"${
        values.category === code ? html` checked` : null
      } required><label for="category-${code}">${t(`hotline.category.${code}`)}</label></div>`,
  );
  const sources = [
    html`<option value="">${t('hotline.form.sourceNone')}</option>`,
    ...REPORT_SOURCES.map(
      (code) =>
        html`<option value="${code}"${values.source === code ? html` selected` : null}>${t(`hotline.source.${code}`)}</option>`,
    ),
  ];
  const attr = (name: string, id: string, hint = true) => {
    const ids = describedBy(id, errors, name, hint);
    return html`${ids ? html` aria-describedby="${ids}"` : null}${errors.fields[name] ? html` aria-invalid="true"` : null}`;
  };
  const body = html`<h1>${t('hotline.form.title')}</h1>
<p>${t('hotline.form.intro')}</p>
<aside class="warning" role="note"><h2>${t('hotline.form.warningTitle')}</h2><p>${t('hotline.form.warning')}</p></aside>
${errors.summary ? html`<div class="error-summary" role="alert"><p>${errors.summary}</p></div>` : null}
<form method="post" action="${FORM_PATH}?lang=${lang}" enctype="multipart/form-data">
<input type="hidden" name="language" value="${lang}">
<fieldset${attr('category', 'category', false)}>
<legend>${t('hotline.form.categoryLegend')}</legend>
${fieldError('category', errors, 'category')}
${categories}
</fieldset>
<fieldset>
<legend>${t('hotline.form.whereLegend')}</legend>
<label for="urls">${t('hotline.form.urlsLabel')}</label>
<p class="hint" id="urls-hint">${t('hotline.form.urlsHint')}</p>
${fieldError('urls', errors, 'urls')}
<textarea id="urls" name="urls" rows="3" inputmode="url" autocomplete="off" spellcheck="false"${attr('urls', 'urls')}>${values.urls ?? ''}</textarea>
<fieldset class="inner">
<legend>${t('hotline.form.appLegend')}</legend>
<p class="hint" id="app-hint">${t('hotline.form.appHint')}</p>
<label for="platform">${t('hotline.form.platformLabel')}</label>
${fieldError('platform', errors, 'platform')}
<input type="text" id="platform" name="platform" maxlength="100" value="${values.platform ?? ''}"${attr('platform', 'platform', false)}>
<label for="account">${t('hotline.form.accountLabel')}</label>
${fieldError('account', errors, 'account')}
<input type="text" id="account" name="account" maxlength="200" value="${values.account ?? ''}"${attr('account', 'account', false)}>
</fieldset>
<label for="source">${t('hotline.form.sourceLegend')}</label>
<select id="source" name="source">${sources}</select>
</fieldset>
<label for="description">${t('hotline.form.descriptionLabel')}</label>
${fieldError('description', errors, 'description')}
<textarea id="description" name="description" rows="5" maxlength="4000"${attr('description', 'description', false)}>${values.description ?? ''}</textarea>
<label for="screenshots">${t('hotline.form.screenshotsLabel')}</label>
<p class="hint" id="screenshots-hint">${t('hotline.form.screenshotsHint')}</p>
${fieldError('screenshots', errors, 'screenshots')}
<input type="file" id="screenshots" name="screenshots" multiple accept="image/png,image/jpeg,image/webp"${attr('screenshots', 'screenshots')}>
<label for="email">${t('hotline.form.emailLabel')}</label>
<p class="hint" id="email-hint">${t('hotline.form.emailHint')}</p>
${fieldError('email', errors, 'email')}
<input type="email" id="email" name="email" maxlength="254" autocomplete="email" value="${values.email ?? ''}"${attr('email', 'email')}>
<div class="trap"><label for="website">${t('hotline.form.honeypotLabel')}</label>
<input type="text" id="website" name="website" tabindex="-1" autocomplete="off"></div>
<button type="submit">${t('hotline.form.submit')}</button>
</form>
<p><a href="${STATUS_PATH}?lang=${lang}">${t('hotline.form.followLink')}</a></p>`;
  return page(t, lang, t('hotline.form.title'), body, `${FORM_PATH}?lang=${lang === 'fr' ? 'en' : 'fr'}`);
}

export function renderReceipt(t: Translate, lang: Language, receipt: TReportReceipt) {
  const body = html`<h1>${t('hotline.receipt.title')}</h1>
<p>${t('hotline.receipt.codeLabel')}</p>
<p class="code">${receipt.trackingCode}</p>
<p>${t('hotline.receipt.keep')}</p>
${receipt.urls.length ? html`<h2>${t('hotline.receipt.urls')}</h2><ul>${receipt.urls.map((url) => html`<li>${url}</li>`)}</ul>` : null}
${
  receipt.refusedUrls.length
    ? html`<h2>${t('hotline.receipt.refused')}</h2><ul>${receipt.refusedUrls.map(
        (refused) => html`<li>${refused.url} : ${t(`hotline.refused.${refused.reason}`)}</li>`,
      )}</ul>`
    : null
}
<p><a href="${STATUS_PATH}?lang=${lang}">${t('hotline.receipt.follow')}</a></p>
<p><a href="${FORM_PATH}?lang=${lang}">${t('hotline.receipt.another')}</a></p>`;
  return page(t, lang, t('hotline.receipt.title'), body, `${FORM_PATH}?lang=${lang === 'fr' ? 'en' : 'fr'}`);
}

/** A message instead of the form (too many reports): the person is told to wait, nothing else. */
export function renderMessage(t: Translate, lang: Language, message: string) {
  const body = html`<h1>${t('hotline.form.title')}</h1><div class="error-summary" role="alert"><p>${message}</p></div>
<p><a href="${FORM_PATH}?lang=${lang}">${t('hotline.back')}</a></p>`;
  return page(t, lang, t('hotline.form.title'), body, `${FORM_PATH}?lang=${lang === 'fr' ? 'en' : 'fr'}`);
}

export function renderStatus(
  t: Translate,
  lang: Language,
  code: string,
  result: { status: TReportStatus } | { error: string } | null,
) {
  const date = (iso: string) =>
    new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', {
      dateStyle: 'long',
      timeZone: 'Europe/Paris',
    }).format(new Date(iso));
  const answer =
    result && 'status' in result
      ? html`<section class="status" aria-live="polite"><p class="state">${t(`hotline.status.${result.status.status}`)}</p>
<p>${t('hotline.status.receivedAt', { date: date(result.status.receivedAt) })}</p>
<p>${t('hotline.status.updatedAt', { date: date(result.status.updatedAt) })}</p></section>`
      : result
        ? html`<div class="error-summary" role="alert"><p>${result.error}</p></div>`
        : null;
  const body = html`<h1>${t('hotline.status.title')}</h1>
${answer}
<form method="get" action="${STATUS_PATH}">
<input type="hidden" name="lang" value="${lang}">
<label for="code">${t('hotline.status.codeLabel')}</label>
<p class="hint" id="code-hint">${t('hotline.status.codeHint')}</p>
<input type="text" id="code" name="code" value="${code}" autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="40" required aria-describedby="code-hint">
<button type="submit">${t('hotline.status.submit')}</button>
</form>
<p><a href="${FORM_PATH}?lang=${lang}">${t('hotline.back')}</a></p>`;
  return page(t, lang, t('hotline.status.title'), body, `${STATUS_PATH}?lang=${lang === 'fr' ? 'en' : 'fr'}`);
}
