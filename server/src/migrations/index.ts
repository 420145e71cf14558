// Every migration, in order. Names sort in the order they must run; never edit one that has shipped.
import type { Migration } from 'kysely';
import * as foundation from './0001-foundation.ts';
import * as helpline from './0002-helpline.ts';
import * as redFlags from './0003-red-flags.ts';
import * as mail from './0004-mail.ts';
import * as records from './0005-records.ts';
import * as hotline from './0006-hotline.ts';
import * as hotlineAnalysis from './0007-hotline-analysis.ts';
import * as media from './0008-media.ts';
import * as instanceSecret from './0009-instance-secret.ts';
import * as auditKeyedChain from './0010-audit-keyed-chain.ts';
import * as addressSaltsOut from './0011-address-salts-out.ts';
import * as staffAccounts from './0012-staff-accounts.ts';

export const migrations: Record<string, Migration> = {
  '0001-foundation': foundation,
  '0002-helpline': helpline,
  '0003-red-flags': redFlags,
  '0004-mail': mail,
  '0005-records': records,
  '0006-hotline': hotline,
  '0007-hotline-analysis': hotlineAnalysis,
  '0008-media': media,
  '0009-instance-secret': instanceSecret,
  '0010-audit-keyed-chain': auditKeyedChain,
  '0011-address-salts-out': addressSaltsOut,
  '0012-staff-accounts': staffAccounts,
};
