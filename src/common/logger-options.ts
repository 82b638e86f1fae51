import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Params } from 'nestjs-pino';
import { AppConfig } from '../config/app-config';

const REQUEST_ID_HEADER = 'x-request-id';

/** A request's correlation id: the x-request-id a proxy sent, when it is a sane one, else a new one. */
export function requestIdFor(request: IncomingMessage): string {
  const incoming = request.headers[REQUEST_ID_HEADER];
  return typeof incoming === 'string' && /^[\w.-]{1,100}$/.test(incoming) ? incoming : randomUUID();
}

/**
 * Structured JSON logs with a request id (taken from x-request-id when a proxy sent a sane one, echoed back in the
 * response). Credentials are redacted wherever they could appear.
 */
export function loggerOptions(config: AppConfig): Params {
  return {
    pinoHttp: {
      level: config.LOG_LEVEL,
      // Fastify gives each request its id (requestIdFor) and echoes it; the log reuses it, and makes one only where none is.
      genReqId: requestIdFor,
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'res.headers["set-cookie"]',
          '*.password',
          '*.currentPassword',
          '*.newPassword',
          '*.refreshToken',
          '*.accessToken',
          '*.token',
        ],
        censor: '[redacted]',
      },
      // Invitation and calendar feed links carry their token in the path, the queue dashboard's entry link in
      // `?accessToken=`; keep them out of the logs.
      serializers: {
        req: (request: { id: string; method: string; url: string }) => ({
          id: request.id,
          method: request.method,
          url: request.url
            .replace(/\/invitations\/[^/?]+/, '/invitations/[token]')
            .replace(/\/calendar-feeds\/[^/?]+/, '/calendar-feeds/[token]')
            .replace(/([?&]accessToken=)[^&#]*/gi, '$1[redacted]'),
        }),
      },
    },
  };
}
