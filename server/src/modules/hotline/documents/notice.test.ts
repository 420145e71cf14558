// The DSA Art. 16 notice: every element the regulation requires, in every language, the notifier's name
// left out for child sexual abuse offences, and nothing from the reporters.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NOTICE_LANGUAGES, type TLegalOffence, ZForeignHotlinesFile } from '@abri/contracts';
import { describe, expect, it } from 'vitest';
import type { Dossier, Notifier } from './dossier.ts';
import {
  fillTemplate,
  loadNoticeTemplates,
  type NoticeLanguage,
  noticeDate,
  noticeGaps,
  parseNoticeTemplates,
  renderNotice,
  wrapLines,
} from './notice.ts';

const CONTENT = path.resolve(import.meta.dirname, '../../../../../content');
const TEMPLATES_FILE = path.join(CONTENT, 'hotline', 'notice-templates.json');
const templates = loadNoticeTemplates(TEMPLATES_FILE);

const DESCRIPTION = 'Zorblax-description-7f3c: the reporter wrote this';
const EXPLANATION =
  'The page shows a photograph of a child of about eight years old in a sexual pose; the caption offers ' +
  'more such pictures for sale. It is child sexual abuse material under French law.';

const offence = (code: string, csam: boolean, fr: string, en: string): TLegalOffence => ({
  id: `FR:${code}`,
  country: 'FR',
  code,
  article: `Article ${code} du Code pénal`,
  label: { fr, en },
  dsaCategory: 'STATEMENT_CATEGORY_PROTECTION_OF_MINORS',
  csam,
  active: true,
});
const CSAM_OFFENCE = offence(
  '227-23',
  true,
  'Images pédocriminelles (libellé FR)',
  'Child abuse images (EN label)',
);
const HARASSMENT = offence('222-33-2-2', false, 'Harcèlement moral (libellé FR)', 'Harassment (EN label)');

const notifier = (overrides: Partial<Notifier> = {}): Notifier => ({
  organisation: 'Association Quokka-Signal',
  contactName: 'Camille Ostrander',
  email: 'analyse@example.org',
  address: '1 rue de l’Exemple, 75000 Paris',
  trustedFlagger: { status: false, reference: '' },
  ...overrides,
});

function dossier(overrides: Partial<Dossier> = {}, offences: TLegalOffence[] = [HARASSMENT]): Dossier {
  const at = new Date('2025-03-14T09:30:00Z');
  return {
    id: '4f6c2a1e-0000-4000-8000-000000000001',
    reference: 'HL-4F6C2A1E',
    kind: 'url',
    url: 'https://bad.example.net/gallery/item?id=42',
    host: 'bad.example.net',
    platform: null,
    account: null,
    category: 'cyber_harassment',
    firstReportedAt: at,
    lastReportedAt: at,
    reportCount: 1,
    assessment: {
      classification: 'nationally_illegal',
      contentType: 'image',
      victimAge: null,
      victimGender: null,
      siteType: 'image_hosting',
      offences,
      notes: 'internal analyst note, never sent',
      assessedAt: at,
      assessedByName: 'Analyst Name',
    },
    hosting: { ips: ['192.0.2.10'], country: 'NL', asn: 64500, provider: 'Example Hosting', resolvedAt: at },
    reports: [
      {
        id: 'a1b2c3d4-0000-4000-8000-000000000002',
        category: 'cyber_harassment',
        source: 'website',
        platform: null,
        account: null,
        description: DESCRIPTION,
        receivedAt: at,
        files: [],
      },
    ],
    createdAt: new Date('2025-03-15T10:00:00Z'),
    ...overrides,
  };
}

// Words of each Art. 16 element, as the templates must say them (checked with whitespace collapsed).
const MARKERS: Record<
  NoticeLanguage,
  {
    goodFaith: string;
    expedite: string;
    decision: string;
    doNotForward: string;
    trusted: string;
    notTrusted: string;
    nameOmitted: string;
  }
