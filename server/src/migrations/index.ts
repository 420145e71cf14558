// Every migration, in order. Names sort in the order they must run; never edit one that has shipped.
import type { Migration } from 'kysely';
import * as foundation from './0001-foundation.ts';
import * as helpline from './0002-helpline.ts';
import * as redFlags from './0003-red-flags.ts';

export const migrations: Record<string, Migration> = {
  '0001-foundation': foundation,
  '0002-helpline': helpline,
  '0003-red-flags': redFlags,
};
