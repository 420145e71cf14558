import type { TMediaCheck, TMediaMatch } from '@abri/contracts';
import { describe, expect, it } from 'vitest';
import { imageRefusal, pdqUsable, shotDisplay } from './media-check.ts';

const match = (
  bankKind: TMediaMatch['bankKind'],
  distance: number,
  bankName: string = bankKind,
): TMediaMatch => ({
  bankId: `id-${bankName}`,
  bankName,
  bankKind,
  algorithm: 'pdq',
  distance,
  label: null,
});

const check = (changes: Partial<TMediaCheck>): TMediaCheck => ({
  status: 'hashed',
  pdq: 'f'.repeat(64),
  quality: 100,
  refusedReason: null,
  matches: [],
  known: null,
  ...changes,
});

describe('shotDisplay', () => {
  it('hides known material and names its bank', () => {
    const known = match('csam', 4);
    expect(shotDisplay(check({ known, matches: [known] }))).toEqual({ kind: 'known', match: known });
  });

  it('hides a picture with a blocking match even when known was left empty, closest first', () => {
    const far = match('terrorism', 20, 'b');
    const near = match('ncii', 3, 'a');
    expect(shotDisplay(check({ matches: [match('benign', 0), far, near] }))).toEqual({
      kind: 'known',
      match: near,
    });
  });

  it('shows pictures still pending (the server checks before making the preview)', () => {
    expect(shotDisplay(check({ status: 'pending', pdq: null, quality: null }))).toEqual({
      kind: 'show',
      pending: true,
      matches: [],
      refused: null,
    });
  });

  it('lists harmless matches closest first', () => {
    const display = shotDisplay(check({ matches: [match('other', 12), match('benign', 2)] }));
    expect(display.kind === 'show' && display.matches.map((m) => m.distance)).toEqual([2, 12]);
  });

  it('says why no perceptual hash was made, keeping an unknown reason as is', () => {
    const refused = check({ status: 'refused', pdq: null, quality: null, refusedReason: 'animated' });
    expect(shotDisplay(refused)).toMatchObject({ refused: { reason: 'animated', raw: 'animated' } });
    const odd = check({ status: 'refused', pdq: null, quality: null, refusedReason: 'new_reason' });
    expect(shotDisplay(odd)).toMatchObject({ refused: { reason: null, raw: 'new_reason' } });
  });
});

describe('pdqUsable', () => {
  it('needs a hash of quality 50 or more', () => {
    expect(pdqUsable(check({ quality: 50 }))).toBe(true);
    expect(pdqUsable(check({ quality: 49 }))).toBe(false);
    expect(pdqUsable(check({ pdq: null, quality: null }))).toBe(false);
  });
});

describe('imageRefusal', () => {
  it("recognises known material from the server's refusal", () => {
    const payload = {
      error: { code: 'MEDIA_KNOWN_MATERIAL', message: 'Known material: bank x, distance 3.' },
    };
    expect(imageRefusal(403, payload)).toEqual({ kind: 'known' });
  });

  it('keeps any other refusal as an error to say', () => {
    const answer = imageRefusal(422, { error: { code: 'HOTLINE_IMAGE_UNREADABLE', message: 'unreadable' } });
    expect(answer).toMatchObject({
      kind: 'unavailable',
      error: { status: 422, code: 'HOTLINE_IMAGE_UNREADABLE' },
    });
    expect(imageRefusal(502, null)).toMatchObject({ kind: 'unavailable', error: { code: 'UNAVAILABLE' } });
    expect(imageRefusal(404, { error: null })).toMatchObject({
      kind: 'unavailable',
      error: { code: 'INTERNAL' },
    });
  });
});
