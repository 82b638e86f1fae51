import { createHash, randomBytes } from 'node:crypto';

/** An unguessable token for links and refresh tokens (256 bits, URL-safe). */
export function generateSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What is stored instead of the token: high-entropy tokens need no slow hash, SHA-256 suffices. */
export function hashSecretToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
