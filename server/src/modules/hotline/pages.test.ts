// The pages without JavaScript: a complete form rendered by the server (no script, no inline style),
// posted as multipart or urlencoded, answered with a receipt page or the form again with its errors.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, unique } from '../../../test/helpers.ts';
import { itemFor, multipart, newAddress, type Part, PNG, reportsTagged } from './test-support.ts';

const CODE = /[A-Z2-9]{5}-[A-Z2-9]{5}-[A-Z2-9]{5}/;

describe('plain report form', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp();
  });
  afterAll(() => app.close());

  const postForm = (parts: Part[], query = '') =>
    app.inject({
      method: 'POST',
      url: `/signaler/simple${query}`,
      remoteAddress: newAddress(),
      ...multipart(parts),
    });
  const postEncoded = (fields: Record<string, string>, query = '') =>
    app.inject({
      method: 'POST',
      url: `/signaler/simple${query}`,
      remoteAddress: newAddress(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(fields).toString(),
    });

  it('renders a complete form in French, without any script or inline style', async () => {
    const response = await app.inject({ url: '/signaler/simple' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    const page = response.body;
    expect(page).toMatch(/^<!doctype html><html lang="fr">/);
    expect(page).not.toMatch(/<script|\sstyle=|\son[a-z]+=/i);
    expect(page).toContain('enctype="multipart/form-data"');
    expect(page).toContain('<link rel="stylesheet" href="/signaler/simple.css">');
    expect(page.match(/<fieldset/g)?.length).toBeGreaterThanOrEqual(3);
    expect(page).toContain('Ne faites jamais de capture d’écran d’images sexuelles d’un enfant');
    // Every input has a label (the honeypot's tells people to leave it empty).
    for (const [, id] of page.matchAll(/<(?:input|textarea|select)[^>]* id="([^"]+)"/g))
      expect(page, id).toContain(`<label for="${id}">`);
    expect(page).toMatch(/<label for="website">Laissez cette case vide/);
    expect(page).toContain('name="screenshots" multiple');
  });

  it('renders in English on ?lang=en, and serves its stylesheet', async () => {
    const response = await app.inject({ url: '/signaler/simple?lang=en' });
    expect(response.body).toContain('<html lang="en">');
    expect(response.body).toContain('Never send a photo or video of a child being sexually abused');
    const css = await app.inject({ url: '/signaler/simple.css' });
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.body).toContain('.trap');
  });

  it('answers a multipart post with a receipt page holding the tracking code, which the status page knows', async () => {
    const account = unique('plain');
    const host = `${unique('p')}.example`;
    const response = await postForm([
      { name: 'language', value: 'fr' },
      { name: 'category', value: 'cyber_harassment' },
      { name: 'urls', value: `https://${host}/page\r\nhttp://127.0.0.1/` },
      { name: 'platform', value: '' },
      { name: 'account', value: account },
      { name: 'source', value: '' },
      { name: 'description', value: 'Des messages méchants' },
      { name: 'email', value: '' },
      { name: 'website', value: '' },
      { name: 'screenshots', value: PNG(), filename: 'capture.png', contentType: 'image/png' },
    ]);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toContain('Merci, votre signalement est bien envoyé');
    const code = response.body.match(CODE)![0];
    expect(response.body).toContain(`https://${host}/page`);
    expect(response.body).toContain('http://127.0.0.1/ : cette adresse n’est pas sur internet');
    const [row] = await reportsTagged(app, account);
    expect(row?.reporter_email).toBeNull();
    const status = await app.inject({ url: `/signaler/suivi?code=${code}`, remoteAddress: newAddress() });
    expect(status.statusCode).toBe(200);
    expect(status.body).toContain('Reçu : nous avons bien votre signalement, il attend d’être regardé.');
    expect(status.body).not.toMatch(/<script/);
  });

  it('accepts the urlencoded form too, in English', async () => {
    const host = `${unique('enc')}.example`;
    const response = await postEncoded({ category: 'other', urls: `https://${host}/`, language: 'en' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Thank you, your report has arrived');
    expect(response.body).toMatch(CODE);
    expect((await itemFor(app, `${host}/`))?.report_count).toBe(1);
  });

  it('shows the form again with the errors next to the fields and what was typed, storing nothing', async () => {
    const account = unique('oops');
    const response = await postEncoded(
      { category: '', urls: '', account, description: 'Il m’a écrit "viens" & plus', email: 'pas-un-email' },
      '?lang=fr',
    );
    expect(response.statusCode).toBe(400);
    const page = response.body;
    expect(page).toContain('Il manque quelque chose ou une information n’est pas bonne');
    expect(page).toContain(
      '<p class="error" id="category-error">Choisissez ce qui ressemble le plus à ce que vous avez vu.</p>',
    );
    expect(page).toContain(
      '<p class="error" id="email-error">Cette adresse e-mail n’a pas l’air complète, par exemple : prenom@exemple.fr.</p>',
    );
    expect(page).toContain('aria-describedby="email-hint email-error" aria-invalid="true"');
    expect(page).toContain(`value="${account}"`);
    expect(page).toContain('Il m’a écrit &quot;viens&quot; &amp; plus</textarea>');
    expect(page).toContain('value="pas-un-email"');
    expect(await reportsTagged(app, account)).toEqual([]);
  });

  it('escapes what people typed: a script in the description is shown as text', async () => {
    const script = '<script>alert(document.cookie)</script>';
    const response = await postEncoded({
      category: 'nope',
      description: script,
      account: `"><img src=x onerror=alert(1)>`,
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).not.toContain('<script>');
    expect(response.body).not.toContain('<img');
    expect(response.body).toContain('&lt;script&gt;alert(document.cookie)&lt;/script&gt;');
    const refused = await postEncoded({
      category: 'other',
      urls: `https://${unique('x')}.example/\n<b>javascript:alert(1)</b>`,
    });
    expect(refused.statusCode).toBe(200);
    expect(refused.body).not.toContain('<b>');
    expect(refused.body).toContain('&lt;b&gt;javascript:alert(1)&lt;/b&gt;');
  });

  it('puts a refused screenshot next to its field, and refuses any for child sexual abuse', async () => {
    const account = unique('plaincsam');
    const response = await postForm([
      { name: 'category', value: 'child_sexual_abuse' },
      { name: 'urls', value: `https://${unique('c')}.example/` },
      { name: 'account', value: account },
      { name: 'screenshots', value: PNG(), filename: 'x.png', contentType: 'image/png' },
    ]);
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain(
      '<p class="error" id="screenshots-error">Pour des images sexuelles d’enfant, n’envoyez aucune image : donnez seulement l’adresse.</p>',
    );
    expect(response.body).toContain('id="category-child_sexual_abuse" value="child_sexual_abuse" checked');
    expect(await reportsTagged(app, account)).toEqual([]);
  });

  it('tells an address whose every link was refused why', async () => {
    const response = await postEncoded({ category: 'other', urls: 'http://192.168.0.1/' }, '?lang=en');
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('We could not keep any address');
    expect(response.body).toContain('http://192.168.0.1/ : this address is not on the internet');
  });

  it('answers a robot that fills the honeypot with a receipt, storing nothing', async () => {
    const account = unique('plainbot');
    const response = await postEncoded({ category: 'other', account, website: 'http://buy.example' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toMatch(CODE);
    expect(await reportsTagged(app, account)).toEqual([]);
  });

  it('shows the status form, and the same not-found answer for a wrong or malformed code', async () => {
    const empty = await app.inject({ url: '/signaler/suivi?lang=en' });
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('Where does my report stand?');
    for (const code of ['AAAAA-BBBBB-CCCCC', 'x', '<script>x</script>']) {
      const response = await app.inject({
        url: `/signaler/suivi?code=${encodeURIComponent(code)}`,
        remoteAddress: newAddress(),
      });
      expect(response.statusCode).toBe(404);
      expect(response.body).toContain('Nous ne trouvons pas de signalement avec ce code');
      expect(response.body).not.toContain('<script>x');
    }
  });

  it('shows a friendly page when one address sends too many reports', async () => {
    const remoteAddress = newAddress();
    const send = () =>
      app.inject({
        method: 'POST',
        url: '/signaler/simple?lang=en',
        remoteAddress,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: `category=other&urls=${encodeURIComponent(`https://${unique('f')}.example/`)}`,
      });
    for (let i = 0; i < 10; i += 1) expect((await send()).statusCode).toBe(200);
    const limited = await send();
    expect(limited.statusCode).toBe(429);
    expect(limited.body).toContain('You have sent many reports in a short time. Thank you!');
  });
});
