// Precision, recall and F1 per flag over a labelled corpus, at message level: a flag counts as predicted for a
// message when at least one span of that flag is found. Used by the corpus test and scripts/evaluate.ts.
import { detectRedFlags } from './detect.ts';
import { FLAG_NAMES, type FlagName, type Language } from './rule.ts';

export interface LabelledMessage {
  text: string;
  lang: Language;
  flags: FlagName[];
}

export interface Score {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface Evaluation {
  messages: number;
  perFlag: Record<FlagName, Score>;
  /** Micro-average over all flags. */
  overall: Score;
  errors: { text: string; missed: FlagName[]; spurious: FlagName[] }[];
}

/** Every fourth message is held out: never looked at while tuning rules. */
export function splitCorpus(messages: readonly LabelledMessage[]): {
  dev: LabelledMessage[];
  heldOut: LabelledMessage[];
} {
  return {
    dev: messages.filter((_, i) => i % 4 !== 3),
    heldOut: messages.filter((_, i) => i % 4 === 3),
  };
}

export function parseCorpus(jsonl: string): LabelledMessage[] {
  return jsonl
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as LabelledMessage);
}

function score(tp: number, fp: number, fn: number): Score {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, precision, recall, f1 };
}

export function evaluate(messages: readonly LabelledMessage[]): Evaluation {
  const counts = Object.fromEntries(FLAG_NAMES.map((flag) => [flag, { tp: 0, fp: 0, fn: 0 }])) as Record<
    FlagName,
    { tp: number; fp: number; fn: number }
  >;
  const errors: Evaluation['errors'] = [];
  for (const message of messages) {
    const predicted = new Set(detectRedFlags(message.text).map((found) => found.flag));
    const expected = new Set(message.flags);
    const missed = [...expected].filter((flag) => !predicted.has(flag));
    const spurious = [...predicted].filter((flag) => !expected.has(flag));
    for (const flag of predicted) counts[flag][expected.has(flag) ? 'tp' : 'fp']++;
    for (const flag of missed) counts[flag].fn++;
    if (missed.length || spurious.length) errors.push({ text: message.text, missed, spurious });
  }
  const perFlag = Object.fromEntries(
    FLAG_NAMES.map((flag) => [flag, score(counts[flag].tp, counts[flag].fp, counts[flag].fn)]),
  ) as Record<FlagName, Score>;
  const total = FLAG_NAMES.reduce(
    (sum, flag) => ({
      tp: sum.tp + counts[flag].tp,
      fp: sum.fp + counts[flag].fp,
      fn: sum.fn + counts[flag].fn,
    }),
    { tp: 0, fp: 0, fn: 0 },
  );
  return { messages: messages.length, perFlag, overall: score(total.tp, total.fp, total.fn), errors };
}
