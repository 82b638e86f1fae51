import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CollaborationStage } from './collaboration.enums';
import { isFinal, stagesBefore } from './stages';

describe('collaboration stages', () => {
  it('move forward only, and may be dropped until they end', () => {
    assert.deepEqual(stagesBefore(CollaborationStage.Matching), []);
    assert.deepEqual(stagesBefore(CollaborationStage.TechnicalVerification), [CollaborationStage.Matching]);
    assert.deepEqual(stagesBefore(CollaborationStage.Completed), [
      CollaborationStage.Matching,
      CollaborationStage.TechnicalVerification,
      CollaborationStage.MarketVerification,
    ]);
    assert.deepEqual(stagesBefore(CollaborationStage.Dropped), [
      CollaborationStage.Matching,
      CollaborationStage.TechnicalVerification,
      CollaborationStage.MarketVerification,
    ]);
    assert.equal(isFinal(CollaborationStage.Completed), true);
    assert.equal(isFinal(CollaborationStage.MarketVerification), false);
  });
});
