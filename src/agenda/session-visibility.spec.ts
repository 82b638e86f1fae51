import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SessionVisibility } from './agenda.enums';
import { canSeeSession, maySelfRegister } from './session-visibility';

const nobody = { isOrganizer: false, isMember: false, isSpeaker: false, isRegistered: false };

describe('canSeeSession', () => {
  it('shows public sessions to anyone', () => {
    assert.equal(canSeeSession(SessionVisibility.Public, nobody), true);
  });

  it('shows members sessions to members only', () => {
    assert.equal(canSeeSession(SessionVisibility.Members, nobody), false);
    assert.equal(canSeeSession(SessionVisibility.Members, { ...nobody, isMember: true }), true);
  });

  it('shows invited sessions to organizers, speakers and registered people, not to other members', () => {
    assert.equal(canSeeSession(SessionVisibility.Invited, { ...nobody, isMember: true }), false);
    assert.equal(canSeeSession(SessionVisibility.Invited, { ...nobody, isMember: true, isOrganizer: true }), true);
    assert.equal(canSeeSession(SessionVisibility.Invited, { ...nobody, isSpeaker: true }), true);
    assert.equal(canSeeSession(SessionVisibility.Invited, { ...nobody, isRegistered: true }), true);
  });
});

describe('maySelfRegister', () => {
  it('leaves invited sessions to organizers', () => {
    assert.equal(maySelfRegister(SessionVisibility.Public), true);
    assert.equal(maySelfRegister(SessionVisibility.Members), true);
    assert.equal(maySelfRegister(SessionVisibility.Invited), false);
  });
});
