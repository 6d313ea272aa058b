// The one channel message that always shows every criterion's current result. Updated in place.
import type { KnownBlock } from '@slack/types';
import type { Poc } from '../../domain/poc.js';
import { type CriterionStanding, progress, resultEmoji, resultLabels } from '../../domain/results.js';
import { context, decisionText, header, sections, shortDate } from './evaluation-kit.js';
import { clip, escapeText } from './text.js';

export function standingLine(s: CriterionStanding): string {
  const n = s.criterion.position;
  const statement = escapeText(clip(s.criterion.statement, 300));
  if (!s.decision) return `${resultEmoji.untested} *${n}.* ${statement} — _not decided yet_`;
  let line = `${resultEmoji[s.decision.result]} *${n}.* ${statement} — ${decisionText(s.decision)}`;
  if (s.overruled) line += ` _(overrules <@${s.overruled.decidedBy}>’s ${resultLabels[s.overruled.result]})_`;
  return line;
}

export function scoreboardMessage(poc: Poc, list: CriterionStanding[]): { text: string; blocks: KnownBlock[] } {
  const p = progress(list);
  const summary = `${p.decided} of ${p.total} decided · ${p.pass} pass · ${p.fail} fail · ${p.partial} partial`;
  const blocks: KnownBlock[] = [
    header(`Scoreboard: ${poc.name}`),
    ...sections(list.length > 0 ? list.map(standingLine) : ['_No criteria._']).slice(0, 45),
    context(
      `${summary} · ends ${shortDate(poc.endDate)}, readout ${shortDate(poc.readoutDate)}\n` +
        `The technical evaluator <@${poc.evaluatorId}> or the SE <@${poc.seId}> decides a criterion by reacting on its message: ` +
        ':white_check_mark: pass, :x: fail, :large_yellow_circle: partial. The evaluator’s call wins. Reply in its thread to add evidence.',
    ),
  ];
  return { text: `Scoreboard for ${poc.name}: ${summary}`, blocks };
}
