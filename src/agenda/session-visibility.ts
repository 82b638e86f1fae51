import { SessionVisibility } from './agenda.enums';

export interface SessionViewer {
  isOrganizer: boolean;
  isMember: boolean;
  /** Speaks at the session. */
  isSpeaker: boolean;
  /** Holds a seat or a place on the waitlist. */
  isRegistered: boolean;
}

/**
 * Who may see a session of an event they may see. People taking part in a session (speaking or registered) always
 * see it, so a personal agenda never holds a session its owner cannot open.
 */
export function canSeeSession(visibility: SessionVisibility, viewer: SessionViewer): boolean {
  if (viewer.isOrganizer || viewer.isSpeaker || viewer.isRegistered) return true;
  switch (visibility) {
    case SessionVisibility.Public:
      return true;
    case SessionVisibility.Members:
      return viewer.isMember;
    case SessionVisibility.Invited:
      return false;
  }
}

/** Invited sessions are filled by organizers only; the others take anyone who may see them. */
export function maySelfRegister(visibility: SessionVisibility): boolean {
  return visibility !== SessionVisibility.Invited;
}
