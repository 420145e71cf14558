// Guidance owns what counsellors follow: versioned protocols per topic and caller, the platform how-tos,
// and the lists (taxonomies) contact records are filled from (tables protocol_versions,
// platform_guide_versions, taxonomy_versions), all seeded from content/ and edited by administrators.
import fs from 'node:fs';
import path from 'node:path';
import {
  PROTOCOL_TOPICS,
  TAXONOMY_NAMES,
  ZPlatformGuideFile,
  ZProtocolFile,
  ZTaxonomyFile,
} from '@abri/contracts';
import type { AppContext, AppModule } from '../../context.ts';
import { seedPlatformGuide, seedProtocol } from './protocols.service.ts';
import { guidanceRoutes } from './routes.ts';
import { seedTaxonomy } from './taxonomies.service.ts';

export { currentProtocolRow } from './protocols.service.ts';
export { checkCodes, currentTaxonomies } from './taxonomies.service.ts';

function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** Loads content/protocols and content/taxonomies into the database (a bad file stops start-up). */
export async function seedGuidance(context: AppContext): Promise<void> {
  const { db, logger, config } = context;
  const dir = path.join(config.contentDir, 'protocols');
  for (const topic of PROTOCOL_TOPICS) {
    const file = path.join(dir, `${topic}.json`);
    if (!fs.existsSync(file)) continue;
    const parsed = ZProtocolFile.parse(readJson(file));
    await seedProtocol(db, logger, parsed.topic, parsed);
  }
  const platforms = path.join(dir, 'platforms.json');
  if (fs.existsSync(platforms))
    await seedPlatformGuide(db, logger, ZPlatformGuideFile.parse(readJson(platforms)));
  for (const name of TAXONOMY_NAMES) {
    const file = path.join(config.contentDir, 'taxonomies', `${name}.json`);
    if (fs.existsSync(file)) await seedTaxonomy(db, logger, ZTaxonomyFile.parse(readJson(file)));
  }
}

export const guidanceModule: AppModule = {
  name: 'guidance',
  routes: guidanceRoutes,
  onStart: seedGuidance,
};
