export enum SessionKind {
  OpeningCeremony = 'opening_ceremony',
  Keynote = 'keynote',
  Roundtable = 'roundtable',
  Panel = 'panel',
  Lecture = 'lecture',
  MouSigning = 'mou_signing',
  AwardCeremony = 'award_ceremony',
  Networking = 'networking',
  IrPitch = 'ir_pitch',
  Other = 'other',
}

export enum SessionVisibility {
  /** Anyone, signed in or not, once the event is published. */
  Public = 'public',
  /** Members of the event. */
  Members = 'members',
  /** Organizers, speakers and the people registered (invited) by an organizer. */
  Invited = 'invited',
}

export enum RegistrationStatus {
  Registered = 'registered',
  Waitlisted = 'waitlisted',
}

export enum PartyRole {
  /** A party signing an MOU. */
  Signatory = 'signatory',
  /** A winner of an award given at the session. */
  AwardWinner = 'award_winner',
}
