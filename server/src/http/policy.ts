// Every route declares who may call it in its config (`config: { policy: policies.can('users.manage') }`).
// A route without a policy makes start-up fail; the guard hook in guard.ts enforces the policy.
import type { TAbility, TSessionStage } from '@abri/contracts';

export type RoutePolicy =
  /** Anyone, no session needed (public pages, login, health checks). */
  | { kind: 'public' }
  /** A session at one of these login stages (the steps of logging in). */
  | { kind: 'session'; stages: readonly TSessionStage[] }
  /** A fully logged-in staff member holding at least one of these abilities. */
  | { kind: 'ability'; abilities: readonly TAbility[] };

export const policies = {
  public: (): RoutePolicy => ({ kind: 'public' }),
  session: (...stages: TSessionStage[]): RoutePolicy => ({ kind: 'session', stages }),
  staff: (): RoutePolicy => ({ kind: 'ability', abilities: ['console.use'] }),
  can: (ability: TAbility): RoutePolicy => ({ kind: 'ability', abilities: [ability] }),
  /** Any one of these abilities is enough (a list both counsellors and administrators read). */
  canAny: (...abilities: TAbility[]): RoutePolicy => ({ kind: 'ability', abilities }),
};

declare module 'fastify' {
  interface FastifyContextConfig {
    policy?: RoutePolicy;
  }
}

export class MissingPolicyError extends Error {
  constructor(method: string | string[], url: string) {
    super(
      `Route ${String(method)} ${url} declares no policy (config.policy): every route must say who may call it`,
    );
    this.name = 'MissingPolicyError';
  }
}