> = {
  fr: {
    goodFaith: 'de bonne foi',
    expedite: 'agir promptement',
    decision: 'nous informer de votre décision',
    doNotForward: 'Ne transférez pas le contenu',
    trusted: 'soumise en qualité de signaleur de confiance',
    notTrusted: 'n’est pas soumise en qualité de signaleur de confiance',
    nameOmitted: 'le nom de l’auteur de la notification n’est donc pas indiqué',
  },
  en: {
    goodFaith: 'bona fide belief',
    expedite: 'act expeditiously',
    decision: 'inform us of your decision',
    doNotForward: 'Do not forward the content',
    trusted: 'submitted by a trusted flagger',
    notTrusted: 'is not submitted as a trusted flagger',
    nameOmitted: "the notifier's name is therefore not given",
  },
  de: {
    goodFaith: 'in gutem Glauben',
    expedite: 'zügig tätig',
    decision: 'Ihre Entscheidung',
    doNotForward: 'Leiten Sie den Inhalt selbst nicht weiter',
    trusted: 'von einem vertrauenswürdigen Hinweisgeber',
    notTrusted: 'nicht als vertrauenswürdiger Hinweisgeber',
    nameOmitted: 'der Name der meldenden Stelle daher nicht angegeben',
  },
  nl: {
    goodFaith: 'te goeder trouw',
    expedite: 'prompt te handelen',
    decision: 'uw besluit',
    doNotForward: 'Stuur de inhoud zelf niet door',
    trusted: 'door een betrouwbare flagger',
    notTrusted: 'niet ingediend als betrouwbare flagger',
    nameOmitted: 'wordt de naam van de melder daarom niet vermeld',
  },
  es: {
    goodFaith: 'de buena fe',
    expedite: 'actúen con prontitud',
    decision: 'nos comuniquen su decisión',
    doNotForward: 'No reenvíen el contenido',
    trusted: 'la presenta un alertador fiable',
    notTrusted: 'no se presenta en calidad de alertador fiable',
    nameOmitted: 'no se indica por ello el nombre del autor de la notificación',
  },
  it: {
    goodFaith: 'in buona fede',
    expedite: 'agire immediatamente',
    decision: 'comunicarci la vostra decisione',
    doNotForward: 'Non inoltrate il contenuto',
    trusted: 'presentata da un segnalatore attendibile',
    notTrusted: 'non è presentata in qualità di segnalatore attendibile',
    nameOmitted: 'il nome dell’autore della segnalazione non viene pertanto indicato',
  },
};

const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('DSA notice', () => {
  describe.each(NOTICE_LANGUAGES)('in %s', (language) => {
    const markers = MARKERS[language];

    it('carries every Art. 16 element, the notifier named, and no placeholder', () => {
      const d = dossier();
      const n = notifier();
      const notice = renderNotice(d, n, EXPLANATION, language, templates);
      const text = flat(notice.text);

      expect(notice.omitsNotifierName).toBe(false);
      expect(notice.subject).toContain(d.reference);
      expect(notice.subject).toContain(d.host);
      // (a) the explanation, framed, with each offence's article verbatim and its label in the right language
      expect(text).toContain(EXPLANATION);
      expect(text).toContain(HARASSMENT.article);
      expect(text).toContain(language === 'fr' ? HARASSMENT.label.fr : HARASSMENT.label.en);
      expect(text).not.toContain(language === 'fr' ? HARASSMENT.label.en : HARASSMENT.label.fr);
      // (b) the exact URL, on a line of its own and unbroken
      expect(notice.text.split('\n')).toContain(`- ${d.url}`);
      // (c) name and e-mail address
      expect(text).toContain(n.organisation);
      expect(text).toContain(n.contactName);
      expect(text).toContain(n.email);
      expect(text).not.toContain(markers.nameOmitted);
      // (d) good faith; Art. 22 status; reference, date; requests; no forwarding
      expect(text).toContain(markers.goodFaith);
      expect(text).toContain(markers.notTrusted);
      expect(text).toContain(d.reference);
      expect(text).toContain(flat(noticeDate(d.createdAt, language)));
      expect(text).toContain(markers.expedite);
      expect(text).toContain(markers.decision);
      expect(text).toContain(markers.doNotForward);
      expect(text).toContain('16');
      expect(text).toContain('22');

      expect(notice.text).not.toContain('{{');
      expect(notice.subject).not.toContain('{{');
    });

    it('leaves the notifier’s name out for a Directive 2011/93/EU offence, and says why', () => {
      const n = notifier();
      const notice = renderNotice(
        dossier({}, [HARASSMENT, CSAM_OFFENCE]),
        n,
        EXPLANATION,
        language,
        templates,
      );
      const text = flat(notice.text);

      expect(notice.omitsNotifierName).toBe(true);
      expect(text).not.toContain(n.organisation);
      expect(text).not.toContain(n.contactName);
      expect(text).not.toContain(n.address);
      expect(notice.subject).not.toContain(n.organisation);
      expect(text).toContain(n.email);
      expect(text).toContain('2011/93');
      expect(text).toContain(markers.nameOmitted);
      expect(text).toContain(CSAM_OFFENCE.article);
      expect(notice.text).not.toContain('{{');
    });

    it('states a trusted flagger’s status with its reference', () => {
      const n = notifier({ trustedFlagger: { status: true, reference: 'Arcom, décision n° 2024-XYZ' } });
      const text = flat(renderNotice(dossier(), n, EXPLANATION, language, templates).text);
      expect(text).toContain(markers.trusted);
      expect(text).toContain('Arcom, décision n° 2024-XYZ');
      expect(text).not.toContain(markers.notTrusted);
    });

    it('locates content inside an app by its platform and account', () => {
      const d = dossier({
        kind: 'account',
        url: null,
        host: 'snapchat',
        platform: 'Snapchat',
        account: 'evil_99',
      });
      const notice = renderNotice(d, notifier(), EXPLANATION, language, templates);
      expect(notice.text).toContain('Snapchat');
      expect(notice.text).toContain('evil_99');
      expect(notice.text).not.toContain('{{');
    });

    it('never carries a report’s description, nor the analyst’s notes or name', () => {
      for (const offences of [[HARASSMENT], [CSAM_OFFENCE]]) {
        const notice = renderNotice(dossier({}, offences), notifier(), EXPLANATION, language, templates);
        const all = `${notice.subject}\n${notice.text}`;
        expect(all).not.toContain('Zorblax');
        expect(all).not.toContain('internal analyst note');
        expect(all).not.toContain('Analyst Name');
      }
    });

    it('keeps its lines to 100 characters, except a word that cannot be cut', () => {
      const long = `${'A long explanation sentence that goes on. '.repeat(12)}https://bad.example.net/${'x'.repeat(120)}`;
      const notice = renderNotice(dossier(), notifier(), long, language, templates);
      for (const line of notice.text.split('\n'))
        if (line.length > 100) expect(line.trim()).not.toContain(' ');
    });
  });

  it('does not expand placeholders typed into the explanation', () => {
    const sneaky = 'Look: {{organisation}} / {{contactName}} / {{ reference }} / {{notifier}} / {{unknown}}';
    const notice = renderNotice(dossier({}, [CSAM_OFFENCE]), notifier(), sneaky, 'en', templates);
    expect(notice.text).toContain(sneaky);
    expect(notice.text).not.toContain('Association Quokka-Signal');
    expect(notice.text).not.toContain('Camille Ostrander');
  });

  it('previews an unfinished notice with visible markers, and names what is missing', () => {
    const unassessed = dossier({ assessment: null });
    const notice = renderNotice(unassessed, notifier(), '  ', 'fr', templates);
    expect(notice.text).toContain(templates.languages.fr.explanationPending);
    expect(notice.text).toContain(templates.languages.fr.legalBasisPending);
    expect(notice.text).not.toContain('{{');
    expect(noticeGaps(unassessed, '')).toEqual(['assessment', 'explanation']);
    expect(noticeGaps(dossier({}, []), EXPLANATION)).toEqual(['offences']);
    expect(noticeGaps(dossier({ url: null }), EXPLANATION)).toEqual(['location']);
    expect(noticeGaps(dossier(), EXPLANATION)).toEqual([]);
    const notIllegal = dossier();
    notIllegal.assessment!.classification = 'not_illegal';
    expect(noticeGaps(notIllegal, EXPLANATION)).toContain('not_illegal');
  });
});

