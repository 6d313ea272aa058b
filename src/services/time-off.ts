// Time off: `/poc away @person <from> <to> [note]` records it (the SE or AE for anyone, anyone for
// themselves), `/poc away` lists what is current or coming for the POC's people, `/poc away cancel
// <number>` removes one. A Slack status that says its owner is away for the day counts too: it is
// read (through PeopleService's cache) before a silence nudge or escalation goes out, and kept as
// time off so the count after it starts fresh.
import { addBusinessDays, addDays, dayLabel, daysBetween, isLocalDate, localDate } from '../domain/calendar.js';
import { customerTeam } from '../domain/team.js';
import type { Poc } from '../domain/poc.js';
import { timeOffOn } from '../domain/silence.js';
import { sideOf } from '../domain/sides.js';
import { awayFromStatus, currentAndComing } from '../domain/time-off.js';
import { keepFirst } from '../domain/text.js';
import { escapeText } from '../slack/views/text.js';
import { pocCalendars } from './calendars.js';
import type { ServiceDeps } from './deps.js';
import type { PeopleService } from './people.js';
import { statusMaxAgeMs } from './people.js';
import { canChange, noOpenPoc } from './poc-access.js';

export const awayUsage =
  'Usage: `/poc away @person <from YYYY-MM-DD> <to YYYY-MM-DD> [note]` (for yourself, leave out @person), `/poc away` to list, `/poc away cancel <number>`.';

/** The longest time off one command records (a typo like 2028 for 2027 should not silence a POC for a year). */
export const maxTimeOffDays = 92;

export type AwayResult = { ok: true; message: string } | { ok: false; message: string };

interface Who {
  teamId: string;
  channelId: string;
  userId: string;
}

/** A user as a slash command's text names them: `<@U123|name>`, `<@U123>` (escaped mentions). */
function mentionedUser(word: string | undefined): string | undefined {
  return word ? /^<@([UW][A-Z0-9]+)(\|[^>]*)?>$/.exec(word)?.[1] : undefined;
}

/** The POC's named people, each once: the customer team and procurement, then the SE and the AE. */
function pocPeople(poc: Poc, evaluatorIds: readonly string[]): string[] {
  const ids = [...customerTeam(poc, evaluatorIds).map((m) => m.userId), poc.procurementId, poc.seId, poc.aeId].filter(
    (id): id is string => Boolean(id),
  );
  return [...new Set(ids)];
}

