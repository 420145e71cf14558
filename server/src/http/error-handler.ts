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

export function toAppError(error: unknown): AppError | undefined {
  if (isAppError(error)) return error;
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
      else request.log.debug({ code: known.code }, 'request refused');
      if (known.code === 'REQUEST_RATE_LIMITED' && !reply.hasHeader('retry-after'))
        reply.header('retry-after', '60');
      return send(reply, known);
    }
    request.log.error({ err: error }, 'unexpected error');
    return send(reply, new AppError('INTERNAL'));
  });
}

export { errorCatalogue };
