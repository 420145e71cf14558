// The shape of a rule and helpers to write their patterns. Patterns run on normalised text (see normalize.ts):
// lower case, no accents, words separated by exactly one space, apostrophes turned into spaces.

export const FLAG_NAMES = [
  'personal_details',
  'threat',
  'sextortion',
  'image_request',
  'meeting_request',
  'secrecy',
  'platform_move',
  'sexual_questions',
  'self_harm',
  'immediate_danger',
] as const;

export type FlagName = (typeof FLAG_NAMES)[number];
export type Language = 'fr' | 'en';

export interface Rule {
  /** `<lang>.<flag>.<name>`, e.g. `fr.sextortion.pay_or_share`. */
  id: string;
  flag: FlagName;
  pattern: RegExp;
}

/** Alternatives as a non-capturing group. */
export const any = (...parts: string[]): string => `(?:${parts.join('|')})`;
/** Zero to n whole words, each followed by a space. */
export const words = (n: number): string => `(?:[^ ]+ ){0,${n}}`;

export function rule(lang: Language, flag: FlagName, name: string, ...alternatives: string[]): Rule {
  const source = alternatives.length === 1 ? alternatives[0]! : any(...alternatives);
  return {
    id: `${lang}.${flag}.${name}`,
    flag,
    pattern: new RegExp(`(?<![a-z0-9])${source}(?![a-z0-9])`, 'g'),
  };
}
