import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

function runRedFlags(input: string) {
  return spawnSync(process.execPath, ['bin/abri.mjs', 'red-flags'], { cwd: root, input, encoding: 'utf8' });
}

describe('abri red-flags', () => {
  it('writes one line of flags per input line, with spans into the original text', () => {
    const text = 'il dit qu’il va envoyer mes photos à tout le collège si je paye pas 200€ 😭';
    const result = runRedFlags(`${JSON.stringify({ text })}\n{"text":"on se voit en cours demain"}\n`);
    expect(result.status).toBe(0);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(2);
    const flags = lines[0].flags as { flag: string; start: number; end: number; rule: string }[];
    expect(flags.map((f) => f.flag).sort()).toEqual(['sextortion', 'threat']);
    const sextortion = flags.find((f) => f.flag === 'sextortion')!;
    expect(sextortion.rule).toBe('fr.sextortion.pay_or_share');
    expect(text.slice(sextortion.start, sextortion.end)).toMatch(/^va envoyer mes photos.*paye/);
    expect(lines[1]).toEqual({ flags: [] });
  });

  it('answers a malformed line with an error and goes on', () => {
    const result = runRedFlags('not json\n{"message":"hi"}\n{"text":"i want to die"}\n');
    expect(result.status).toBe(0);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(3);
    expect(lines[0].error).toMatch(/invalid JSON/);
    expect(lines[1].error).toMatch(/text/);
    expect(lines[2].flags[0]).toMatchObject({ flag: 'self_harm', start: 0, end: 13 });
  });
});
