// The legal reference table in content/legal: analysts qualify reports by these offences and DSA notices
// quote them, so each must be unique, readable in French and English, and mapped to a category and keywords
// that the DSA Transparency Database accepts.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

interface Offence {
  country: string;
  code: string;
  article: string;
  label: { fr: string; en: string };
  dsaCategory: string;
  keywords?: string[];
  /** Directive 2011/93/EU Art. 3 to 7 offences: DSA notices may leave out the notifier's name. */
  csam?: boolean;
}

// The statement categories of the DSA Transparency Database (vocabulary of July 2025) and, for those an
// offence here may use, the keywords ("category specifications") that belong to each.
const DSA_CATEGORIES: Record<string, string[]> = {
  STATEMENT_CATEGORY_ANIMAL_WELFARE: [],
  STATEMENT_CATEGORY_CONSUMER_INFORMATION: [],
  STATEMENT_CATEGORY_CYBER_VIOLENCE: [
    'KEYWORD_CYBER_BULLYING_INTIMIDATION',
    'KEYWORD_CYBER_HARASSMENT',
    'KEYWORD_CYBER_INCITEMENT',
    'KEYWORD_CYBER_STALKING',
    'KEYWORD_NON_CONSENSUAL_IMAGE_SHARING',
    'KEYWORD_NON_CONSENSUAL_MATERIAL_DEEPFAKE',
  ],
  STATEMENT_CATEGORY_CYBER_VIOLENCE_AGAINST_WOMEN: [],
  STATEMENT_CATEGORY_DATA_PROTECTION_AND_PRIVACY_VIOLATIONS: [
    'KEYWORD_BIOMETRIC_DATA_BREACH',
    'KEYWORD_DATA_FALSIFICATION',
    'KEYWORD_MISSING_PROCESSING_GROUND',
    'KEYWORD_RIGHT_TO_BE_FORGOTTEN',
  ],
  STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH: [
    'KEYWORD_DEFAMATION',
    'KEYWORD_DISCRIMINATION',
    'KEYWORD_HATE_SPEECH',
  ],
  STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS: [],
  STATEMENT_CATEGORY_NEGATIVE_EFFECTS_ON_CIVIC_DISCOURSE_OR_ELECTIONS: [],
  STATEMENT_CATEGORY_PROTECTION_OF_MINORS: [
    'KEYWORD_AGE_SPECIFIC_RESTRICTIONS_MINORS',
    'KEYWORD_CHILD_SEXUAL_ABUSE_MATERIAL',
    'KEYWORD_CHILD_SEXUAL_ABUSE_MATERIAL_DEEPFAKE',
    'KEYWORD_GROOMING_SEXUAL_ENTICEMENT_MINORS',
    'KEYWORD_UNSAFE_CHALLENGES',
  ],
  STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY: [
    'KEYWORD_ILLEGAL_ORGANIZATIONS',
    'KEYWORD_RISK_ENVIRONMENTAL_DAMAGE',
    'KEYWORD_RISK_PUBLIC_HEALTH',
    'KEYWORD_TERRORIST_CONTENT',
  ],
  STATEMENT_CATEGORY_SCAMS_AND_FRAUD: [
    'KEYWORD_IMPERSONATION_ACCOUNT_HIJACKING',
    'KEYWORD_INAUTHENTIC_ACCOUNTS',
    'KEYWORD_INAUTHENTIC_LISTINGS',
    'KEYWORD_INAUTHENTIC_USER_REVIEWS',
    'KEYWORD_PHISHING',
    'KEYWORD_PYRAMID_SCHEMES',
  ],
  STATEMENT_CATEGORY_SELF_HARM: [
    'KEYWORD_CONTENT_PROMOTING_EATING_DISORDERS',
    'KEYWORD_SELF_MUTILATION',
    'KEYWORD_SUICIDE',
  ],
  STATEMENT_CATEGORY_UNSAFE_AND_PROHIBITED_PRODUCTS: [],
  STATEMENT_CATEGORY_VIOLENCE: [
    'KEYWORD_COORDINATED_HARM',
    'KEYWORD_HUMAN_EXPLOITATION',
    'KEYWORD_HUMAN_TRAFFICKING',
    'KEYWORD_INCITEMENT_VIOLENCE_HATRED',
    'KEYWORD_TRAFFICKING_WOMEN_GIRLS',
  ],
};

const FILE = path.resolve(import.meta.dirname, '../../../../content/legal/offences.json');
const offences = JSON.parse(fs.readFileSync(FILE, 'utf8')) as Offence[];

describe('the legal reference table in content/legal/offences.json', () => {
  it('has each offence once per country', () => {
    const keys = offences.map((offence) => `${offence.country}/${offence.code}`);
    expect(keys.filter((key, index) => keys.indexOf(key) !== index)).toEqual([]);
  });

  it('covers the offences the French hotline qualifies most', () => {
    const french = offences.filter((offence) => offence.country === 'FR').map((offence) => offence.code);
    const required = ['227-22-1', '227-23', '227-22', '227-24', '222-33-2-2', '226-2-1', '226-1', '312-10'];
    required.push('312-1', '226-4-1', '223-13', '421-2-5', 'loi-1881-24');
    expect(french).toEqual(expect.arrayContaining(required));
  });

  it.each(offences)('describes $country $code completely, in French and English', (offence) => {
    expect(Object.keys(offence).sort()).toEqual(
      [
        'article',
        'code',
        'country',
        'dsaCategory',
        'label',
        ...(offence.keywords ? ['keywords'] : []),
        ...('csam' in offence ? ['csam'] : []),
      ].sort(),
    );
    expect(offence.country).toMatch(/^[A-Z]{2}$/);
    expect(offence.code).toMatch(/^[a-z0-9-]+$/);
    expect(offence.article).toContain(offence.code.replace(/^loi-\d+-/, ''));
    expect(Object.keys(offence.label).sort()).toEqual(['en', 'fr']);
    for (const text of [offence.article, offence.label.fr, offence.label.en]) {
      expect(text.trim()).toBe(text);
      expect(text.length).toBeGreaterThan(10);
    }
    expect(offence.label.fr).not.toBe(offence.label.en);
  });

  it.each(offences)('maps $country $code to a DSA category and keywords of that category', (offence) => {
    expect(Object.keys(DSA_CATEGORIES)).toContain(offence.dsaCategory);
    for (const keyword of offence.keywords ?? []) {
      expect(DSA_CATEGORIES[offence.dsaCategory]).toContain(keyword);
    }
    expect(new Set(offence.keywords).size).toBe(offence.keywords?.length ?? 0);
  });
});
