import { CollaborationStage } from './collaboration.enums';

const FORWARD: CollaborationStage[] = [
  CollaborationStage.Matching,
  CollaborationStage.TechnicalVerification,
  CollaborationStage.MarketVerification,
  CollaborationStage.Completed,
];

export function isFinal(stage: CollaborationStage): boolean {
  return stage === CollaborationStage.Completed || stage === CollaborationStage.Dropped;
}

/**
 * The stages a project may move to `target` from: forward along matching, technical verification, market
 * verification, completed (skipping is allowed), and to dropped from any stage that has not ended.
 */
export function stagesBefore(target: CollaborationStage): CollaborationStage[] {
  if (target === CollaborationStage.Dropped) return FORWARD.filter((stage) => !isFinal(stage));
  return FORWARD.slice(0, FORWARD.indexOf(target));
}
