// What a visitor downloads for each public page, two ways:
//
// 1. Bytes on the wire (scripts/public-transfer.mjs): a real Abri is started on a temporary data directory
//    and each public page is loaded in headless Chromium with the browser's Accept-Encoding; every request
//    of the page counts (HTML, scripts, stylesheets, images, API calls), response headers included. This
//    is what a child on mobile data pays for a first visit. Exits with status 1 when a page reaches the
//    transfer budget (150 KB: uncompressed, the pages weighed 264 to 305 KB). Needs Chromium
//    (CHROMIUM_PATH, default /usr/bin/chromium); `--js-only` skips it.
//
// 2. The JavaScript budget, from the built client alone: the gzipped size of the JavaScript a visitor's
//    browser may load for each public page, in French and in English. Exits with status 1 when any figure
//    reaches the budget (120 KB), so that CI can check it.
//    How: starting from the scripts of web/dist/index.html, it follows the import graph of the built
//    chunks (static imports, and dynamic import() calls, which a page may make at any time). For a page in
//    a language it counts every chunk reachable from the entry, except
//    - the staff console's chunks (named console-*), and whatever is reachable only through them;
//    - the other public pages' chunks (named after their source file, e.g. report-page-*.js);
//    - strings chunks (fr-*, en-*, talk-fr-*, …) of the other language or of another page.
//    So each figure is the worst case for that page: every screen of it opened, e.g. on /parler the whole
//    chat journey (pre-chat form, chat, survey, closing). Sizes are gzip (zlib, default level, as Vite
//    reports them), in KB of 1000 bytes. `allPublicPages` is every public page visited in one tab.
//
// Prints a table, then the figures as JSON (`--json`: the JSON only; `--detail`: every request in it).
// Usage: node scripts/public-bundle-size.mjs [--budget=120] [--transfer-budget=150] [--dist=web/dist] [--port=N]
//          [--js-only] [--json] [--detail]
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { measureTransfer, LANGUAGES as TRANSFER_LANGUAGES } from './public-transfer.mjs';

const root = path.resolve(import.meta.dirname, '..');
const option = (name, fallback) =>
  process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const dist = path.resolve(root, option('dist', 'web/dist'));
const budgetKb = Number(option('budget', '120'));
const transferBudgetKb = Number(option('transfer-budget', '150'));
const jsOnly = process.argv.includes('--js-only');
const jsonOnly = process.argv.includes('--json');
const detail = process.argv.includes('--detail');
const port = option('port', undefined);

const LANGUAGES = ['fr', 'en'];
// Public routes: the chunk of their page (null: in the entry) and the section of strings it loads with it
// (see web/src/app.tsx and web/src/i18n/index.ts).
const ROUTES = {
  '/': { page: null, strings: null },
  '/parler': { page: 'talk-page', strings: 'talk' },
  '/signaler': { page: 'report-page', strings: 'report' },
  '/ressources': { page: 'resources-page', strings: 'resources' },
  '/confidentialite': { page: 'confidentiality-page', strings: 'confidentiality' },
  '(page not found)': { page: 'not-found-page', strings: null },
};

function fail(message) {
  console.error(`public-bundle-size: ${message}`);
  process.exit(2);
}

const indexHtml = path.join(dist, 'index.html');
if (!fs.existsSync(indexHtml)) fail(`${indexHtml} is missing: run \`npm run build -w web\` first.`);

// --- The graph of JS chunks ---

const chunks = new Map(); // file (relative to dist) -> { name, bytes, gzip, imports: Set, dynamicImports: Set }

/** A chunk's name without its hash: assets/talk-page-D-3J5qpf.js -> talk-page. */
function chunkName(file) {
  return path.basename(file, '.js').replace(/-[\w-]{8}$/, '');
}

function resolveFrom(fromFile, specifier) {
  if (specifier.startsWith('/')) return specifier.slice(1);
  return path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), specifier));
}

