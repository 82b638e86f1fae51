import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import type { HTTPMethods } from 'fastify';
import pino from 'pino';
import { loggerOptions } from '../../src/common/logger-options';
import { freePort } from '../support/free-port';
import { startTestApp, TestApp } from '../support/test-app';
import { createTestDatabase, databaseUrl, dropTestDatabase } from '../support/test-database';

const DIST = join(__dirname, '..', '..', 'src');

interface ProcessOutcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs a compiled entry point with extra environment; `onStdout` may act on output (e.g. send SIGTERM). */
function runProcess(
  entry: string,
  environment: Record<string, string>,
  onStdout?: (text: string, child: ReturnType<typeof spawn>) => void,
  timeoutMs = 20_000,
): Promise<ProcessOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(DIST, entry)], { env: { ...process.env, ...environment }, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${entry} did not exit within ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      onStdout?.(stdout, child);
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

describe('the service around the API', () => {
  let testApp: TestApp;
  before(async () => {
    testApp = await startTestApp();
  });
  after(async () => {
    await testApp.close();
  });

  it('answers liveness and readiness without a token', async () => {
    const alive = await testApp.http().get('/health');
    assert.equal(alive.status, 200);
    assert.equal(alive.body.status, 'ok');
    const ready = await testApp.http().get('/health/ready');
    assert.equal(ready.status, 200);
    assert.equal(ready.body.details.database.status, 'up');
    assert.equal(ready.body.details.redis.status, 'up');
  });

  it('publishes an OpenAPI 3 document covering every route, and Swagger UI', async () => {
    const document = await testApp.http().get('/openapi.json');
    assert.equal(document.status, 200);
    assert.match(document.body.openapi, /^3\./);
    const documented = new Set<string>();
    for (const [path, operations] of Object.entries(document.body.paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(operations)) documented.add(`${method.toUpperCase()} ${path}`);
    }
    // Every handler of every controller, as Nest declares it; each must also be served by Fastify.
    const fastify = testApp.app.getHttpAdapter().getInstance();
    const scanner = new MetadataScanner();
    const served: string[] = [];
    for (const controller of testApp.app.get(DiscoveryService, { strict: false }).getControllers()) {
      const prototype = Object.getPrototypeOf(controller.instance) as Record<string, unknown>;
      const base = String(Reflect.getMetadata(PATH_METADATA, controller.metatype as object) ?? '');
      for (const name of scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name] as object;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        if (path === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        const url = `/${[base, path].join('/')}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
        assert.ok(fastify.hasRoute({ method: method as HTTPMethods, url }), `${method} ${url} is served`);
        served.push(`${method} ${url.replace(/:(\w+)/g, '{$1}')}`);
      }
    }
    assert.ok(served.length > 20, `found ${served.length} routes`);
    const missing = served.filter((route) => !documented.has(route));
    assert.deepEqual(missing, [], `documented: ${[...documented].join(', ')}`);
    assert.ok(document.body.components.schemas.ProblemResponse, 'problem schema documented');
    assert.ok(document.body.components.securitySchemes.bearer, 'bearer auth documented');

    const ui = await testApp.http().get('/docs/');
    assert.equal(ui.status, 200);
    assert.match(ui.text, /swagger/i);
  });

  it('never puts a password or token into the logs', async () => {
    const lines: string[] = [];
    // The redaction paths are checked through pino itself, on a log record shaped like the real ones.
    const options = loggerOptions(testApp.config).pinoHttp as { redact: { paths: string[]; censor: string } };
    const logger = pino({ redact: options.redact }, { write: (line: string) => lines.push(line) });
    logger.info({ req: { headers: { authorization: 'Bearer secret-token' } }, body: { password: 'hunter2hunter2', refreshToken: 'r-t' } });
    assert.doesNotMatch(lines.join(''), /secret-token|hunter2|r-t"/);
  });
});

describe('processes', () => {
  it('the api exits with one clear line when PostgreSQL cannot be reached', async () => {
    const outcome = await runProcess('main.js', { DATABASE_URL: 'postgres://postgres:topsecret@127.0.0.1:1/matchday', LOG_LEVEL: 'silent' });
    assert.equal(outcome.code, 1);
    const lines = outcome.stderr.split('\n').filter((line) => line.startsWith('matchday:'));
    assert.equal(lines.length, 1, outcome.stderr);
    assert.match(lines[0], /Cannot reach PostgreSQL at postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/matchday/);
    assert.match(lines[0], /docker compose up -d/);
    assert.doesNotMatch(outcome.stderr, /topsecret/);
  });

  it('the api exits with one clear line when Redis cannot be reached', async () => {
    const database = await createTestDatabase();
    try {
      const outcome = await runProcess('main.js', {
        DATABASE_URL: databaseUrl(database),
        REDIS_URL: 'redis://127.0.0.1:1',
        DATABASE_MIGRATE_ON_START: 'false',
        LOG_LEVEL: 'silent',
      });
      assert.equal(outcome.code, 1);
      assert.match(outcome.stderr, /^matchday: Cannot reach Redis at redis:\/\/127\.0\.0\.1:1.*docker compose up -d redis/m);
    } finally {
      await dropTestDatabase(database);
    }
  });

  it('the api logs every request with its id, keeps tokens in paths out of the log, and stops cleanly on SIGTERM', async () => {
    const database = await createTestDatabase();
    try {
      const port = await freePort();
      let requested = false;
      const outcome = await runProcess(
        'main.js',
        {
          DATABASE_URL: databaseUrl(database),
          DATABASE_MIGRATE_ON_START: 'false',
          LOG_LEVEL: 'info',
          PORT: String(port),
          REDIS_KEY_PREFIX: `matchday-test-${randomBytes(4).toString('hex')}`,
        },
        (stdout, child) => {
          if (requested || !stdout.includes('successfully started')) return;
          requested = true;
          void (async () => {
            await fetch(`http://127.0.0.1:${port}/health`, { headers: { 'x-request-id': 'trace-log-1' } });
            await fetch(`http://127.0.0.1:${port}/calendar-feeds/secret-feed-token`);
            child.kill('SIGTERM');
          })();
        },
      );
      assert.ok(requested, outcome.stdout + outcome.stderr);
      // Nest closes the app on SIGTERM, then ends the process with that signal again.
      assert.equal(outcome.signal, 'SIGTERM', outcome.stderr);
      assert.match(outcome.stdout, /"msg":"Nest application successfully started"/);
      const records = outcome.stdout
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { msg?: string; req?: { id?: string; url?: string }; res?: { statusCode?: number } });
      const health = records.find((record) => record.req?.id === 'trace-log-1');
      assert.equal(health?.req?.url, '/health', outcome.stdout);
      assert.equal(health?.res?.statusCode, 200);
      assert.ok(records.some((record) => record.req?.url === '/calendar-feeds/[token]'), outcome.stdout);
      assert.doesNotMatch(outcome.stdout, /secret-feed-token/);
    } finally {
      await dropTestDatabase(database);
    }
  });

  it('the worker starts, then stops cleanly on SIGTERM', async () => {
    const database = await createTestDatabase();
    try {
      let signalled = false;
      const outcome = await runProcess(
        'worker.js',
        { DATABASE_URL: databaseUrl(database), DATABASE_MIGRATE_ON_START: 'false', REDIS_KEY_PREFIX: `matchday-test-${randomBytes(4).toString('hex')}` },
        (stdout, child) => {
          if (!signalled && stdout.includes('Worker started')) {
            signalled = true;
            child.kill('SIGTERM');
          }
        },
      );
      assert.ok(signalled, outcome.stdout + outcome.stderr);
      assert.equal(outcome.code, 0, outcome.stderr);
      assert.match(outcome.stdout, /Worker stopped/);
    } finally {
      await dropTestDatabase(database);
    }
  });
});
