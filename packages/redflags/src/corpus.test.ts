import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FLAG_NAMES } from './index.ts';
import { evaluate, parseCorpus, splitCorpus } from './metrics.ts';

const corpus = parseCorpus(readFileSync(new URL('../test/corpus.jsonl', import.meta.url), 'utf8'));

describe('labelled corpus', () => {
  it('is large enough, in both languages, with every flag and many negatives', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(300);
    expect(corpus.filter((m) => m.lang === 'fr').length).toBeGreaterThan(100);
    expect(corpus.filter((m) => m.lang === 'en').length).toBeGreaterThan(100);
    expect(corpus.filter((m) => m.flags.length === 0).length).toBeGreaterThanOrEqual(80);
    for (const flag of FLAG_NAMES) {
      expect(corpus.filter((m) => m.flags.includes(flag)).length, flag).toBeGreaterThanOrEqual(15);
    }
  });

  it('reaches precision ≥ 0.9 and recall ≥ 0.85 overall (micro-averaged)', () => {
    const { overall, perFlag } = evaluate(corpus);
    console.table(
      Object.fromEntries(
        Object.entries({ ...perFlag, overall }).map(([flag, s]) => [
          flag,
          { precision: s.precision.toFixed(3), recall: s.recall.toFixed(3), f1: s.f1.toFixed(3) },
        ]),
      ),
    );
    expect(overall.precision).toBeGreaterThanOrEqual(0.9);
    expect(overall.recall).toBeGreaterThanOrEqual(0.85);
  });

  it('holds the same aims on the held-out part, never used to tune the rules', () => {
    const { overall } = evaluate(splitCorpus(corpus).heldOut);
    expect(overall.precision).toBeGreaterThanOrEqual(0.9);
    expect(overall.recall).toBeGreaterThanOrEqual(0.85);
  });
});
