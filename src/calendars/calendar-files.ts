import type { Response } from 'express';
import { FeedAnswer } from './calendar-feeds.service';
import { CalendarAttachment } from './meeting-invitations.service';

/** Sends a calendar file as a download. */
export function sendAttachment(response: Response, attachment: CalendarAttachment): string {
  response.setHeader('Content-Type', attachment.contentType);
  response.setHeader('Content-Disposition', `attachment; filename="${attachment.filename}"`);
  response.setHeader('Cache-Control', 'private, no-store');
  return attachment.content;
}

/**
 * Sends a feed: `no-cache` makes every poll come back here (so a revoked link stops at once), the ETag lets that poll
 * end in a 304 when nothing changed.
 */
export function sendFeed(response: Response, answer: FeedAnswer): string | undefined {
  response.setHeader('ETag', answer.etag);
  response.setHeader('Cache-Control', 'private, no-cache');
  if (answer.notModified) {
    response.status(304);
    return undefined;
  }
  response.setHeader('Content-Type', 'text/calendar; charset=utf-8');
  response.setHeader('Content-Disposition', 'inline; filename="matchday.ics"');
  return answer.body;
}
