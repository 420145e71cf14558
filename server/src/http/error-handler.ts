// The one place where errors become HTTP answers. Known errors keep their code and a plain message;
// anything unexpected is logged with its stack and answered with a generic 500 that reveals nothing.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type ErrorCode, errorCatalogue, isAppError } from '../infra/errors.ts';

function send(reply: FastifyReply, error: AppError): FastifyReply {
  const body: { error: { code: string; message: string; details?: unknown } } = {
    error: { code: error.code, message: error.userMessage },
  };
  if (error.details?.length) body.error.details = error.details;
  return reply.code(error.status).type('application/json; charset=utf-8').send(body);
}

const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'REQUEST_MALFORMED',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'REQUEST_MALFORMED',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'REQUEST_MALFORMED',
  FST_ERR_CTP_BODY_TOO_LARGE: 'REQUEST_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'REQUEST_UNSUPPORTED_TYPE',
  FST_ERR_CTP_INVALID_TYPE: 'REQUEST_UNSUPPORTED_TYPE',
  FST_ERR_VALIDATION: 'REQUEST_INVALID',
  FST_ERR_BAD_URL: 'REQUEST_NOT_FOUND',
  FST_ERR_ASYNC_CONSTRAINT: 'REQUEST_INVALID',
};

/**
 * Unique indexes a request can run into, by constraint name: which field is taken, and the module's own
 * code where it has one. A service's pre-check gives the nice answer in the common case; two requests
 * racing past it end here, on the index, with the same answer.
 */
const UNIQUE_CONSTRAINTS: Record<string, { field: string; code: ErrorCode }> = {
  users_username_key: { field: 'body.username', code: 'USER_USERNAME_TAKEN' },
  hash_banks_name_key: { field: 'body.name', code: 'BANK_NAME_TAKEN' },
  canned_responses_shortcut: { field: 'body.shortcut', code: 'CANNED_SHORTCUT_TAKEN' },
  partners_code_key: { field: 'body.code', code: 'PARTNER_CODE_TAKEN' },
  contacts_conversation_id_key: { field: 'body.conversationId', code: 'REQUEST_CONFLICT' },
};

/** SQLSTATE unique_violation: the same code and constraint field from PostgreSQL (pg) and PGlite. */
const UNIQUE_VIOLATION = '23505';

/** A unique violation anywhere in the error's cause chain becomes a 409 naming the field taken. */
export function uniqueViolation(error: unknown): AppError | undefined {
  let current: unknown = error;
  for (let depth = 0; current && typeof current === 'object' && depth < 5; depth += 1) {
    const { code, constraint, cause } = current as { code?: unknown; constraint?: unknown; cause?: unknown };
    if (code === UNIQUE_VIOLATION) {
      const known = typeof constraint === 'string' ? UNIQUE_CONSTRAINTS[constraint] : undefined;
      return new AppError(known?.code ?? 'REQUEST_CONFLICT', {
        message: `unique violation${typeof constraint === 'string' ? ` on ${constraint}` : ''}`,
        details: known ? [{ path: known.field, message: 'already taken' }] : undefined,
        cause: error,
      });
    }
    current = cause;
  }
  return undefined;
}

export function toAppError(error: unknown): AppError | undefined {
  if (isAppError(error)) return error;
  const conflict = uniqueViolation(error);
  if (conflict) return conflict;
  if (hasZodFastifySchemaValidationErrors(error)) {
    return new AppError('REQUEST_INVALID', {
      details: error.validation.map((issue) => {
        const where = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
        const params = issue.params as { issue?: { code?: string; keys?: string[] } };
        const keys = params.issue?.code === 'unrecognized_keys' ? params.issue.keys : undefined;
        const message = keys ? `unknown field(s): ${keys.join(', ')}` : (issue.message ?? 'invalid value');
        return { path: [error.validationContext, where].filter(Boolean).join('.'), message };
      }),
    });
  }
  const fastifyError = error as FastifyError;
  if (typeof fastifyError?.code === 'string' && fastifyCodes[fastifyError.code]) {
    return new AppError(fastifyCodes[fastifyError.code]!);
  }
  // Other client errors raised by Fastify or its plugins (their status is 4xx and their message is safe).
  if (
    typeof fastifyError?.statusCode === 'number' &&
    fastifyError.statusCode >= 400 &&
    fastifyError.statusCode < 500
  ) {
    if (fastifyError.statusCode === 413) return new AppError('REQUEST_TOO_LARGE');
    if (fastifyError.statusCode === 415) return new AppError('REQUEST_UNSUPPORTED_TYPE');
    if (fastifyError.statusCode === 404) return new AppError('REQUEST_NOT_FOUND');
    if (fastifyError.statusCode === 429) return new AppError('REQUEST_RATE_LIMITED');
    return new AppError('REQUEST_MALFORMED');
  }
  return undefined;
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const known = toAppError(error);
    if (known) {
      if (known.status >= 500) request.log.error({ err: error }, known.message);
      else request.log.info({ code: known.code }, 'request refused');
      if (known.code === 'REQUEST_RATE_LIMITED' && !reply.hasHeader('retry-after'))
        reply.header('retry-after', '60');
      return send(reply, known);
    }
    request.log.error({ err: error }, 'unexpected error');
    return send(reply, new AppError('INTERNAL'));
  });
}

export { errorCatalogue };
