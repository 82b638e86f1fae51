const MINUTE = 60_000;

export interface PitchTimes {
  startsAt: Date;
  /** End of the pitch, start of the questions. */
  pitchEndsAt: Date;
  endsAt: Date;
}

/** The times of the pitch at `position` (1 for the first): pitches follow one another from the session's start. */
export function pitchTimes(sessionStartsAt: Date, position: number, pitchMinutes: number, qaMinutes: number): PitchTimes {
  const startsAt = new Date(sessionStartsAt.getTime() + (position - 1) * (pitchMinutes + qaMinutes) * MINUTE);
  return {
    startsAt,
    pitchEndsAt: new Date(startsAt.getTime() + pitchMinutes * MINUTE),
    endsAt: new Date(startsAt.getTime() + (pitchMinutes + qaMinutes) * MINUTE),
  };
}

/** Whether `count` pitches of that length fit between the session's start and end. */
export function runningOrderFits(count: number, pitchMinutes: number, qaMinutes: number, sessionStartsAt: Date, sessionEndsAt: Date): boolean {
  return sessionStartsAt.getTime() + count * (pitchMinutes + qaMinutes) * MINUTE <= sessionEndsAt.getTime();
}
