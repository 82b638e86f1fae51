/** Stages of a collaboration between a host company and a startup (seed 004), in order; the last two end it. */
export enum CollaborationStage {
  Matching = 'matching',
  TechnicalVerification = 'technical_verification',
  MarketVerification = 'market_verification',
  Completed = 'completed',
  Dropped = 'dropped',
}
