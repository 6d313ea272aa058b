// `/poc issue`: issues found during the POC, with a severity, resolved by number.
import { isSeverity, type PocIssue, type Severity, severityLabels } from '../domain/issues.js';
import type { Poc } from '../domain/poc.js';
import { quoteForSlack } from '../domain/quoted-text.js';
import { keepFirst } from '../domain/text.js';
import { droppedNote } from '../slack/views/text.js';
import { canChange, changeablePoc, notAllowed, type Refusal } from './poc-access.js';
import type { ServiceDeps } from './deps.js';

export const issueUsage =
  'Usage: `/poc issue [blocker|limitation|cosmetic] <what is wrong>` to log an issue, `/poc issue workaround <number> <how to live with it>` to record a workaround, `/poc issue resolve <number>` to close one.';

export type IssueCommand =
  | { kind: 'log'; severity: Severity | null; text: string }
  | { kind: 'resolve'; number: number }
  | { kind: 'workaround'; number: number; text: string }
  | { kind: 'invalid'; message: string };

/** Parses what follows `/poc issue`. */
export function parseIssueCommand(rest: string): IssueCommand {
  const text = rest.trim();
  if (!text) return { kind: 'invalid', message: issueUsage };
  const [first = '', ...others] = text.split(/\s+/);
  const word = first.toLowerCase();
  if (word === 'resolve') {
    const n = (others[0] ?? '').replace(/^#/, '');
    if (others.length !== 1 || !/^\d+$/.test(n)) return { kind: 'invalid', message: `Which issue? ${issueUsage}` };
    return { kind: 'resolve', number: Number(n) };
  }
  // `workaround <n> <text>`; "workaround" followed by anything else is the start of an issue's text.
  const n = (others[0] ?? '').replace(/^#/, '');
  if (word === 'workaround' && /^\d+$/.test(n)) {
    const body = others.slice(1).join(' ').trim();
    if (!body) return { kind: 'invalid', message: `Say what the workaround for issue #${n} is. ${issueUsage}` };
    return { kind: 'workaround', number: Number(n), text: body };
  }
  if (isSeverity(word)) {
    const body = text.slice(first.length).trim();
    if (!body) return { kind: 'invalid', message: `Say what the ${word} is. ${issueUsage}` };
    return { kind: 'log', severity: word, text: body };
  }
  return { kind: 'log', severity: null, text };
}

/** An issue's text and its workaround are kept to this many characters. */
export const maxIssueText = 3000;

export class IssueService {
  constructor(private readonly deps: ServiceDeps) {}

  async log(input: {
    teamId: string;
    channelId: string;
    userId: string;
    text: string;
    severity: Severity | null;
  }): Promise<{ ok: true; issue: PocIssue; poc: Poc; dropped: number } | Refusal> {
    const access = await changeablePoc(this.deps.store, input.teamId, input.channelId, input.userId, 'log issues');
    if (!access.ok) return access;
    const { store, clock } = this.deps;
    const { kept, dropped } = keepFirst(input.text, maxIssueText);
    const issue = await store.transaction(async () =>
      store.issues.open({
        pocId: access.poc.id,
        text: kept,
        severity: input.severity,
        openedBy: input.userId,
        openedAt: clock.now().toISOString(),
      }),
    );
    return { ok: true, issue, poc: access.poc, dropped };
  }

  /** A click on a severity button; answers the text that replaces the prompt. */
  async setSeverity(input: { teamId: string; userId: string; issueId: number; severity: Severity }): Promise<{
    ok: boolean;
    message: string;
  }> {
    const { store } = this.deps;
    const issue = await store.issues.byId(input.issueId);
    const poc = issue ? await store.pocs.byId(issue.pocId) : undefined;
    if (!issue || !poc || poc.teamId !== input.teamId) return { ok: false, message: 'That issue no longer exists.' };
    if (!canChange(poc, input.userId)) return { ok: false, message: notAllowed(poc, 'set an issue’s severity') };
    await store.issues.setSeverity(issue.id, input.severity);
    return {
      ok: true,
      message: `Issue #${issue.number} logged as *${severityLabels[input.severity]}*: ${quoteForSlack(issue.text)}`,
    };
  }

  /** Records how the customer can live with an open issue (the readout and the hand-off show it); a second one replaces the first. */
  async setWorkaround(input: {
    teamId: string;
    channelId: string;
    userId: string;
    number: number;
    text: string;
  }): Promise<{
    ok: boolean;
    message: string;
  }> {
    const access = await changeablePoc(
      this.deps.store,
      input.teamId,
      input.channelId,
      input.userId,
      'record workarounds',
    );
    if (!access.ok) return access;
    const { store } = this.deps;
    const issue = await store.issues.byNumber(access.poc.id, input.number);
    if (!issue) return { ok: false, message: `There is no issue #${input.number} in this POC.` };
    const { kept, dropped } = keepFirst(input.text, maxIssueText);
    await store.issues.setWorkaround(issue.id, kept);
    return {
      ok: true,
      message: `Workaround recorded for issue #${issue.number} (${quoteForSlack(issue.text)}): ${quoteForSlack(kept)}${droppedNote(dropped, kept)}`,
    };
  }

  async resolve(input: { teamId: string; channelId: string; userId: string; number: number }): Promise<{
    ok: boolean;
    message: string;
  }> {
    const access = await changeablePoc(this.deps.store, input.teamId, input.channelId, input.userId, 'resolve issues');
    if (!access.ok) return access;
    const { store, clock } = this.deps;
    const issue = await store.issues.byNumber(access.poc.id, input.number);
    if (!issue) return { ok: false, message: `There is no issue #${input.number} in this POC.` };
    if (!(await store.issues.resolve(issue.id, input.userId, clock.now().toISOString()))) {
      return { ok: false, message: `Issue #${issue.number} was already resolved.` };
    }
    return { ok: true, message: `Issue #${issue.number} resolved: ${quoteForSlack(issue.text)}` };
  }
}
