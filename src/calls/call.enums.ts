/** What a call selects for: a place in an IR pitch session, or the win of an open-innovation challenge. */
export enum CallKind {
  IrPitch = 'ir_pitch',
  Challenge = 'challenge',
}

export enum QuestionKind {
  Text = 'text',
  Choice = 'choice',
  Link = 'link',
  Number = 'number',
}

/** Where the applicant has got to; the organizer's verdict is the separate `CallDecision`. */
export enum CallApplicationStatus {
  /** Being written: only the applying organization sees it. */
  Draft = 'draft',
  /** Handed in before the closing time; still editable until then. */
  Submitted = 'submitted',
  Withdrawn = 'withdrawn',
}

export enum CallDecision {
  Selected = 'selected',
  Waitlisted = 'waitlisted',
  Rejected = 'rejected',
}
