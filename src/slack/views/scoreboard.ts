// The one channel message that always shows every criterion's current result. Updated in place.
import type { KnownBlock } from '@slack/types';
import type { Poc } from '../../domain/poc.js';
import {
  type CriterionStanding,
  awaitingText,
  progress,
  type Progress,
  resultEmoji,
  resultLabels,
  shownResult,
} from '../../domain/results.js';
import { awaitingResignoffLabel } from '../../domain/signoff.js';
import { context, decisionText, header, sections, shortDate } from './evaluation-kit.js';
import { clip, escapeText } from './text.js';

/** What happened to the criterion's earlier call, when its statement or threshold changed since. */
function earlierNote(s: CriterionStanding): string {
  if (!s.earlier) return '';
  const d = s.earlier.decision;
  return ` _(changed since its earlier call: ${resultLabels[d.result]} by <@${d.decidedBy}>${s.earlier.confirmed ? '' : ', a vendor call'})_`;
}

export function standingLine(s: CriterionStanding): string {
  const n = s.criterion.position;
  const statement = escapeText(clip(s.criterion.statement, 300));
  const shown = shownResult(s);
  if (s.awaiting)
    return `${resultEmoji[shown]} *${n}.* ${statement} — ${awaitingText(s.awaiting).replace('awaiting customer confirmation', '_awaiting customer confirmation_')}`;
  if (!s.decision) return `${resultEmoji[shown]} *${n}.* ${statement} — _not decided yet_${earlierNote(s)}`;
  let line = `${resultEmoji[shown]} *${n}.* ${statement} — ${decisionText(s.decision)}`;
  if (s.overruled) line += ` _(overrules <@${s.overruled.decidedBy}>’s ${resultLabels[s.overruled.result]})_`;
  return line;
}

/** "2 of 5 decided · 1 pass · 1 fail · 0 partial · 1 awaiting customer confirmation" */
export function progressSummary(p: Progress): string {
  const awaiting = p.awaiting > 0 ? ` · ${p.awaiting} awaiting customer confirmation` : '';
  return `${p.decided} of ${p.total} decided · ${p.pass} pass · ${p.fail} fail · ${p.partial} partial${awaiting}`;
}

/** The document's signature when it no longer covers what is in it; empty otherwise. */
export function unsignedNote(poc: Pick<Poc, 'changedSinceSignoffAt' | 'evaluatorId'>): string {
  return poc.changedSinceSignoffAt
    ? `:warning: The criteria document is *${awaitingResignoffLabel}* by <@${poc.evaluatorId}>.`
    : '';
}

export function scoreboardMessage(
  poc: Poc,
  list: CriterionStanding[],
  evaluatorIds: readonly string[] = [],
): { text: string; blocks: KnownBlock[] } {
  const p = progress(list);
  const summary = progressSummary(p);
  const others = evaluatorIds.filter((id) => id !== poc.evaluatorId);
  const team = `the lead evaluator <@${poc.evaluatorId}>${others.length > 0 ? ` or ${others.map((id) => `<@${id}>`).join(', ')}` : ''}`;
  const unsigned = unsignedNote(poc);
  const blocks: KnownBlock[] = [
    header(`Scoreboard: ${poc.name}`),
    ...(unsigned ? sections([unsigned]) : []),
    ...sections(list.length > 0 ? list.map(standingLine) : ['_No criteria._']).slice(0, 44),
    context(
      `${summary} · ends ${shortDate(poc.endDate)}, readout ${shortDate(poc.readoutDate)}\n` +
        `The customer decides: ${team} reacts on a criterion's message: ` +
        ':white_check_mark: pass, :x: fail, :large_yellow_circle: partial; the lead’s call wins a conflict. ' +
        `A call by the SE <@${poc.seId}> or the AE <@${poc.aeId}> waits for the customer’s confirmation. Reply in its thread to add evidence.`,
    ),
  ];
  return {
    text: `Scoreboard for ${poc.name}: ${summary}${poc.changedSinceSignoffAt ? `. ${awaitingResignoffLabel}` : ''}`,
    blocks,
  };
}
