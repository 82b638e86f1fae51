import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigValidationError, validateConfig } from './app-config';

describe('validateConfig', () => {
  it('has defaults that work on a developer machine with local PostgreSQL and Redis', () => {
    const config = validateConfig({});
    assert.equal(config.DATABASE_URL, 'postgres://postgres@127.0.0.1:5432/matchday');
    assert.equal(config.REDIS_URL, 'redis://127.0.0.1:6379');
    assert.equal(config.PORT, 3000);
    assert.equal(config.JWT_ACCESS_TTL_SECONDS, 900);
    assert.equal(config.DATABASE_MIGRATE_ON_START, true);
  });

  it('reads numbers and booleans from their string form', () => {
    const config = validateConfig({ PORT: '8080', DATABASE_MIGRATE_ON_START: 'false', SMTP_URL: 'smtp://mail.example.com:587' });
    assert.equal(config.PORT, 8080);
    assert.equal(config.DATABASE_MIGRATE_ON_START, false);
    assert.equal(config.SMTP_URL, 'smtp://mail.example.com:587');
  });

  it('names every invalid setting in one error', () => {
    assert.throws(
      () => validateConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://localhost/x', JWT_ACCESS_SECRET: 'short' }),
      (error: unknown) =>
        error instanceof ConfigValidationError &&
        /PORT/.test(error.message) &&
        /DATABASE_URL/.test(error.message) &&
        /JWT_ACCESS_SECRET/.test(error.message),
    );
  });

  it('refuses to run in production with the development JWT secret', () => {
    assert.throws(() => validateConfig({ NODE_ENV: 'production' }), /JWT_ACCESS_SECRET must be set in production/);
    assert.doesNotThrow(() => validateConfig({ NODE_ENV: 'production', JWT_ACCESS_SECRET: 'x'.repeat(48) }));
  });

  it('ignores unrelated environment variables', () => {
    assert.doesNotThrow(() => validateConfig({ HOME: '/root', PATH: '/usr/bin' }));
  });
});
