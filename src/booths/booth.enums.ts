export enum RoomKind {
  PressRoom = 'press_room',
  BusinessLounge = 'business_lounge',
  Stage = 'stage',
  MeetingArea = 'meeting_area',
  ConferenceRoom = 'conference_room',
  Other = 'other',
}

export enum BoothStatus {
  Available = 'available',
  OnHold = 'on_hold',
  Assigned = 'assigned',
}

export enum ApplicationStatus {
  Submitted = 'submitted',
  Waitlisted = 'waitlisted',
  Accepted = 'accepted',
  Rejected = 'rejected',
  Withdrawn = 'withdrawn',
}
