import type { FastifyReply } from 'fastify';
import { FeedAnswer } from './calendar-feeds.service';
import { CalendarAttachment } from './meeting-invitations.service';

/** Sends a calendar file as a download. */
export function sendAttachment(response: FastifyReply, attachment: CalendarAttachment): string {
  response.header('Content-Type', attachment.contentType);
  response.header('Content-Disposition', `attachment; filename="${attachment.filename}"`);
  response.header('Cache-Control', 'private, no-store');
  return attachment.content;
}

/**
 * Sends a feed: `no-cache` makes every poll come back here (so a revoked link stops at once), the ETag lets that poll
 * end in a 304 when nothing changed.
 */
export function sendFeed(response: FastifyReply, answer: FeedAnswer): string | undefined {
  response.header('ETag', answer.etag);
  response.header('Cache-Control', 'private, no-cache');
  if (answer.notModified) {
    response.code(304);
    return undefined;
  }
  response.header('Content-Type', 'text/calendar; charset=utf-8');
  response.header('Content-Disposition', 'inline; filename="matchday.ics"');
  return answer.body;
}