function load(file) {
  if (chunks.has(file)) return chunks.get(file);
  const full = path.join(dist, file);
  if (!fs.existsSync(full)) fail(`${file} is imported but missing from ${dist}.`);
  const code = fs.readFileSync(full);
  const text = code.toString('utf8');
  const chunk = {
    name: chunkName(file),
    bytes: code.length,
    gzip: zlib.gzipSync(code).length,
    imports: new Set(),
    dynamicImports: new Set(),
  };
  chunks.set(file, chunk);
  // Minified ES modules: import{a as b}from"./x.js", import"./x.js", export{…}from"./x.js", import("./x.js").
  for (const match of text.matchAll(/(?:\bfrom|\bimport)\s*["']([^"']+\.js)["']/g)) {
    chunk.imports.add(resolveFrom(file, match[1]));
  }
  for (const match of text.matchAll(/\bimport\s*\(\s*["'`]([^"'`]+\.js)["'`]\s*\)/g)) {
    chunk.dynamicImports.add(resolveFrom(file, match[1]));
  }
  for (const next of [...chunk.imports, ...chunk.dynamicImports]) load(next);
  return chunk;
}

const html = fs.readFileSync(indexHtml, 'utf8');
const entries = [
  ...html.matchAll(/<script\b[^>]*\btype="module"[^>]*\bsrc="([^"]+)"/g),
  ...html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g),
].map((match) => resolveFrom('index.html', match[1]));
if (entries.length === 0) fail('no module script in index.html.');
for (const entry of entries) load(entry);

// --- What each page loads ---

const STRINGS = /^(?:(.+)-)?(fr|en)$/; // fr, en (shared strings), talk-fr, report-en, …
const pageChunks = new Set(Object.values(ROUTES).flatMap((route) => (route.page ? [route.page] : [])));
for (const page of pageChunks) {
  if (![...chunks.values()].some((chunk) => chunk.name === page)) {
    fail(`no chunk named ${page}-*.js: update ROUTES in this script to match web/src/app.tsx.`);
  }
}

/** Every chunk loaded for a route in a language (page null: every public page). */
function reachable(route, language) {
  const allowed = (chunk) => {
    if (chunk.name.startsWith('console')) return false;
    if (route && pageChunks.has(chunk.name) && chunk.name !== route.page) return false;
    const strings = chunk.name.match(STRINGS);
    if (strings) {
      const [, section, lang] = strings;
      if (lang !== language) return false;
      if (section && route && section !== route.strings) return false;
    }
    return true;
  };
  const seen = new Set();
  const visit = (file) => {
    const chunk = chunks.get(file);
    if (seen.has(file) || !allowed(chunk)) return;
    seen.add(file);
    for (const next of [...chunk.imports, ...chunk.dynamicImports]) visit(next);
  };
  for (const entry of entries) visit(entry);
  if (route?.page && ![...seen].some((file) => chunks.get(file).name === route.page)) {
    fail(`chunk ${route.page} is not reachable from the entry.`);
  }
  if (route?.strings && ![...seen].some((file) => chunks.get(file).name === `${route.strings}-${language}`)) {
    fail(`strings chunk ${route.strings}-${language} is not reachable from the entry.`);
  }
  return [...seen];
}

const kb = (bytes) => Math.round(bytes / 10) / 100;
const total = (files) => files.reduce((sum, file) => sum + chunks.get(file).gzip, 0);

const pages = {};
let worst = 0;
for (const [url, route] of Object.entries(ROUTES)) {
  pages[url] = {};
  for (const language of LANGUAGES) {
    const files = reachable(route, language);
    const size = total(files);
    worst = Math.max(worst, size);
    pages[url][language] = { gzipKb: kb(size), files: files.length };
  }
}
const allPublicPages = {};
for (const language of LANGUAGES) {
  const size = total(reachable(null, language));
  worst = Math.max(worst, size);
  allPublicPages[language] = kb(size);
}

const entryFiles = entries.flatMap((entry) => {
  const files = new Set();
  const visit = (file) => {
    if (files.has(file)) return;
    files.add(file);
    for (const next of chunks.get(file).imports) visit(next);
  };
  visit(entry);
  return [...files];
});

const jsBudget = {
  unit: 'KB gzip (1000 bytes), worst case per page: every chunk the page can load',
  budgetKb,
  entryKb: kb(total(entryFiles)),
  pages,
  allPublicPages,
  worstKb: kb(worst),
  ok: kb(worst) < budgetKb,
  chunks: Object.fromEntries(
    [...chunks]
      .sort(([, a], [, b]) => b.gzip - a.gzip)
      .map(([file, chunk]) => [file, { gzipKb: kb(chunk.gzip), console: chunk.name.startsWith('console') }]),
  ),
};

// --- Bytes on the wire ---

let transfer = null;
if (!jsOnly) {
  try {
    transfer = await measureTransfer({
      root,
      port: port === undefined ? undefined : Number(port),
      chromium: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    });
  } catch (error) {
    fail(`measuring the pages failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function table() {
  const lines = [];
  const row = (cells) =>
    lines.push(cells.map((cell, i) => (i === 0 ? cell.padEnd(20) : cell.padStart(14))).join(''));
  if (transfer) {
    lines.push(
      `Bytes sent by Abri per public page (first visit, every request of the page, headers included; budget ${transferBudgetKb} KB):`,
    );
    row(['page', ...TRANSFER_LANGUAGES.flatMap((l) => [`${l} requests`, `${l} sent KB`, `${l} content KB`])]);
    for (const [pagePath, byLanguage] of Object.entries(transfer)) {
      row([
        pagePath,
        ...TRANSFER_LANGUAGES.flatMap((l) => [
          String(byLanguage[l].requests),
          kb(byLanguage[l].transferred).toFixed(2),
          kb(byLanguage[l].content).toFixed(2),
        ]),
      ]);
    }
    lines.push('');
  }
  lines.push(`JavaScript per public page, KB gzip, worst case (budget ${budgetKb} KB):`);
  row(['page', ...LANGUAGES]);
  for (const [url, byLanguage] of Object.entries(pages)) {
    row([url, ...LANGUAGES.map((l) => byLanguage[l].gzipKb.toFixed(2))]);
  }
  row(['(all public pages)', ...LANGUAGES.map((l) => allPublicPages[l].toFixed(2))]);
  return lines.join('\n');
}

const transferPages = transfer ? Object.entries(transfer) : [];
const worstTransfer = Math.max(
  0,
  ...transferPages.flatMap(([, byLanguage]) =>
    Object.values(byLanguage).map((figures) => figures.transferred),
  ),
);
const report = {
  transfer: transfer && {
    unit: 'bytes received by Chromium (Network.loadingFinished.encodedDataLength: response headers and body as sent) and decoded content bytes, per page, first visit with an empty cache',
    budgetKb: transferBudgetKb,
    worstKb: kb(worstTransfer),
    ok: kb(worstTransfer) < transferBudgetKb,
    pages: Object.fromEntries(
      transferPages.map(([pagePath, byLanguage]) => [
        pagePath,
        Object.fromEntries(
          Object.entries(byLanguage).map(([language, figures]) => [
            language,
            detail ? figures : { ...figures, detail: undefined },
          ]),
        ),
      ]),
    ),
  },
  jsBudget,
};
if (!jsonOnly) console.log(`${table()}\n`);
console.log(JSON.stringify(report, null, 2));
let failed = false;
if (!jsBudget.ok) {
  console.error(`public-bundle-size: ${jsBudget.worstKb} KB gzip reaches the budget of ${budgetKb} KB.`);
  failed = true;
}
if (report.transfer && !report.transfer.ok) {
  console.error(
    `public-bundle-size: a page sends ${report.transfer.worstKb} KB, reaching the transfer budget of ${transferBudgetKb} KB (is compression off?).`,
  );
  failed = true;
}
if (failed) process.exit(1);
