// Known material in the browser: an administrator loads a bank of known abuse material holding the PDQ hash
// of a (generated) picture; someone reports a page with another encoding of that picture and an unrelated
// one. The analyst's queue puts the item first and marks it; on the item page the known picture is never
// requested — its place says which bank and how far — while the other one is shown blurred as usual.
import { expect, test } from '@playwright/test';
import { hashImage } from '../../server/src/modules/media/decode.ts';
import { patternJpeg, patternPng } from '../../server/test/images.ts';
import { asAdmin, chatState, People, seriousViolations } from './chat-helpers.ts';
import { analystPage } from './hotline-helpers.ts';

let people: People;
test.beforeEach(async ({ browser }) => {
  people = new People(browser);
});
test.afterEach(() => people.close());

test('a near-duplicate of known material is never shown, and its item comes first', async () => {
  const base = `http://127.0.0.1:${chatState().port}`;
  const seed = Date.now() % 100_000;
  const known = await hashImage(await patternPng(seed));
  const bank = (await asAdmin('POST', '/api/hash-banks', {
    name: `e2e-${seed}`,
    kind: 'csam',
    source: 'Browser test',
  })) as { id: string; name: string };
  const { session } = chatState().chatAdmin;
  const imported = await fetch(`${base}/api/hash-banks/${bank.id}/import`, {
    method: 'POST',
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'content-type': 'text/plain' },
    body: `${known.pdq},${known.quality},dossier e2e\n`,
  });
  expect(imported.status).toBe(200);

  const host = `known-${seed}.example`;
  const form = new FormData();
  form.append('category', 'sextortion');
  form.append('urls', `https://${host}/album`);
  form.append(
    'screenshots',
    new Blob([new Uint8Array(await patternJpeg(seed))], { type: 'image/jpeg' }),
    'a.jpg',
  );
  form.append(
    'screenshots',
    new Blob([new Uint8Array(await patternPng(seed + 1))], { type: 'image/png' }),
    'b.png',
  );
  const reported = await fetch(`${base}/api/hotline/reports`, { method: 'POST', body: form });
  expect(reported.status, await reported.clone().text()).toBe(201);

  const lou = await analystPage(people);
  const previews: string[] = [];
  lou.on('request', (request) => {
    if (/\/api\/hotline\/files\/.+\/(preview|reveal)/.test(request.url())) previews.push(request.url());
  });
  await lou.goto(`/console/hotline?host=${host}&status=all`);
  const row = lou.getByTestId('hotline-queue-row').first();
  await expect(row).toContainText('Contenu connu');
  await expect(row).toContainText('P0');
  await row.getByTestId('hotline-item-link').click();

  const notice = lou.getByTestId('hotline-known-material');
  await expect(notice).toContainText(`Contenu connu : banque ${bank.name}, distance`);
  await expect(notice).toContainText('dossier e2e');
  await expect(lou.getByTestId('hotline-screenshot')).toHaveCount(2);
  // One picture only is asked of the server: the other one has no <img> at all, nor a reveal button.
  await expect(lou.locator('img.hotline-shot__preview')).toHaveCount(1);
  await expect(lou.getByRole('button', { name: /Révéler la capture/ })).toHaveCount(1);
  expect(previews).toHaveLength(1);
  await expect(lou.getByTestId('hotline-history')).toContainText('Contenu connu reconnu par une banque');
  expect(await seriousViolations(lou)).toEqual([]);
});
