// Enforces each route's policy as soon as a request arrives (onRequest, before its body is even read):
// resolves the staff session from its cookie, checks the login stage and the ability, and checks the
// CSRF token on every state-changing request. An anonymous caller of a non-public route gets 401 before
// validation, so it never learns a route's fields, and never makes the server parse a body for nothing.

import { abilitiesFor } from '@abri/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { AppError } from '../infra/errors.ts';
import { type Authenticated, resolveSession } from '../modules/identity/index.ts';
import { MissingPolicyError, type RoutePolicy } from './policy.ts';

declare module 'fastify' {
  interface FastifyRequest {
    auth: Authenticated | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function sessionCookieName(context: AppContext): string {
  // The __Host- prefix makes browsers refuse the cookie unless it is Secure, host-only and path=/.
  return context.config.tls ? '__Host-abri_session' : 'abri_session';
}

export function setSessionCookie(reply: FastifyReply, context: AppContext, token: string): void {
  reply.setCookie(sessionCookieName(context), token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: context.config.tls,
    path: '/',
    maxAge: context.config.session.absoluteHours * 3600,
  });
}

export function clearSessionCookie(reply: FastifyReply, context: AppContext): void {
  reply.clearCookie(sessionCookieName(context), {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: context.config.tls,
  });
}

/** A request from another site carries its Origin (browsers send it on POST); refuse it. */
function crossSite(request: FastifyRequest): boolean {
  const fetchSite = request.headers['sec-fetch-site'];
  if (fetchSite === 'cross-site') return true;
  // With Referrer-Policy: no-referrer, a browser posting a plain HTML form sends `Origin: null`; the
  // browser's own Sec-Fetch-Site says whether it came from this site (the JavaScript-free report form).
  if (fetchSite === 'same-origin') return false;
  const origin = request.headers.origin;
  if (!origin) return false;
  try {
    return new URL(origin).host !== request.headers.host;
  } catch {
    return true;
  }
}

export interface GuardedRoute {
  method: string;
  url: string;
  policy: RoutePolicy;
  websocket: boolean;
}

const routeTables = new WeakMap<FastifyInstance, GuardedRoute[]>();

/** Every route of the app with its policy, as registered (tests iterate them instead of a hand list). */
export function guardedRoutes(app: FastifyInstance): readonly GuardedRoute[] {
  return routeTables.get(app) ?? [];
}

export function registerGuard(app: FastifyInstance, context: AppContext): void {
  app.decorateRequest('auth', null);
  const table: GuardedRoute[] = [];
  routeTables.set(app, table);

  app.addHook('onRoute', (route) => {
    const policy = route.config?.policy;
    if (!policy) throw new MissingPolicyError(route.method, route.url);
    for (const method of [route.method].flat())
      table.push({ method, url: route.url, policy, websocket: Boolean(route.websocket) });
  });

  app.addHook('onRequest', async (request, reply) => {
    if (request.is404) return;
    const policy = request.routeOptions.config.policy;
    // Routes are checked at start-up; this only guards against a route added by a plugin after the hook.
    if (!policy) throw new AppError('AUTH_FORBIDDEN');
    const mutating = !SAFE_METHODS.has(request.method);
    // A WebSocket upgrade is a GET, but a page from another site must not open one either.
    const upgrade = request.headers.upgrade?.toLowerCase() === 'websocket';
    if ((mutating || upgrade) && crossSite(request)) throw new AppError('AUTH_CSRF');
    if (policy.kind === 'public') return;

    const token = request.cookies[sessionCookieName(context)];
    const auth = await resolveSession(context, token);
    if (!auth) {
      if (token) clearSessionCookie(reply, context);
      throw new AppError('AUTH_REQUIRED');
    }
    request.auth = auth;
    if (mutating && request.headers['x-csrf-token'] !== auth.session.csrf_token)
      throw new AppError('AUTH_CSRF');

    if (policy.kind === 'session') {
      if (!policy.stages.includes(auth.session.stage)) throw new AppError('AUTH_STEP_REQUIRED');
      return;
    }
    if (auth.session.stage !== 'active') throw new AppError('AUTH_STEP_REQUIRED');
    const held = abilitiesFor(auth.user.roles);
    if (!policy.abilities.some((ability) => held.includes(ability))) throw new AppError('AUTH_FORBIDDEN');
  });
}

/** The authenticated staff member of a route whose policy requires one. */
export function authOf(request: FastifyRequest): Authenticated {
  if (!request.auth) throw new AppError('AUTH_REQUIRED');
  return request.auth;
}
