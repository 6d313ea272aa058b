// Fatigue: the evaluator (or the SE) running out of steam. Same Finding shape as drift.
import { dayLabel, type LocalDate } from './calendar.js';
import type { Finding } from './drift.js';

export const unansweredStandupStreak = 3;
export const extensionsBeforeNudge = 2;
export const maxActivePocsPerSe = 2;

export interface SentStandup {
  /** The outbox key, which answers refer to. */
  key: string;
  /** The local day it was posted for. */
  day: LocalDate;
}

/**
 * The standups sent after the newest one the customer side answered (all of them when none was), in
 * the order given (the order they were sent): a streak of unanswered ones can only be made of
 * these. The store reads exactly these for every open POC; this is the rule it follows.
 */
export function sinceLastAnswered<T extends { key: string }>(
  standups: readonly T[],
  answeredKeys: ReadonlySet<string>,
): T[] {
  for (let i = standups.length - 1; i >= 0; i--) {
    if (answeredKeys.has((standups[i] as T).key)) return standups.slice(i + 1);
  }
  return [...standups];
}

/**
 * Nobody on the customer side answered the last 3 (or more) standups in a row. `sinceAnswer` is what
 * `sinceLastAnswered` gives: an answer, even to today's standup, ends the streak. Of the rest,
 * only standups of earlier days count: today's may still be answered. Fires once per streak
 * (episode = the streak's first standup).
 */
export function standupsUnanswered(sinceAnswer: readonly SentStandup[], today: LocalDate): Finding | undefined {
  const streak = sinceAnswer.filter((s) => s.day < today).sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  if (streak.length < unansweredStandupStreak) return undefined;
  const first = streak[0] as SentStandup;
  return {
    kind: 'standups_unanswered',
    episode: first.key,
    evidence: `Nobody on the customer side has answered the last ${streak.length} standups (since ${dayLabel(first.day)}).`,
  };
}

export interface PushbackSignal {
  messageTs: string;
  /** Who wrote it: anyone on the customer's side (the evaluation team, the champion, the buyer). */
  userId: string;
  /** The phrases found and a short quote, as recorded by the message listener. */
  detail: string;
}

/**
 * Vague pushback seen in the customer side's messages and not reported yet; one nudge covers them
 * all, and says who wrote each, so the SE knows whom to re-anchor (a tired champion is not a
 * tired lead).
 */
export function pushback(signals: readonly PushbackSignal[]): Finding | undefined {
  if (signals.length === 0) return undefined;
  const newest = signals.reduce((a, b) => (Number.parseFloat(b.messageTs) > Number.parseFloat(a.messageTs) ? b : a));
  const quotes = signals.slice(-3).map((s) => `<@${s.userId}> wrote ${s.detail}`);
  return {
    kind: 'pushback',
    episode: newest.messageTs,
    evidence: `${quotes.join('; ')}.`,
  };
}

/** A second (or later) extension request. */
export function secondExtension(extensionCount: number): Finding | undefined {
  if (extensionCount < extensionsBeforeNudge) return undefined;
  return {
    kind: 'second_extension',
    episode: String(extensionCount),
    evidence: `This POC has been extended ${extensionCount} times.`,
  };
}

/** The SE runs more than 2 active POCs. Episode = the set of POCs, so it fires again only when that set changes. */
export function seOverloaded(activePocs: ReadonlyArray<{ id: number; name: string }>): Finding | undefined {
  if (activePocs.length <= maxActivePocsPerSe) return undefined;
  const sorted = [...activePocs].sort((a, b) => a.id - b.id);
  return {
    kind: 'se_overloaded',
    episode: sorted.map((p) => p.id).join('+'),
    evidence: `You are the SE on ${activePocs.length} active POCs: ${sorted.map((p) => p.name).join(', ')}.`,
  };
}
