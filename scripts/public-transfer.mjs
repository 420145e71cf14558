// What a visitor's browser actually downloads for each public page: a real Abri is started (the same
// command line as `npm start`, on a fresh embedded database in a temporary DATA_DIR) and each page is
// loaded in headless Chromium (Debian's, as the browser tests use), with a fresh profile (empty cache) and
// the browser's own Accept-Encoding. Every request the page makes counts: the HTML, scripts, stylesheets,
// fonts, images and the API calls, until the network has been quiet for half a second.
//
// What is counted, per request, from the DevTools protocol:
// - transferred: `Network.loadingFinished.encodedDataLength`, the bytes received for the request as they
//   came off the wire, response headers included (HTTP/1.1 here, so the headers are plain text);
// - content: the sum of `Network.dataReceived.dataLength`, the body once decoded (what it would weigh
//   without compression; no headers).
// The bytes the browser sends (request lines and headers) are not counted.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** The public pages: the single-page client's, and the server-rendered ones that work without JavaScript. */
export const PUBLIC_PAGES = [
  '/',
  '/parler',
  '/signaler',
  '/ressources',
  '/confidentialite',
  '/signaler/simple',
  '/signaler/suivi',
  '/page-inconnue',
];
export const LANGUAGES = ['fr', 'en'];

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts `abri start` and resolves once it listens; `stop()` ends it and removes its data. */
async function startAbri(root, port) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'abri-size-'));
  const { DATABASE_URL: _database, REDIS_URL: _redis, ...inherited } = process.env;
  const child = spawn(process.execPath, [path.join(root, 'bin/abri.mjs'), 'start'], {
    cwd: root,
    env: { ...inherited, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = () =>
    new Promise((resolve) => {
      const done = () => {
        fs.rmSync(dataDir, { recursive: true, force: true });
        resolve();
      };
      if (child.exitCode !== null || child.signalCode !== null) return done();
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.once('exit', () => {
        clearTimeout(killer);
        done();
      });
      child.kill('SIGTERM');
    });
  let output = '';
  try {
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Abri did not start in time:\n${output}`)), 90_000);
      child.on('exit', (code) => reject(new Error(`Abri exited with ${code}:\n${output}`)));
      child.stderr.on('data', (chunk) => {
        output += chunk.toString();
      });
      child.stdout.on('data', (chunk) => {
        output += chunk.toString();
        if (output.includes('Abri is running at')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
  } catch (error) {
    await stop();
    throw error;
  }
  // Keep reading, or Abri would block once a pipe is full.
  child.stdout.removeAllListeners('data');
  child.stdout.resume();
  child.stderr.removeAllListeners('data');
  child.stderr.resume();
  child.removeAllListeners('exit');
  return { base: `http://127.0.0.1:${port}`, stop };
}

/** Loads one page in a fresh context and returns every request it made, with its bytes. */
async function loadPage(browser, base, pagePath, language) {
  const context = await browser.newContext({ locale: language === 'fr' ? 'fr-FR' : 'en-GB' });
  try {
    // English: the single-page client reads the visitor's choice from sessionStorage (web/src/i18n), the
    // server-rendered pages from ?lang=en.
    if (language !== 'fr') {
      await context.addInitScript((lang) => window.sessionStorage.setItem('abri.lang', lang), language);
    }
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const requests = new Map();
    const entry = (id) => {
      if (!requests.has(id)) requests.set(id, { content: 0 });
      return requests.get(id);
    };
    cdp.on('Network.requestWillBeSent', ({ requestId, request }) => {
      entry(requestId).url = request.url;
    });
    cdp.on('Network.responseReceived', ({ requestId, response, type }) => {
      const headers = Object.fromEntries(
        Object.entries(response.headers).map(([name, value]) => [name.toLowerCase(), value]),
      );
      Object.assign(entry(requestId), {
        status: response.status,
        type,
        encoding: headers['content-encoding'] ?? 'identity',
      });
    });
    cdp.on('Network.dataReceived', ({ requestId, dataLength }) => {
      entry(requestId).content += dataLength;
    });
    cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
      entry(requestId).transferred = encodedDataLength;
    });
    cdp.on('Network.loadingFailed', ({ requestId, errorText }) => {
      entry(requestId).failed = errorText;
    });
    await cdp.send('Network.enable');
    const url = `${base}${pagePath}${language === 'fr' ? '' : `?lang=${language}`}`;
    await page.goto(url, { waitUntil: 'networkidle' });
    await page.waitForTimeout(300);
    const list = [...requests.values()]
      .filter((request) => request.url?.startsWith(base))
      .map((request) => ({
        path: request.url.slice(base.length),
        type: request.type,
        status: request.status,
        encoding: request.encoding,
        transferred: request.transferred ?? 0,
        content: request.content,
        ...(request.failed ? { failed: request.failed } : {}),
      }));
    const foreign = [...requests.values()].filter((request) => request.url && !request.url.startsWith(base));
    if (foreign.length) throw new Error(`${pagePath} requested another origin: ${foreign[0].url}`);
    return list;
  } finally {
    await context.close();
  }
}

/**
 * Measures every public page in every language. Options: root (the repository), port (default: a free
 * one), chromium (path of the browser).
 */
export async function measureTransfer({ root, port, chromium: executablePath }) {
  const { chromium } = await import('@playwright/test');
  if (!fs.existsSync(executablePath)) {
    throw new Error(`no Chromium at ${executablePath} (apt-get install chromium, or set CHROMIUM_PATH).`);
  }
  const abri = await startAbri(root, port ?? (await freePort()));
  let browser;
  try {
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
    const pages = {};
    for (const pagePath of PUBLIC_PAGES) {
      pages[pagePath] = {};
      for (const language of LANGUAGES) {
        const requests = await loadPage(browser, abri.base, pagePath, language);
        const failed = requests.filter((request) => request.failed || request.status >= 500);
        if (failed.length) throw new Error(`${pagePath}: ${JSON.stringify(failed[0])}`);
        pages[pagePath][language] = {
          requests: requests.length,
          transferred: requests.reduce((sum, request) => sum + request.transferred, 0),
          content: requests.reduce((sum, request) => sum + request.content, 0),
          compressed: requests.filter((request) => request.encoding !== 'identity').length,
          detail: requests,
        };
      }
    }
    return pages;
  } finally {
    await browser?.close();
    await abri.stop();
  }
}
