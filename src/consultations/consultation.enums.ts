export enum ParticipantSide {
  /** Investors and experts, who hold the consultations. */
  Host = 'host',
  /** Startups, who come to them. */
  Guest = 'guest',
}

export enum RoundMode {
  Online = 'online',
  OnSite = 'on_site',
}

/** Who may ask whom for a meeting in a round. */
export enum RequestInitiator {
  Guest = 'guest',
  Host = 'host',
  Both = 'both',
}

/** How a request or a booking becomes a confirmed meeting. */
export enum ConfirmationRule {
  HostAccepts = 'host_accepts',
  Instant = 'instant',
  OrganizerSchedules = 'organizer_schedules',
}

export enum Eligibility {
  Open = 'open',
  /** Only pairs that met (held) in the source round. */
  MetInSourceRound = 'met_in_source_round',
  /** Only pairs whose outcome in the source round asked for a follow-up meeting. */
  FollowUpFromSourceRound = 'follow_up_from_source_round',
}

export enum VideoLinkRule {
  /** A link per meeting from the round's template, e.g. https://meet.example.com/matchday-{meetingId}. */
  Template = 'template',
  /** The host enters their own link (per host, for the round). */
  HostEntered = 'host_entered',
}

export enum LocationKind {
  Table = 'table',
  Room = 'room',
  Booth = 'booth',
}

export enum RequestStatus {
  Pending = 'pending',
  Accepted = 'accepted',
  Declined = 'declined',
  Expired = 'expired',
  Withdrawn = 'withdrawn',
  /** Accepted and placed in a slot: the meeting exists. */
  Scheduled = 'scheduled',
}

export enum MeetingStatus {
  /** Booked in a slot, waiting for the host to accept. */
  Requested = 'requested',
  Confirmed = 'confirmed',
  Held = 'held',
  NoShow = 'no_show',
  Cancelled = 'cancelled',
}

export enum MeetingAction {
  Booked = 'booked',
  Confirmed = 'confirmed',
  Rescheduled = 'rescheduled',
  Cancelled = 'cancelled',
  Held = 'held',
  NoShow = 'no_show',
}

export enum InterestLevel {
  None = 'none',
  Low = 'low',
  Medium = 'medium',
  High = 'high',
}

export enum NextStep {
  FollowUpMeeting = 'follow_up_meeting',
  DueDiligence = 'due_diligence',
  TermSheet = 'term_sheet',
  Pass = 'pass',
}
