// HTTP endpoints of staff identity: the login steps, the account page and user administration.
// Routes parse, authorise (policy), call the services and present; the rules live in the services.
import {
  ZAccountUpdateRequest,
  ZLoginRequest,
  ZOwnSession,
  ZPasswordChangeRequest,
  ZRecoveryCodesResponse,
  ZResetLinkResponse,
  ZResetPasswordRequest,
  ZSessionInfo,
  ZTotpSetupResponse,
  ZTotpVerifyRequest,
  ZUser,
  ZUserCreateRequest,
  ZUserCreateResponse,
  ZUserUpdateRequest,
} from '@abri/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { authOf, clearSessionCookie, setSessionCookie } from '../../http/guard.ts';
import { policies } from '../../http/policy.ts';
import { AppError } from '../../infra/errors.ts';
import * as auth from './auth.service.ts';
import { listUserSessions } from './sessions.repository.ts';
import { listUsers } from './users.repository.ts';
import * as admin from './users.service.ts';

const LOGIN_FAILURES_PER_ADDRESS = 20;
const LOGIN_WINDOW_MS = 15 * 60_000;

const ZUserId = z.strictObject({ id: z.uuid('not a valid user id') });
const ZNoBody = z.strictObject({}).optional();

function baseUrl(context: AppContext, request: FastifyRequest): string {
  return context.config.publicUrl ?? `${request.protocol}://${request.headers.host ?? 'localhost'}`;
}

