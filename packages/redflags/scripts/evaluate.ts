// Prints precision/recall/F1 per flag and overall (dev part, held-out part, whole corpus) and per-message
// latency as JSON. Run: npm run eval:redflags
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { detectRedFlags } from '../src/index.ts';
import { type Evaluation, evaluate, parseCorpus, splitCorpus } from '../src/metrics.ts';

const corpus = parseCorpus(readFileSync(new URL('../test/corpus.jsonl', import.meta.url), 'utf8'));
const { dev, heldOut } = splitCorpus(corpus);

const round = (n: number) => Math.round(n * 1000) / 1000;
const summary = ({ messages, perFlag, overall }: Evaluation) => ({
  messages,
  overall: {
    ...overall,
    precision: round(overall.precision),
    recall: round(overall.recall),
    f1: round(overall.f1),
  },
  perFlag: Object.fromEntries(
    Object.entries(perFlag).map(([flag, s]) => [
      flag,
      {
        precision: round(s.precision),
        recall: round(s.recall),
        f1: round(s.f1),
        tp: s.tp,
        fp: s.fp,
        fn: s.fn,
      },
    ]),
  ),
});

// Latency: warm up, then time every message of the corpus many times.
const ITERATIONS = 50;
for (const { text } of corpus) detectRedFlags(text);
const samples: number[] = [];
for (let i = 0; i < ITERATIONS; i++) {
  for (const { text } of corpus) {
    const start = performance.now();
    detectRedFlags(text);
    samples.push(performance.now() - start);
  }
}
samples.sort((a, b) => a - b);
const percentile = (p: number) =>
  samples[Math.min(samples.length - 1, Math.floor((p / 100) * samples.length))]!;
const longText = corpus.map((m) => m.text).join(' ');
const longStart = performance.now();
for (let i = 0; i < 20; i++) detectRedFlags(longText);
const longMs = (performance.now() - longStart) / 20;

const heldOutEvaluation = evaluate(heldOut);
console.log(
  JSON.stringify(
    {
      dev: summary(evaluate(dev)),
      heldOut: summary(heldOutEvaluation),
      all: summary(evaluate(corpus)),
      heldOutErrors: process.argv.includes('--show-held-out') ? heldOutEvaluation.errors : undefined,
      latencyMs: {
        messages: corpus.length,
        iterations: ITERATIONS,
        p50: Number(percentile(50).toFixed(4)),
        p99: Number(percentile(99).toFixed(4)),
        max: Number(samples[samples.length - 1]!.toFixed(4)),
        [`wholeCorpusAsOneText_${longText.length}chars`]: round(longMs),
      },
    },
    null,
    2,
  ),
);
