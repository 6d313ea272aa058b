// The weekly checkpoint's one-click answer, shared by the checkpoint post and the readout.

export type CheckpointChoice = 'on_track' | 'at_risk';

export const checkpointChoiceLabels: Record<CheckpointChoice, string> = {
  on_track: 'On track',
  at_risk: 'At risk',
};

/** A stored answer as a person reads it (older rows may hold any text). */
export function checkpointAnswerLabel(value: string): string {
  return value in checkpointChoiceLabels ? checkpointChoiceLabels[value as CheckpointChoice] : value;
}
