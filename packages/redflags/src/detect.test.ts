import { describe, expect, it } from 'vitest';
import { detectRedFlags, FLAG_NAMES, type FlagName, normalize } from './index.ts';

const flagsOf = (text: string) => [...new Set(detectRedFlags(text).map((found) => found.flag))].sort();
const spanOf = (text: string, flag: FlagName) => {
  const found = detectRedFlags(text).find((f) => f.flag === flag);
  return found && text.slice(found.start, found.end);
};

const cases: Record<FlagName, { positive: string[]; negative: string[] }> = {
  personal_details: {
    positive: [
      'il sait où j’habite',
      'Il connait le nom de mon COLLÈGE',
      'he knows where i live',
      'she posted my phone number',
    ],
    negative: ['my school posted the trip photos', 'ma mère a mon numéro bien sûr'],
  },
  threat: {
    positive: [
      'il m’a menacé de me frapper',
      'jvais te buter',
      'he said hes gonna kill me',
      'watch your back',
    ],
    negative: [
      'je vais le tuer au prochain match lol',
      'this game is killing me',
      'my mom is gonna kill me lol',
    ],
  },
  sextortion: {
    positive: [
      'il va envoyer mes photos à tout le collège si je paye pas 200€',
      'pay $200 or ill post ur pics online',
      'send more or i’ll send these to your dad',
    ],
    negative: ['il m’a envoyé une photo de son chien', 'i’ll send you the pics from the trip'],
  },
  image_request: {
    positive: [
      'envoie moi une tof stp',
      'il m’a demandé des nudes',
      'he keeps asking for pics',
      'turn on ur cam',
    ],
    negative: ['ma mère m’a demandé une photo pour ma carte d’identité', 'send me the homework pic'],
  },
  meeting_request: {
    positive: [
      'il veut qu’on se voie samedi',
      'il veut me rencontrer en vrai',
      'lets meet irl',
      'meet me behind the gym',
    ],
    negative: ['on se voit en cours demain', 'see you in class tomorrow', 'my dad wants to meet my teacher'],
  },
  secrecy: {
    positive: [
      'on m’a dit de pas en parler à mes parents',
      'c’est notre petit secret',
      'dont tell ur parents',
      'keep this between us',
    ],
    negative: [
      'j’ose pas en parler à mes parents',
      'please dont tell my parents i said this',
      'it’s a secret santa',
    ],
  },
  platform_move: {
    positive: ['ajoute moi sur insta', 'viens en mp', 'add me on snap', 'what’s ur snap'],
    negative: ['on parle sur discord avec mes potes', 'she follows me on insta'],
  },
  sexual_questions: {
    positive: [
      'il m’a demandé si je suis vierge',
      'il me pose des questions sexuelles',
      'he asked my bra size',
    ],
    negative: ['on a eu un cours d’éducation sexuelle', 'what are you wearing to the party'],
  },
  self_harm: {
    positive: ['je veux plus vivre', 'j’ai envie de mourir', 'i wanna kill myself', 'kms'],
    negative: ['je suis mort de rire', "I'm dying to see the movie", 'je vais me couper les cheveux'],
  },
  immediate_danger: {
    positive: ['il est devant chez moi', 'au secours', 'someone is following me', 'he’s outside my house rn'],
    negative: ['elle me suit sur insta', 'help me with my homework pls'],
  },
};

describe('detectRedFlags, flag by flag', () => {
  it('has a case table for every flag', () => {
    expect(Object.keys(cases).sort()).toEqual([...FLAG_NAMES].sort());
  });
  for (const flag of FLAG_NAMES) {
    describe(flag, () => {
      it.each(cases[flag].positive)('finds it in %j', (text) => {
        expect(flagsOf(text)).toContain(flag);
      });
      it.each(cases[flag].negative)('does not find it in %j', (text) => {
        expect(flagsOf(text)).not.toContain(flag);
      });
    });
  }
});

describe('robustness to teen writing', () => {
  it('reads repeated letters, capitals, missing accents and SMS spelling', () => {
    expect(flagsOf('JE VEUX PLUUUS VIVRE')).toContain('self_harm');
    expect(flagsOf('il sait ou jhabite')).toContain('personal_details');
    expect(flagsOf('pleeease send me a piiic')).toContain('image_request');
    expect(flagsOf('g envi de mourir')).toContain('self_harm');
  });
});

describe('spans', () => {
  it('point into the original text despite accents, emojis and expansions', () => {
    const text = '😭😭 Il connaît même le nom de mon collège !! 😱';
    expect(spanOf(text, 'personal_details')).toBe('Il connaît même le nom de mon collège');
  });
  it('cover an expanded abbreviation completely', () => {
    const text = 'jsp... chui 🥺 jveux plus vivre';
    expect(spanOf(text, 'self_harm')).toBe('jveux plus vivre');
  });
  it('cover a collapsed run of letters completely', () => {
    expect(spanOf('au secouuuuurs', 'immediate_danger')).toBe('au secouuuuurs');
  });
  it('handle decomposed accents (NFD input)', () => {
    const text = 'il sait où j’habite'.normalize('NFD');
    const found = detectRedFlags(text);
    expect(found).toHaveLength(1);
    expect(text.slice(found[0]!.start, found[0]!.end)).toBe(text);
  });
  it('are sorted by start and name the rule that matched', () => {
    const found = detectRedFlags('il sait où j’habite, il veut qu’on se voie et dit de rien dire à personne');
    expect(found.map((f) => f.flag)).toEqual(['personal_details', 'meeting_request', 'secrecy']);
    expect(found.map((f) => f.start)).toEqual([...found.map((f) => f.start)].sort((a, b) => a - b));
    expect(found[0]!.rule).toBe('fr.personal_details.knows_details');
  });
});

describe('options and edge cases', () => {
  it('runs only the requested languages', () => {
    expect(flagsOf('je veux plus vivre')).toContain('self_harm');
    expect(detectRedFlags('je veux plus vivre', { languages: ['en'] })).toEqual([]);
    expect(detectRedFlags('i want to die', { languages: ['fr'] })).toEqual([]);
  });
  it('returns nothing for empty or flag-free text', () => {
    expect(detectRedFlags('')).toEqual([]);
    expect(detectRedFlags('🙂🙂 !!! ...')).toEqual([]);
    expect(detectRedFlags('bonjour, j’ai une question sur mon stage')).toEqual([]);
  });
  it('normalises with a map back to the original offsets', () => {
    const n = normalize('Ça VA ?? trèèèès', new Map());
    expect(n.text).toBe('ca va tres');
    expect(n.starts).toHaveLength(n.text.length);
    expect(n.ends[n.text.length - 1]).toBe('Ça VA ?? trèèèès'.length);
  });
});
