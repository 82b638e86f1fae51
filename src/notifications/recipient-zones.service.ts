import { Injectable } from '@nestjs/common';
import type { PersonSummary } from '../users/users.service';

/**
 * The zone a person's times are shown in at a given moment.
 *
 * PLUG POINT (travel time zones): today a person's own `users.time_zone`. Once the calendars module exports its travel
 * zones (a person in Boston for the consultation day), inject that service here and answer with the zone the person
 * is in at `at`; every email and digest goes through this one method.
 */
@Injectable()
export class RecipientZones {
  async zoneOf(person: PersonSummary, at: Date): Promise<string> {
    void at;
    return person.timeZone;
  }
}