export function identityRoutes(fastify: FastifyInstance, context: AppContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['identity'];

  /**
   * Runs an attempt unless its address already failed too often in the window; only failures count,
   * so a team behind one office address can all log in at the start of a shift while guessing from
   * that address stays bounded.
   */
  async function limitFailuresByAddress<T>(
    request: FastifyRequest,
    bucket: string,
    attempt: () => Promise<T>,
  ): Promise<T> {
    const key = `${bucket}:${await context.ipHasher.hash(request.ip)}`;
    const seen = await context.rateLimiter.peek(key);
    if (seen.count >= LOGIN_FAILURES_PER_ADDRESS)
      throw new AppError('REQUEST_RATE_LIMITED', { message: `retry after ${seen.retryAfter}s` });
    try {
      return await attempt();
    } catch (error) {
      await context.rateLimiter.hit(key, LOGIN_FAILURES_PER_ADDRESS, LOGIN_WINDOW_MS);
      throw error;
    }
  }

  app.post(
    '/api/auth/login',
    {
      schema: {
        tags,
        summary: 'Log in with username and password',
        body: ZLoginRequest,
        response: { 200: ZSessionInfo },
      },
      config: { policy: policies.public() },
    },
    async (request, reply) => {
      const result = await limitFailuresByAddress(request, 'login', () =>
        auth.login(context, request.body, { userAgent: request.headers['user-agent'] ?? null }),
      );
      setSessionCookie(reply, context, result.token);
      return auth.presentSession(result, context.config);
    },
  );

  app.get(
    '/api/auth/session',
    {
      schema: { tags, summary: 'The current session and what it allows', response: { 200: ZSessionInfo } },
      config: { policy: policies.session('password_change', 'totp_enrol', 'totp_verify', 'active') },
    },
    async (request) => auth.presentSession(authOf(request), context.config),
  );

  app.post(
    '/api/auth/totp/verify',
    {
      schema: {
        tags,
        summary: 'Second step of login: a TOTP or recovery code',
        body: ZTotpVerifyRequest,
        response: { 200: ZSessionInfo },
      },
      config: { policy: policies.session('totp_verify') },
    },
    async (request) =>
      auth.presentSession(
        await auth.verifySecondFactor(context, authOf(request), request.body.code),
        context.config,
      ),
  );

  app.post(
    '/api/auth/password',
    {
      schema: {
        tags,
        summary: 'Change own password (forced at first login)',
        body: ZPasswordChangeRequest,
        response: { 200: ZSessionInfo },
      },
      config: { policy: policies.session('password_change', 'active') },
    },
    async (request) =>
      auth.presentSession(await auth.changePassword(context, authOf(request), request.body), context.config),
  );

  app.post(
    '/api/auth/totp/setup',
    {
      schema: {
        tags,
        summary: 'Start two-step verification set-up',
        body: ZNoBody,
        response: { 200: ZTotpSetupResponse },
      },
      config: { policy: policies.session('totp_enrol', 'active') },
    },
    async (request) => auth.beginTotpSetup(context, authOf(request)),
  );

  app.post(
    '/api/auth/totp/enable',
    {
      schema: {
        tags,
        summary: 'Confirm set-up with a first code; returns recovery codes once',
        body: ZTotpVerifyRequest,
        response: { 200: ZRecoveryCodesResponse.extend({ session: ZSessionInfo }) },
      },
      config: { policy: policies.session('totp_enrol', 'active') },
    },
    async (request) => {
      const result = await auth.enableTotp(context, authOf(request), request.body.code);
      return {
        recoveryCodes: result.recoveryCodes,
        session: auth.presentSession(result.auth, context.config),
      };
    },
  );

  app.post(
    '/api/auth/totp/disable',
    {
      schema: {
        tags,
        summary: 'Turn off two-step verification (when not mandatory)',
        body: ZTotpVerifyRequest,
        response: { 200: ZSessionInfo },
      },
      config: { policy: policies.staff() },
    },
    async (request) =>
      auth.presentSession(
        await auth.disableTotp(context, authOf(request), request.body.code),
        context.config,
      ),
  );

  app.post(
    '/api/auth/recovery-codes',
    {
      schema: {
        tags,
        summary: 'Replace the recovery codes',
        body: ZTotpVerifyRequest,
        response: { 200: ZRecoveryCodesResponse },
      },
      config: { policy: policies.staff() },
    },
    async (request) => ({
      recoveryCodes: await auth.regenerateRecoveryCodes(context, authOf(request), request.body.code),
    }),
  );

  app.patch(
    '/api/auth/account',
    {
      schema: {
        tags,
        summary: 'Change own alias (the name children see in the chat)',
        body: ZAccountUpdateRequest,
        response: { 200: ZSessionInfo },
      },
      config: { policy: policies.staff() },
    },
    async (request) =>
      auth.presentSession(
        await auth.updateOwnAccount(context, authOf(request), request.body),
        context.config,
      ),
  );

  app.get(
    '/api/auth/sessions',
    {
      schema: {
        tags,
        summary: 'Own open sessions',
        response: { 200: z.object({ sessions: z.array(ZOwnSession) }) },
      },
      config: { policy: policies.staff() },
    },
    async (request) => {
      const current = authOf(request);
      const rows = await listUserSessions(context.db, current.user.id);
      return {
        sessions: rows.map((row) => ({
          id: row.id.slice(0, 12),
          current: row.id === current.session.id,
          createdAt: row.created_at.toISOString(),
          lastSeenAt: row.last_seen_at.toISOString(),
          userAgent: row.user_agent,
        })),
      };
    },
  );

  app.post(
    '/api/auth/logout',
    {
      schema: { tags, summary: 'End this session', body: ZNoBody },
      config: { policy: policies.session('password_change', 'totp_enrol', 'totp_verify', 'active') },
    },
    async (request, reply) => {
      await auth.logout(context, authOf(request));
      clearSessionCookie(reply, context);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/auth/logout-everywhere',
    {
      schema: { tags, summary: 'End all own sessions, on every device', body: ZNoBody },
      config: { policy: policies.staff() },
    },
    async (request, reply) => {
      await auth.logoutEverywhere(context, authOf(request));
      clearSessionCookie(reply, context);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/auth/reset',
    {
      schema: {
        tags,
        summary: 'Choose a new password with a one-time reset link',
        body: ZResetPasswordRequest,
      },
      config: { policy: policies.public() },
    },
    async (request, reply) => {
      await limitFailuresByAddress(request, 'reset', () =>
        auth.resetPasswordWithToken(context, request.body.token, request.body.newPassword),
      );
      return reply.code(204).send();
    },
  );

  // --- administration of accounts ---
  const adminTags = ['administration'];
  const manage = { policy: policies.can('users.manage') };

  app.get(
    '/api/admin/users',
    {
      schema: {
        tags: adminTags,
        summary: 'All staff accounts',
        response: { 200: z.object({ users: z.array(ZUser) }) },
      },
      config: manage,
    },
    async () => ({ users: (await listUsers(context.db)).map(admin.presentUser) }),
  );

  app.post(
    '/api/admin/users',
    {
      schema: {
        tags: adminTags,
        summary: 'Create an account; returns a one-time password',
        body: ZUserCreateRequest,
        response: { 201: ZUserCreateResponse },
      },
      config: manage,
    },
    async (request, reply) => {
      const result = await admin.createUser(
        context.db,
        context.clock,
        auth.actorOf(authOf(request).user),
        request.body,
        'console',
      );
      return reply
        .code(201)
        .send({ user: admin.presentUser(result.user), oneTimePassword: result.oneTimePassword });
    },
  );

  app.patch(
    '/api/admin/users/:id',
    {
      schema: {
        tags: adminTags,
        summary: 'Change name, alias, e-mail, roles or disable',
        params: ZUserId,
        body: ZUserUpdateRequest,
        response: { 200: ZUser },
      },
      config: manage,
    },
    async (request) =>
      admin.presentUser(
        await admin.updateUserByAdmin(
          context.db,
          context.clock,
          auth.actorOf(authOf(request).user),
          request.params.id,
          request.body,
        ),
      ),
  );

  // Two one-click account actions that answer with the updated account.
  const accountActions = [
    { path: 'unlock', summary: 'Lift a login lockout', run: admin.unlockUser },
    { path: 'reset-totp', summary: 'Remove a lost second factor', run: admin.resetUserTotp },
  ];
  for (const action of accountActions) {
    app.post(
      `/api/admin/users/:id/${action.path}`,
      {
        schema: {
          tags: adminTags,
          summary: action.summary,
          params: ZUserId,
          body: ZNoBody,
          response: { 200: ZUser },
        },
        config: manage,
      },
      async (request) =>
        admin.presentUser(
          await action.run(context.db, context.clock, auth.actorOf(authOf(request).user), request.params.id),
        ),
    );
  }

  app.post(
    '/api/admin/users/:id/reset-link',
    {
      schema: {
        tags: adminTags,
        summary: 'Issue a one-time password reset link',
        params: ZUserId,
        body: ZNoBody,
        response: { 200: ZResetLinkResponse },
      },
      config: manage,
    },
    async (request) =>
      admin.issueResetLink(
        context.db,
        context.clock,
        auth.actorOf(authOf(request).user),
        request.params.id,
        baseUrl(context, request),
      ),
  );
}
