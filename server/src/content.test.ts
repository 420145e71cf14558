// The versioned data in content/ must parse against the shared schemas: a bad file would stop start-up.
import fs from 'node:fs';
import path from 'node:path';
import {
  PROTOCOL_TOPICS,
  RED_FLAG_NAMES,
  TAXONOMY_NAMES,
  ZPartnersFile,
  ZPlatformGuideFile,
  ZProtocolFile,
  ZTaxonomyFile,
} from '@abri/contracts';
import { FLAG_NAMES } from '@abri/redflags';
import { describe, expect, it } from 'vitest';

const CONTENT = path.resolve(import.meta.dirname, '../../content');
const read = (...parts: string[]) => JSON.parse(fs.readFileSync(path.join(CONTENT, ...parts), 'utf8'));

describe('content files', () => {
  it('names the red flags exactly as the detector does', () => {
    expect([...RED_FLAG_NAMES].sort()).toEqual([...FLAG_NAMES].sort());
  });

  it.each(PROTOCOL_TOPICS)('has a valid protocol for %s, in French and English', (topic) => {
    const parsed = ZProtocolFile.safeParse(read('protocols', `${topic}.json`));
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(parsed.data?.topic).toBe(topic);
    for (const language of ['fr', 'en'] as const) {
      const text = parsed.data![language];
      // The same advice cards in both languages, so that a card sent in one has its twin in the other.
      expect(text.callers.child.advice.map((card) => card.id)).toEqual(
        parsed.data![language === 'fr' ? 'en' : 'fr'].callers.child.advice.map((card) => card.id),
      );
    }
  });

  it('has the platform how-tos for every platform', () => {
    const parsed = ZPlatformGuideFile.safeParse(read('protocols', 'platforms.json'));
    expect(parsed.error?.issues ?? []).toEqual([]);
  });

  it.each(TAXONOMY_NAMES)('has a valid taxonomy %s', (name) => {
    const parsed = ZTaxonomyFile.safeParse(read('taxonomies', `${name}.json`));
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(parsed.data?.name).toBe(name);
    for (const item of parsed.data!.items) {
      if (item.group) expect(Object.keys(parsed.data!.groups ?? {})).toContain(item.group);
    }
  });

  it('has valid partners with unique codes', () => {
    const parsed = ZPartnersFile.safeParse(read('partners.json'));
    expect(parsed.error?.issues ?? []).toEqual([]);
    const codes = parsed.data!.partners.map((partner) => partner.code);
    expect(new Set(codes).size).toBe(codes.length);
  });
});