export class TimeOffService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly people: PeopleService,
  ) {}

  /** `/poc away …`: list, cancel or record, by the words given. */
  async away(who: Who & { args: string[] }): Promise<AwayResult> {
    const poc = await this.deps.store.pocs.openInChannel(who.teamId, who.channelId);
    if (!poc) return { ok: false, message: await noOpenPoc(this.deps.store, who.teamId, who.channelId) };
    const [first, ...rest] = who.args;
    if (first === undefined) return this.list(poc);
    if (first.toLowerCase() === 'cancel') return this.cancel(poc, who, rest[0]);
    const named = mentionedUser(first);
    if (first.startsWith('@') && !named) {
      return {
        ok: false,
        message: `I could not tell who “${first.slice(0, 40)}” is: pick the person from Slack's @ list. ${awayUsage}`,
      };
    }
    const person = named ?? who.userId;
    const [from, to, ...note] = named ? rest : who.args;
    return this.record(poc, who, person, from, to, note.join(' '));
  }

  private async record(
    poc: Poc,
    who: Who,
    person: string,
    from: string | undefined,
    to: string | undefined,
    note: string,
  ): Promise<AwayResult> {
    if (person !== who.userId && !canChange(poc, who.userId)) {
      return {
        ok: false,
        message: `Only the SE (<@${poc.seId}>) or the AE (<@${poc.aeId}>) can record time off for someone else; anyone can for themselves (\`/poc away <from> <to>\`).`,
      };
    }
    if (!from || !to) return { ok: false, message: awayUsage };
    const bad = [from, to].filter((d) => !isLocalDate(d));
    if (bad.length > 0)
      return {
        ok: false,
        message: `${bad.map((b) => `“${b.slice(0, 40)}”`).join(' and ')} ${bad.length === 1 ? 'is not a date' : 'are not dates'}: use YYYY-MM-DD. Nothing was recorded. ${awayUsage}`,
      };
    if (to < from)
      return {
        ok: false,
        message: `The time off ends (${dayLabel(to)}) before it starts (${dayLabel(from)}). Nothing was recorded.`,
      };
    if (daysBetween(from, to) + 1 > maxTimeOffDays)
      return {
        ok: false,
        message: `That is more than ${maxTimeOffDays} days; record it in parts if it is right. Nothing was recorded.`,
      };
    const now = this.deps.clock.now();
    const kept = keepFirst(note.trim(), 200).kept;
    const added = await this.deps.store.timeOff.add({
      teamId: poc.teamId,
      userId: person,
      from,
      to,
      note: kept,
      source: 'command',
      pocId: poc.id,
      createdBy: who.userId,
      createdAt: now.toISOString(),
    });
    const range = `${dayLabel(from)} – ${dayLabel(to)}`;
    if (!added) return { ok: true, message: `<@${person}> is already recorded away ${range}.` };
    const calendars = await pocCalendars(this.deps.store, poc);
    const customer = sideOf(poc, await this.deps.store.evaluators.others(poc.id), person) === 'customer';
    const back = addBusinessDays(addDays(to, 1), 0, customer ? calendars.customer : calendars.vendor);
    const effect = customer
      ? `While away they are not counted quiet and not pinged; ${dayLabel(back)}, their first business day back, starts a fresh count.`
      : 'While away they get no DMs from pocbot: those wait for their first working morning back.';
    const today = localDate(now, poc.timeZone);
    const past = to < today ? ' (all in the past: it only restarts the silence count after it)' : '';
    return {
      ok: true,
      message: `Recorded: <@${person}> away ${range}${kept ? ` (${escapeText(kept)})` : ''}${past}. ${effect}`,
    };
  }

  private async cancel(poc: Poc, who: Who, number: string | undefined): Promise<AwayResult> {
    const id = Number(number);
    if (!number || !Number.isInteger(id) || id < 1) return { ok: false, message: `Which one? ${awayUsage}` };
    const found = (
      await this.deps.store.timeOff.forUsers(
        poc.teamId,
        pocPeople(poc, await this.deps.store.evaluators.others(poc.id)),
      )
    ).find((t) => t.id === id);
    if (!found)
      return {
        ok: false,
        message: `There is no time off #${id} of this POC's people. \`/poc away\` lists them with their numbers.`,
      };
    if (found.userId !== who.userId && !canChange(poc, who.userId)) {
      return { ok: false, message: `Only <@${found.userId}>, the SE or the AE can cancel it.` };
    }
    await this.deps.store.timeOff.remove(poc.teamId, id);
    return {
      ok: true,
      message: `Cancelled #${id}: <@${found.userId}> away ${dayLabel(found.from)} – ${dayLabel(found.to)}.`,
    };
  }

  private async list(poc: Poc): Promise<AwayResult> {
    const today = localDate(this.deps.clock.now(), poc.timeZone);
    const rows = currentAndComing(
      await this.deps.store.timeOff.forUsers(
        poc.teamId,
        pocPeople(poc, await this.deps.store.evaluators.others(poc.id)),
      ),
      today,
    );
    if (rows.length === 0)
      return { ok: true, message: `Nobody on this POC is recorded away from today on. ${awayUsage}` };
    const lines = rows.slice(0, 30).map((t) => {
      const from = t.source === 'slack_status' ? ', from their Slack status' : '';
      return `• #${t.id} <@${t.userId}> ${dayLabel(t.from)} – ${dayLabel(t.to)}${t.note ? ` (${escapeText(t.note)})` : ''}${from}`;
    });
    const more = rows.length > 30 ? [`…and ${rows.length - 30} more`] : [];
    return {
      ok: true,
      message: ['*Time off* (today and after):', ...lines, ...more, '`/poc away cancel <number>` removes one.'].join(
        '\n',
      ),
    };
  }

  /**
   * Reads the Slack status of the customer team's members who are not away already (cached for
   * half an hour) and keeps "away for the day" as time off. Before a silence nudge or escalation
   * goes out: a person on vacation whose status says so is not counted quiet. Never throws.
   */
  async learnFromStatus(poc: Poc, now: Date): Promise<string[]> {
    const { store, logger } = this.deps;
    const team = customerTeam(poc, await store.evaluators.others(poc.id));
    const today = localDate(now, poc.timeZone);
    const known = await store.timeOff.forUsers(
      poc.teamId,
      team.map((m) => m.userId),
    );
    const learned: string[] = [];
    for (const m of team) {
      if (
        timeOffOn(
          known.filter((t) => t.userId === m.userId),
          today,
        )
      )
        continue;
      try {
        const profile = await this.people.profile(m.userId, statusMaxAgeMs);
        const away = profile ? awayFromStatus(profile.status, now, profile.tz ?? poc.timeZone) : undefined;
        if (!away || !profile) continue;
        const note = [profile.status.emoji, profile.status.text].filter(Boolean).join(' ');
        await store.timeOff.add({
          teamId: poc.teamId,
          userId: m.userId,
          from: away.from,
          to: away.to,
          note: keepFirst(note, 200).kept,
          source: 'slack_status',
          pocId: poc.id,
          createdBy: m.userId,
          createdAt: now.toISOString(),
        });
        learned.push(m.userId);
      } catch (err) {
        logger.warn(
          `POC ${poc.id}: could not read ${m.userId}'s status: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
    }
    return learned;
  }
}
