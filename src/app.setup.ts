import { HttpException, HttpStatus, NestApplicationOptions, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyReply, FastifyRequest, RawServerDefault } from 'fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { AppConfig } from './config/app-config';
import { requestIdFor } from './common/logger-options';
import { ProblemDetailsFilter, ProblemResponse } from './common/errors/problem-details.filter';
import { validationExceptionFactory } from './common/errors/validation-exception.factory';
import { RejectNulCharactersPipe } from './common/http/reject-nul-characters.pipe';

/**
 * The HTTP API on Fastify, as the real server, the e2e tests and the benchmarks run it. Fastify sets no ETag: answers
 * are per person and change with each write, so nothing revalidates them; the calendar feeds, which clients do poll,
 * set their own.
 */
export async function createApiApplication(config: AppConfig, options: NestApplicationOptions): Promise<NestFastifyApplication> {
  const problems = new ProblemDetailsFilter();
  const adapter = new FastifyAdapter({
    // Client addresses (sign-in throttling, logs) come from X-Forwarded-For only behind that many proxies: the address
    // at index i of the chain (0 is the peer) is trusted to have forwarded it while i < hops, as Express counted them.
    trustProxy: (_address: string, index: number) => index < config.TRUST_PROXY_HOPS,
    // Paths match as they did on Express: in any letter case, with or without a trailing slash; tokens in paths may be long.
    routerOptions: { caseSensitive: false, ignoreTrailingSlash: true, maxParamLength: 1000 },
    // Request bodies up to 100 KiB, as on Express.
    bodyLimit: 100 * 1024,
    // What Fastify refuses before routing (an address that does not decode, say) is a problem document too.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) =>
      problems.answer(new HttpException(error.message, error.statusCode ?? HttpStatus.BAD_REQUEST), request, reply),
    // The correlation id of answers and logs (requestIdFor), echoed in x-request-id.
    genReqId: requestIdFor,
  });
  adapter.getInstance().addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.register(config), adapter, options);
  // A JSON content type with no body at all (an action such as "mark all read" sent by a client that always sets the
  // header) is no body, as on Express, rather than Fastify's 400; anything else is parsed as Fastify does.
  const parseJson = adapter.getInstance().getDefaultJsonParser('error', 'error');
  app.useBodyParser<RawServerDefault>('application/json', {}, (request, body, done) => (body.length === 0 ? done(null, undefined) : parseJson(request, body.toString('utf8'), done)));
  configureApp(app);
  return app;
}

function configureApp(app: NestFastifyApplication): void {
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  app.useGlobalPipes(
    new RejectNulCharactersPipe(),
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      transform: true,
      exceptionFactory: validationExceptionFactory,
    }),
  );
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Matchday API')
      .setDescription(
        'Events, expo floors, IR pitches and multi-round 1:1 consultations. Errors are RFC 9457 problem documents ' +
          'with a stable `code`. Sign in at POST /auth/login and send `Authorization: Bearer <accessToken>`.',
      )
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
    { extraModels: [ProblemResponse] },
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json' });
}
