import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSetCookie } from 'cookie';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AuthService } from '../auth/auth.service';
import { loggerOptions } from '../common/logger-options';
import { validateConfig } from '../config/app-config';
import { platformAdminsOnly, QUEUE_DASHBOARD_ROUTE } from './queue-dashboard.module';

/** An AuthService that knows one admin token. */
const auth = { userFromAccessToken: async (token: string) => (token === 'admin-token' ? { id: 'admin', isPlatformAdmin: true } : null) } as unknown as AuthService;

/** Opens the dashboard with `?accessToken=` and records the cookie it sets. */
async function openWithToken(publicBaseUrl: string): Promise<{ options: Record<string, unknown>; redirectedTo: string; status: number }> {
  const request = { headers: {}, url: '/admin/queues?accessToken=admin-token' } as unknown as IncomingMessage;
  let headers: Record<string, string> = {};
  let status = 0;
  const response = {
    writeHead(given: number, written: Record<string, string>) {
      status = given;
      headers = written;
      return { end: () => undefined };
    },
  } as unknown as ServerResponse;
  await platformAdminsOnly(auth, { PUBLIC_BASE_URL: publicBaseUrl })(request, response, () => assert.fail('not passed on'));
  const cookie = parseSetCookie(headers['set-cookie']);
  assert.equal(cookie.value, 'admin-token');
  return { options: { ...cookie }, redirectedTo: headers.location, status };
}

describe('queue dashboard entry link', () => {
  it('keeps the token in an HttpOnly cookie, Secure when the app is served over https', async () => {
    const overHttps = await openWithToken('https://matchday.example');
    assert.equal(overHttps.status, 303);
    assert.equal(overHttps.redirectedTo, QUEUE_DASHBOARD_ROUTE);
    assert.equal(overHttps.options.httpOnly, true);
    assert.equal(overHttps.options.secure, true);
    assert.equal(overHttps.options.path, QUEUE_DASHBOARD_ROUTE);
    // A developer machine on plain http: a Secure cookie would never come back.
    assert.equal((await openWithToken('http://localhost:3000')).options.secure ?? false, false);
  });

  it('never logs the token of the entry link', () => {
    const pinoHttp = loggerOptions(validateConfig({})).pinoHttp as { serializers: { req: (request: { id: string; method: string; url: string }) => { url: string } } };
    const logged = pinoHttp.serializers.req({ id: '1', method: 'GET', url: '/admin/queues?accessToken=eyJhbGciOi.secret.part&tab=delayed' });
    assert.equal(logged.url, '/admin/queues?accessToken=[redacted]&tab=delayed');
    assert.doesNotMatch(logged.url, /eyJ|secret/);
  });
});
