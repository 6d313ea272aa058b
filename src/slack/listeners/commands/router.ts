// /poc: which subcommand runs, and the help built from the same list.
import { commandName } from '../../ids.js';
import { parseCommandText } from './parse.js';
import { closeCommand, decisionCommand, handoffCommand } from './closeout.js';
import { awayCommand } from './away.js';
import { holidayCommand, pauseCommand, resumeCommand } from './days-off.js';
import { extendCommand } from './extend.js';
import { issueCommand } from './issue.js';
import { listCommand } from './list.js';
import { metricCommand, readoutCommand } from './readout-commands.js';
import { scopeCommand } from './scope.js';
import { statusCommand } from './status.js';
import { editPoc, newPoc } from './poc-document.js';
import type { CommandContext, Subcommand, SubcommandHandler } from './context.js';

const help: Subcommand = {
  name: 'help',
  usage: 'help',
  summary: 'this list',
  handler: async (ctx) => ctx.ack(helpText()),
};

/**
 * The /poc subcommands, in the order help lists them. Each feature module exports its
 * Subcommand entries and is listed here; help is built from this list, so it cannot fall out
 * of step with what exists.
 */
export const subcommandList: Subcommand[] = [
  newPoc,
  editPoc,
  statusCommand,
  listCommand,
  issueCommand,
  scopeCommand,
  extendCommand,
  holidayCommand,
  awayCommand,
  pauseCommand,
  resumeCommand,
  metricCommand,
  decisionCommand,
  readoutCommand,
  closeCommand,
  handoffCommand,
  help,
];

const byName = new Map(subcommandList.map((s) => [s.name, s]));

export function helpText(): string {
  const lines = subcommandList.map((s) => `• \`/poc ${s.usage}\` — ${s.summary}`);
  return ['*pocbot commands* (run them in the POC’s channel):', ...lines].join('\n');
}

export function handlerFor(name: string): SubcommandHandler {
  return (
    byName.get(name)?.handler ??
    (async (ctx: CommandContext) => ctx.ack(`I don’t know \`/poc ${echoable(ctx.name)}\`.\n\n${helpText()}`))
  );
}

/** A request for a /poc subcommand that answers through response_url only (Subcommand.answersLater). */
export function answersLater(body: Record<string, unknown>): boolean {
  if (body.command !== commandName || typeof body.text !== 'string') return false;
  return byName.get(parseCommandText(body.text).name)?.answersLater === true;
}

/** A typed word as it may be echoed back: no backticks, at most 40 characters (never half an emoji). */
function echoable(word: string): string {
  const chars = Array.from(word.replace(/`/g, ''));
  return chars.length > 40 ? `${chars.slice(0, 40).join('')}…` : chars.join('');
}
