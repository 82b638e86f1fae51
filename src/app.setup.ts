import { INestApplication, ValidationPipe } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppConfig } from './config/app-config';
import { ProblemResponse } from './common/errors/problem-details.filter';
import { validationExceptionFactory } from './common/errors/validation-exception.factory';
import { RejectNulCharactersPipe } from './common/http/reject-nul-characters.pipe';

/** What both the real server and the e2e tests put around the API module. */
export function configureApp(app: INestApplication): void {
  app.useLogger(app.get(Logger));
  // Client addresses (sign-in throttling, logs) come from X-Forwarded-For only behind that many proxies.
  const express = app.getHttpAdapter().getInstance();
  express.set('trust proxy', app.get(AppConfig).TRUST_PROXY_HOPS);
  // No ETag hashed over every body: answers are per person and change with each write, so nothing revalidates them.
  // The calendar feeds, which clients do poll, set their own.
  express.set('etag', false);
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