describe('template helpers', () => {
  it('fills in one pass: a value is never read as a template', () => {
    expect(fillTemplate('{{a}}-{{b}}', { a: '{{b}}', b: 'B' })).toBe('{{b}}-B');
    expect(() => fillTemplate('{{missing}}', {})).toThrow(/missing/);
  });

  it('wraps long lines at spaces with a hanging indent under list items', () => {
    const wrapped = wrapLines(`- ${'word '.repeat(30).trim()}`, 40).split('\n');
    expect(wrapped.length).toBeGreaterThan(1);
    expect(wrapped.every((line) => line.length <= 40)).toBe(true);
    expect(wrapped.slice(1).every((line) => line.startsWith('  word'))).toBe(true);
  });
});

describe('content/hotline files', () => {
  const raw = JSON.parse(fs.readFileSync(TEMPLATES_FILE, 'utf8'));

  it('has notice templates in the six notice languages', () => {
    expect(Object.keys(templates.languages).sort()).toEqual([...NOTICE_LANGUAGES].sort());
  });

  it('refuses templates that drop an Art. 16 element, with the place named', () => {
    const broken = structuredClone(raw);
    broken.languages.de.body = broken.languages.de.body.filter(
      (line: string) => !line.includes('{{notifier}}'),
    );
    expect(() => parseNoticeTemplates(broken, 'x.json')).toThrow(
      /missing placeholder \{\{notifier\}\}[\s\S]*languages\.de\.body/,
    );
  });

  it('refuses a template asking for the notifier’s name where it must be left out', () => {
    const broken = structuredClone(raw);
    broken.languages.en.notifierOmitted = ['{{organisation}}', '{{email}}'];
    expect(() => parseNoticeTemplates(broken)).toThrow(/unknown placeholder \{\{organisation\}\}/);
  });

  it('refuses a missing language and a file that is not JSON', () => {
    const missing = structuredClone(raw);
    delete missing.languages.it;
    expect(() => parseNoticeTemplates(missing)).toThrow(/it/);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'abri-notice-')), 'bad.json');
    fs.writeFileSync(file, '{ not json');
    expect(() => loadNoticeTemplates(file)).toThrow(/not valid JSON/);
  });

  it('lists foreign hotlines that match the schema, with unique codes and no French entry', () => {
    const file = JSON.parse(fs.readFileSync(path.join(CONTENT, 'hotline', 'hotlines.json'), 'utf8'));
    const { hotlines } = ZForeignHotlinesFile.parse(file);
    expect(hotlines.length).toBeGreaterThanOrEqual(15);
    const codes = hotlines.map((hotline) => hotline.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(hotlines.flatMap((hotline) => hotline.countries)).not.toContain('FR');
    // Addresses are filled in by an administrator: none shipped may look like a real one.
    for (const hotline of hotlines)
      expect(hotline.email === null || hotline.email.endsWith('@example.org')).toBe(true);
    expect(typeof file.note).toBe('string');
  });
});
