import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { BullBoardModule, BullBoardModuleOptions } from '@bull-board/nestjs';
import { BullModule } from '@nestjs/bullmq';
import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { parseCookie, stringifySetCookie } from 'cookie';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AuthModule } from '../auth/auth.module';
import { AuthService } from '../auth/auth.service';
import { AppConfig } from '../config/app-config';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { QueueName } from './queue-name';

export const QUEUE_DASHBOARD_ROUTE = '/admin/queues';
const COOKIE = 'matchday_queue_dashboard';

function tokenFrom(request: IncomingMessage): { token: string | undefined; fromQuery: boolean } {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return { token: header.slice('Bearer '.length), fromQuery: false };
  const query = new URL(request.url ?? '/', 'http://dashboard.invalid').searchParams.get('accessToken');
  if (query) return { token: query, fromQuery: true };
  return { token: parseCookie(request.headers.cookie ?? '')[COOKIE] || undefined, fromQuery: false };
}

/**
 * Platform admins only, like the other admin routes: no valid token is a 401, a valid one without the admin flag a 404.
 * A browser cannot send a bearer header when it opens a page, so `?accessToken=` is taken once and kept in an
 * HttpOnly cookie scoped to the dashboard (it lasts as long as the token), Secure when the app is served over https.
 * The request log shows that address with the token redacted (see loggerOptions). It runs as middleware, before
 * Fastify's routing, on the bare Node request and response.
 */
export function platformAdminsOnly(auth: AuthService, config: Pick<AppConfig, 'PUBLIC_BASE_URL'>) {
  const secure = new URL(config.PUBLIC_BASE_URL).protocol === 'https:';
  return async (request: IncomingMessage, response: ServerResponse, next: () => void): Promise<void> => {
    const { token, fromQuery } = tokenFrom(request);
    const user = token ? await auth.userFromAccessToken(token) : null;
    if (!user) throw new DomainError(ErrorCode.Unauthenticated, 'A valid access token of a platform admin is required');
    if (!user.isPlatformAdmin) throw new DomainError(ErrorCode.RouteNotFound);
    if (fromQuery) {
      const cookie = stringifySetCookie({ name: COOKIE, value: token, httpOnly: true, secure, sameSite: 'strict', path: QUEUE_DASHBOARD_ROUTE });
      // Written on the Node response, past Fastify's reply: the request id (which middie copied here) is set by hand.
      const requestId = String((request as IncomingMessage & { id?: unknown }).id ?? '');
      response.writeHead(303, { 'set-cookie': cookie, location: QUEUE_DASHBOARD_ROUTE, 'x-request-id': requestId }).end();
      return;
    }
    next();
  };
}

const DASHBOARD_QUEUES = [QueueName.Notifications, QueueName.NotificationMaintenance, QueueName.Mail, QueueName.Housekeeping];

/**
 * The queue dashboard (bull-board) at /admin/queues, in the api. The api only looks at the queues here (and may retry
 * or remove jobs from the dashboard); the worker runs them. bull-board guards the dashboard's own path; under Fastify
 * that covers no path below it (its API, its pages), so the same guard is applied to those here.
 */
@Module({
  imports: [
    AuthModule,
    BullModule.registerQueue(...DASHBOARD_QUEUES.map((name) => ({ name }))),
    BullBoardModule.forRootAsync({
      imports: [AuthModule],
      inject: [AuthService, AppConfig],
      useFactory: (auth: AuthService, config: AppConfig): BullBoardModuleOptions => ({
        route: QUEUE_DASHBOARD_ROUTE,
        // @bull-board/fastify 9.10.1 carries its own @bull-board/api 9.10.1 beside the root 9.10.2: same shapes,
        // separately declared types.
        adapter: FastifyAdapter as unknown as BullBoardModuleOptions['adapter'],
        middleware: platformAdminsOnly(auth, config),
      }),
    }),
    BullBoardModule.forFeature(...DASHBOARD_QUEUES.map((name) => ({ name, adapter: BullMQAdapter }))),
  ],
})
export class QueueDashboardModule implements NestModule {
  constructor(
    private readonly auth: AuthService,
    private readonly config: AppConfig,
  ) {}

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(platformAdminsOnly(this.auth, this.config)).forRoutes({ path: `${QUEUE_DASHBOARD_ROUTE}/*path`, method: RequestMethod.ALL });
  }
}
