export enum EventStatus {
  Draft = 'draft',
  Published = 'published',
  Archived = 'archived',
}

/** Roles are per event; a person may hold several in one event. */
export enum EventRole {
  Organizer = 'organizer',
  Startup = 'startup',
  Investor = 'investor',
  Expert = 'expert',
  Exhibitor = 'exhibitor',
  Staff = 'staff',
}
