// The weekly checkpoint: every criterion with its result, open issues, days to the end date, and
// a one-click "are we on track?" whose answers are shown under the buttons.
import type { KnownBlock } from '@slack/types';
import type { LocalDate } from '../../domain/calendar.js';
import type { Poc } from '../../domain/poc.js';
import type { CriterionStanding, Progress } from '../../domain/results.js';
import type { Timeline } from '../../domain/timeline.js';
import type { OutgoingMessage } from '../message.js';
import {
  checkpointAnswerBlock,
  checkpointAnswersBlock,
  checkpointAtRiskAction,
  checkpointOnTrackAction,
} from '../ids.js';
import { sections } from './evaluation-kit.js';
import { criterionLine, dayLabel, plural, shorten } from './schedule-text.js';
import { unsignedNote } from './scoreboard.js';

import { type CheckpointChoice, checkpointChoiceLabels } from '../../domain/checkpoint.js';

export { type CheckpointChoice, checkpointChoiceLabels };

export const checkpointActionChoices: Record<string, CheckpointChoice> = {
  [checkpointOnTrackAction]: 'on_track',
  [checkpointAtRiskAction]: 'at_risk',
};

export interface CheckpointView {
  poc: Pick<Poc, 'name' | 'endDate' | 'changedSinceSignoffAt' | 'evaluatorId'>;
  today: LocalDate;
  timeline: Timeline;
  progress: Progress;
  standings: CriterionStanding[];
  openIssues: number;
  /** The outbox key: the buttons carry it so a click finds its checkpoint. */
  key: string;
}

export function checkpointMessage(v: CheckpointView): OutgoingMessage {
  const end = dayLabel(v.poc.endDate);
  // Every criterion with its result (the checkpoint walks them all), in as many sections as it takes.
  const criteria = v.standings.length
    ? sections(v.standings.map(criterionLine))
    : sections(['_No criteria in this POC._']);
  const blocks: KnownBlock[] = [
    {
      type: 'header',
      text: {
        type: 'plain_text',
        text: shorten(`Weekly checkpoint · week ${v.timeline.week} of ${v.timeline.weeks} · ${v.poc.name}`, 150),
      },
    },
    ...criteria,
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: [
          `Criteria decided: *${v.progress.decided}/${v.progress.total}*${v.progress.awaiting > 0 ? ` · ${plural(v.progress.awaiting, 'vendor call')} awaiting customer confirmation` : ''}`,
          ...(unsignedNote(v.poc) ? [unsignedNote(v.poc)] : []),
          `Open issues: *${v.openIssues}*`,
          `Days to the end date (${end}): *${v.timeline.daysLeft}* (${plural(v.timeline.businessDaysLeft, 'business day')})`,
        ].join('\n'),
      },
    },
    { type: 'section', text: { type: 'mrkdwn', text: `*Are we on track for ${end}?*` } },
    {
      type: 'actions',
      block_id: checkpointAnswerBlock,
      elements: [
        {
          type: 'button',
          action_id: checkpointOnTrackAction,
          text: { type: 'plain_text', text: checkpointChoiceLabels.on_track },
          style: 'primary',
          value: v.key,
        },
        {
          type: 'button',
          action_id: checkpointAtRiskAction,
          text: { type: 'plain_text', text: checkpointChoiceLabels.at_risk },
          style: 'danger',
          value: v.key,
        },
      ],
    },
  ];
  return {
    text: `Weekly checkpoint for ${v.poc.name}: ${v.progress.decided}/${v.progress.total} criteria decided, ${v.openIssues} open issues. Are we on track for ${end}?`,
    blocks,
  };
}

export interface CheckpointAnswerLine {
  userId: string;
  choice: CheckpointChoice;
}

/** The posted checkpoint with its answers line replaced: one entry per person, their latest click. */
export function withCheckpointAnswers(message: OutgoingMessage, answers: CheckpointAnswerLine[]): OutgoingMessage {
  const blocks = (message.blocks ?? []).filter((b) => b.block_id !== checkpointAnswersBlock);
  if (answers.length) {
    const text = answers.map((a) => `<@${a.userId}>: *${checkpointChoiceLabels[a.choice]}*`).join(' · ');
    const at = blocks.findIndex((b) => b.block_id === checkpointAnswerBlock);
    const line: KnownBlock = {
      type: 'context',
      block_id: checkpointAnswersBlock,
      elements: [{ type: 'mrkdwn', text: shorten(`Answered: ${text}`, 2900) }],
    };
    blocks.splice(at < 0 ? blocks.length : at + 1, 0, line);
  }
  return { text: message.text, blocks };
}
