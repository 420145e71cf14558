// A hotline report from the reporter's form to its takedown: a reporter gives the address of a picture
// on a small local site (takedown.test, pinned to 127.0.0.1 by HOTLINE_FETCH_RESOLVE in global-setup) and
// reads its status by code; an analyst (an account made for the test) takes it in the queue, qualifies it,
// refers it to PHAROS by e-mail and sends the host a DSA notice after its preview — both mails reach the
// in-process SMTP server, the notice without the reporter's words; the site takes the picture down, the
// analyst asks for a check, the removal job sees a 404 and records the takedown time; the reporter's
// status page then says the content was removed.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { parseMail } from '../../server/test/smtp.ts';
import { asAdmin, chatState, People, seriousViolations } from './chat-helpers.ts';
import { analystPage } from './hotline-helpers.ts';

const PHAROS_EMAIL = 'pharos-hotline-test@example.org';
const PROVIDER_EMAIL = 'abuse@takedown-host.example';

let people: People;
let site: http.Server;
let pictures: Set<string>;
let savedHotline: Record<string, unknown>;

test.beforeEach(async ({ browser }) => {
  people = new People(browser);
  pictures = new Set();
  site = http.createServer((request, response) => {
    if (pictures.has(request.url ?? '')) {
      response.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.from('a picture, for the test'));
    } else response.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>');
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  const settings = (await asAdmin('GET', '/api/admin/settings')) as { hotline: Record<string, unknown> };
  savedHotline = settings.hotline;
  await asAdmin('PUT', '/api/admin/settings', { hotline: { ...savedHotline, pharosEmail: PHAROS_EMAIL } });
});
test.afterEach(async () => {
  await people.close();
  await new Promise((resolve) => site.close(resolve));
  if (savedHotline) await asAdmin('PUT', '/api/admin/settings', { hotline: savedHotline });
});

function mailsTo(address: string) {
  const { mailDir } = chatState();
  return fs
    .readdirSync(mailDir)
    .filter((name) => name.endsWith('.eml'))
    .sort()
    .map((name) => parseMail(fs.readFileSync(path.join(mailDir, name), 'latin1')))
    .filter((mail) => mail.to?.includes(address));
}

test('a reported picture is qualified, referred to PHAROS, notified to its host and its takedown measured', async () => {
  // A long journey through two people's screens and three background jobs.
  test.setTimeout(150_000);
  const port = (site.address() as AddressInfo).port;
  const picturePath = `/album/${Date.now()}.png`;
  pictures.add(picturePath);
  const url = `http://takedown.test:${port}${picturePath}`;
  const words = `Je suis tombée sur cette image dans un album partagé ${Date.now()}`;

  // The reporter: child sexual abuse content, so an address only (no screenshots); a receipt with a code.
  const reporter = await people.page();
  await reporter.goto('/signaler');
  await reporter.getByRole('radio', { name: "Images sexuelles d'un enfant" }).check();
  await reporter.getByRole('radio', { name: 'Sur un site internet' }).check();
  await reporter.getByLabel('Adresse 1', { exact: true }).fill(url);
  await reporter.getByLabel(/Racontez ce que vous avez vu/).fill(words);
  await reporter.getByRole('button', { name: 'Envoyer le signalement' }).click();
  const code = (await reporter.getByTestId('tracking-code').textContent())?.trim() ?? '';
  expect(code).not.toBe('');
  await reporter.getByRole('link', { name: 'Voir où en est mon signalement' }).click();
  await expect(reporter.getByText('Reçu : nous avons bien votre signalement')).toBeVisible();

  // The analyst finds it in the queue (most urgent first) and takes it.
  const lou = await analystPage(people);
  await lou.goto(`/console/hotline?host=takedown.test&status=all`);
  await expect(lou.getByRole('heading', { name: 'Signalements', level: 1 })).toBeVisible();
  await lou.getByTestId('hotline-item-link').filter({ hasText: picturePath }).click();
  await expect(lou.getByRole('heading', { name: 'Contenu signalé sur takedown.test' })).toBeVisible();
  await expect(lou.getByText(words)).toBeVisible();
  await lou.getByTestId('hotline-claim').click();
  await expect(lou.getByTestId('hotline-message')).toHaveText('Vous avez pris ce signalement.');
  expect(await seriousViolations(lou), 'item page').toEqual([]);

  // Qualification: illegal everywhere, an image on an image host, Code pénal 227-23.
  const assessment = lou.getByTestId('hotline-assessment');
  await assessment.getByRole('radio', { name: /^Illégal partout/ }).check();
  await assessment.getByLabel('Type de contenu').selectOption('image');
  await assessment.getByLabel('Type de site').selectOption('image_hosting');
  await assessment.getByLabel('Chercher une infraction (article ou mots)').fill('227-23');
  await assessment.getByRole('checkbox', { name: /Article 227-23 du Code pénal/ }).check();
  await assessment.getByRole('button', { name: 'Enregistrer la qualification' }).click();
  await expect(lou.getByText('La qualification est enregistrée.')).toBeVisible();

  // PHAROS, by e-mail with the package.
  await lou.getByTestId('hotline-action-pharos').click();
  const pharos = lou.getByTestId('hotline-pharos-panel');
  await pharos.getByRole('button', { name: 'Envoyer à PHAROS par e-mail' }).click();
  await expect(lou.getByTestId('hotline-message')).toHaveText('Le dossier part à PHAROS par e-mail.');

  // The DSA notice: written, previewed (it leaves the notifier's name out), then sent.
  await lou.getByTestId('hotline-action-notice').click();
  await lou.getByLabel("Adresse e-mail de l'hébergeur").fill(PROVIDER_EMAIL);
  await lou.getByLabel('Langue de la notification').selectOption('en');
  await lou
    .getByLabel('Pourquoi ce contenu est illégal')
    .fill('The picture shows the sexual abuse of a young child: it is child sexual abuse material.');
  await expect(lou.getByTestId('hotline-notice-send')).toBeDisabled();
  await lou.getByTestId('hotline-notice-preview').click();
  await expect(lou.getByTestId('hotline-notice-preview-text')).toContainText(url);
  await expect(lou.getByText(/Le nom de la personne qui notifie n'apparaît pas/)).toBeVisible();
  await lou.getByTestId('hotline-notice-send').click();
  await expect(lou.getByTestId('hotline-message')).toHaveText(`La notification part à ${PROVIDER_EMAIL}.`);

  // Both mails arrive: PHAROS with the JSON package and the PDF; the host with the address, not the
  // reporter's words.
  await expect.poll(() => mailsTo(PHAROS_EMAIL).length, { timeout: 20_000 }).toBeGreaterThan(0);
  const [referral] = mailsTo(PHAROS_EMAIL);
  const json = referral!.files.find((file) => file.filename?.endsWith('.json'))!;
  expect(JSON.parse(json.content.toString('utf8')).reports[0].description).toBe(words);
  expect(
    referral!.files
      .find((file) => file.filename?.endsWith('.pdf'))!
      .content.subarray(0, 5)
      .toString(),
  ).toBe('%PDF-');
  await expect.poll(() => mailsTo(PROVIDER_EMAIL).length, { timeout: 20_000 }).toBeGreaterThan(0);
  const [notice] = mailsTo(PROVIDER_EMAIL);
  expect(notice!.subject).toContain('DSA');
  expect(notice!.text).toContain(url);
  expect(notice!.text).toContain('227-23');
  expect(notice!.text).not.toContain(words);

  // The first check ran when the content was notified: still online.
  const removal = lou.getByTestId('hotline-removal');
  await expect
    .poll(
      async () => {
        await lou.reload();
        await expect(lou.getByTestId('hotline-removal-state')).toBeVisible();
        return removal.getByRole('row').filter({ hasText: 'Toujours en ligne' }).count();
      },
      { timeout: 20_000 },
    )
    .toBeGreaterThan(0);
  await expect(lou.getByTestId('hotline-removal-state')).toHaveText('Toujours en ligne');

  // The host takes the picture down; the analyst asks for a check; the job sees the 404.
  pictures.delete(picturePath);
  await lou.getByTestId('hotline-action-check').click();
  await expect(lou.getByText('La vérification est demandée.')).toBeVisible();
  await expect
    .poll(
      async () => {
        await lou.reload();
        await expect(lou.getByTestId('hotline-removal-state')).toBeVisible();
        return (await lou.getByTestId('hotline-removal-state').textContent())?.trim();
      },
      { timeout: 20_000 },
    )
    .toBe('Retiré');
  await expect(lou.getByTestId('hotline-takedown-hours')).toHaveText(/^\d+([,.]\d)? h$/);
  await expect(removal.getByRole('row').filter({ hasText: '404' })).toHaveCount(1);
  expect(await seriousViolations(lou), 'item removed').toEqual([]);

  // The reporter comes back later and reads, by their code, that the content was removed (a page opened
  // directly is the server's own, which works without JavaScript).
  await reporter.goto('/signaler/suivi');
  await reporter.getByLabel('Votre code de suivi').fill(code);
  await reporter.getByRole('button', { name: 'Voir', exact: true }).click();
  await expect(reporter.getByText('Retiré : le contenu n’est plus en ligne.')).toBeVisible();
});
