// Identity owns staff accounts, roles, passwords, two-step verification, sessions and reset links
// (tables users, recovery_codes, sessions, password_resets). Other modules use what this file exports.
import type { AppModule } from '../../context.ts';
import { purgeExpired } from './sessions.repository.ts';
import { identityRoutes } from './routes.ts';

export { actorOf, presentSession, resolveSession, type Authenticated } from './auth.service.ts';
export { createUser, ensureFirstAdmin, setOneTimePassword, presentUser } from './users.service.ts';
export { findUserByUsername } from './users.repository.ts';
export { currentTotp } from './totp.ts';
export { passwordProblem, loadCommonPasswords } from './password-policy.ts';
export type { UserRow } from './tables.ts';

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
