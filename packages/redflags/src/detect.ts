// Runs every rule of the requested languages over the normalised text and maps matches back to the original.
import { EN_ABBREVIATIONS, FR_ABBREVIATIONS } from './abbreviations.ts';
import { normalize } from './normalize.ts';
import type { FlagName, Language, Rule } from './rule.ts';
import { EN_RULES } from './rules-en.ts';
import { FR_RULES } from './rules-fr.ts';

export interface RedFlag {
  flag: FlagName;
  /** Offsets into the original text (UTF-16 code units, end exclusive). */
  start: number;
  end: number;
  /** Id of the rule that matched, e.g. `fr.sextortion.pay_or_share`. */
  rule: string;
}

export interface DetectOptions {
  /** Languages whose rules run; both by default (children mix them). */
  languages?: readonly Language[];
}

const LANGUAGES: Readonly<
  Record<Language, { abbreviations: ReadonlyMap<string, string>; rules: readonly Rule[] }>
> = {
  fr: { abbreviations: FR_ABBREVIATIONS, rules: FR_RULES },
  en: { abbreviations: EN_ABBREVIATIONS, rules: EN_RULES },
};

export function detectRedFlags(text: string, options: DetectOptions = {}): RedFlag[] {
  const found: RedFlag[] = [];
  for (const language of options.languages ?? (['fr', 'en'] as const)) {
    const { abbreviations, rules } = LANGUAGES[language];
    const normalized = normalize(text, abbreviations);
    for (const { id, flag, pattern } of rules) {
      pattern.lastIndex = 0;
      for (let match = pattern.exec(normalized.text); match; match = pattern.exec(normalized.text)) {
        let from = match.index;
        let to = from + match[0].length;
        if (to === from) {
          pattern.lastIndex++;
          continue;
        }
        // Trim the spaces a pattern may have eaten at its edges.
        while (normalized.text[from] === ' ') from++;
        while (to > from && normalized.text[to - 1] === ' ') to--;
        found.push({ flag, start: normalized.starts[from]!, end: normalized.ends[to - 1]!, rule: id });
      }
    }
  }
  return mergeOverlaps(found);
}

/** One flag per overlapping region: the earliest match keeps its rule and grows to cover the others. */
function mergeOverlaps(flags: RedFlag[]): RedFlag[] {
  flags.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: RedFlag[] = [];
  const lastByFlag = new Map<FlagName, RedFlag>();
  for (const flag of flags) {
    const last = lastByFlag.get(flag.flag);
    if (last && flag.start < last.end) {
      last.end = Math.max(last.end, flag.end);
      continue;
    }
    const copy = { ...flag };
    merged.push(copy);
    lastByFlag.set(flag.flag, copy);
  }
  return merged;
}
