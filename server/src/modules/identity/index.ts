// Identity owns staff accounts, roles, passwords, two-step verification, sessions and reset links
// (tables users, recovery_codes, sessions, password_resets). Other modules use what this file exports.
import type { AppModule } from '../../context.ts';
import { identityRoutes } from './routes.ts';
import { purgeExpired } from './sessions.repository.ts';

export { type Authenticated, actorOf, presentSession, resolveSession } from './auth.service.ts';
export { loadCommonPasswords, passwordProblem } from './password-policy.ts';
export type { UserRow } from './tables.ts';
export { currentTotp } from './totp.ts';
export { findUserByUsername } from './users.repository.ts';
export { createUser, ensureFirstAdmin, presentUser, setOneTimePassword } from './users.service.ts';

export const identityModule: AppModule = {
  name: 'identity',
  routes: identityRoutes,
  jobs(runner, context) {
    runner.register(
      'identity.purge-expired',
      async () => {
        await purgeExpired(context.db, context.clock.now(), context.config.session.idleMinutes);
      },
      15 * 60_000,
    );
  },
};
