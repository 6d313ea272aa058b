// `/poc list` and the App Home: every POC the user runs as SE or AE, against a sustainable load.
import type { HomeView, KnownBlock } from '@slack/types';
import { stageLabels } from '../../domain/poc.js';
import { type Load, type PocSummary, sustainableLoad } from '../../domain/summary.js';
import { context, header, shortDate } from './evaluation-kit.js';
import { clip, escapeText } from './text.js';

export function loadLine(load: Load): string {
  const warn = load.overloaded ? ' :warning: over the sustainable load' : '';
  return `*Load:* ${load.active} active (sustainable ${sustainableLoad.active}) · ${load.design} in design (sustainable ${sustainableLoad.design})${warn}`;
}

function nextDate(s: PocSummary): string {
  const { poc } = s;
  if (s.nextCheckpoint) return `checkpoint ${shortDate(s.nextCheckpoint)}`;
  if (poc.stage === 'draft' || poc.stage === 'awaiting_signoff') return `planned start ${shortDate(poc.startDate)}`;
  if (s.today <= poc.endDate) return `ends ${shortDate(poc.endDate)}`;
  if (s.today <= poc.readoutDate) return `readout ${shortDate(poc.readoutDate)}`;
  return `readout was ${shortDate(poc.readoutDate)}`;
}

export function portfolioLine(s: PocSummary): string {
  const { poc, progress: p, timeline: t } = s;
  const week = poc.stage === 'active' || poc.stage === 'readout' ? ` · week ${t.week} of ${t.weeks}` : '';
  const risks = s.risks.length > 0 ? `\n:warning: ${s.risks.join(' · ')}` : '';
  return (
    `*${escapeText(clip(poc.name, 120))}* in <#${poc.channelId}> — ${stageLabels[poc.stage]}${week}\n` +
    `${p.decided}/${p.total} criteria decided (${p.pass} pass, ${p.fail} fail, ${p.partial} partial) · next: ${nextDate(s)}${risks}`
  );
}

function pocBlocks(list: PocSummary[], room: number): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  const shown = list.slice(0, room);
  for (const s of shown) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: clip(portfolioLine(s), 2900) } });
  if (list.length > shown.length) blocks.push(context(`…and ${list.length - shown.length} more`));
  return blocks;
}

/** Blocks for both surfaces; `maxBlocks` is 50 for a message and 100 for the Home tab. */
export function portfolioBlocks(open: PocSummary[], closed: PocSummary[], load: Load, maxBlocks: number): KnownBlock[] {
  const blocks: KnownBlock[] = [
    header('Your POCs'),
    { type: 'section', text: { type: 'mrkdwn', text: loadLine(load) } },
  ];
  if (open.length === 0)
    blocks.push(
      context('No open POC where you are the SE or the AE. Start one with `/poc new` in the customer channel.'),
    );
  const closedRoom = closed.length > 0 ? Math.min(closed.length, 5) + 3 : 0;
  const openRoom = maxBlocks - blocks.length - closedRoom - 2;
  blocks.push(...pocBlocks(open, openRoom));
  if (closed.length > 0) {
    blocks.push({ type: 'divider' }, header('Recently closed'));
    blocks.push(...pocBlocks(closed, 5));
  }
  return blocks.slice(0, maxBlocks);
}

export function portfolioMessage(
  open: PocSummary[],
  closed: PocSummary[],
  load: Load,
): { text: string; blocks: KnownBlock[] } {
  return {
    text: `You have ${load.active} active POC(s) and ${load.design} in design.`,
    blocks: portfolioBlocks(open, closed, load, 50),
  };
}

export function homeView(open: PocSummary[], closed: PocSummary[], load: Load): HomeView {
  return { type: 'home', blocks: portfolioBlocks(open, closed, load, 100) };
}
