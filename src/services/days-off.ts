// Days off and pauses: `/poc holiday <date>…`, `/poc pause <until> <reason>`, `/poc resume`.
// The scheduler reads both (holidays are not business days; a paused POC gets no standups,
// checkpoints, reminders or silence escalations). The end date never moves here: only an extension moves it.
import { businessDaysInRange, isBusinessDay, isLocalDate, isoWeekday, localDate } from '../domain/calendar.js';
import { isPaused } from '../domain/pause.js';
import { quoteForSlack } from '../domain/quoted-text.js';
import { dayLabel } from '../slack/views/schedule-text.js';
import { changeablePoc } from './poc-access.js';
import { pocCalendars } from './calendars.js';
import { sideHolidays } from '../domain/sides.js';
import type { ServiceDeps } from './deps.js';
import { keepFirst } from '../domain/text.js';

export type DaysOffResult = { ok: true; message: string; announce?: string } | { ok: false; message: string };

interface Who {
  teamId: string;
  channelId: string;
  userId: string;
}

export const holidayUsage =
  'Usage: `/poc holiday <YYYY-MM-DD> [<YYYY-MM-DD>…]`, e.g. `/poc holiday 2026-11-26 2026-11-27`.';
export const pauseUsage =
  'Usage: `/poc pause <until YYYY-MM-DD> <reason>`, e.g. `/poc pause 2026-12-01 customer change freeze`.';

function badDates(values: string[]): string | undefined {
  const bad = values.filter((v) => !isLocalDate(v));
  if (bad.length === 0) return undefined;
  return `${bad.map((b) => `“${b.slice(0, 40)}”`).join(', ')} ${bad.length === 1 ? 'is not a date' : 'are not dates'}. Use YYYY-MM-DD, e.g. 2026-11-26.`;
}

export class DaysOffService {
  constructor(private readonly deps: ServiceDeps) {}

  async addHolidays(who: Who & { dates: string[] }): Promise<DaysOffResult> {
    if (who.dates.length === 0) return { ok: false, message: holidayUsage };
    const bad = badDates(who.dates);
    if (bad) return { ok: false, message: `${bad} Nothing was added.` };
    const access = await changeablePoc(this.deps.store, who.teamId, who.channelId, who.userId, 'add days off');
    if (!access.ok) return access;
    const { poc } = access;
    const dates = [...new Set(who.dates)].sort();
    const before = await this.deps.store.holidays.forPoc(poc.id);
    // Counted as the channel counts them: the customer side's public holidays are not business days either.
    const total = (h: ReadonlySet<string>) =>
      businessDaysInRange(poc.startDate, poc.endDate, sideHolidays(poc, 'customer', h)).length;
    const wasDays = total(before);
    await this.deps.store.holidays.add(poc.id, dates);
    const after = await this.deps.store.holidays.forPoc(poc.id);
    const added = dates.filter((d) => !before.has(d));
    const notes: string[] = [];
    const weekend = added.filter((d) => isoWeekday(d) > 5);
    if (weekend.length)
      notes.push(
        `${weekend.map(dayLabel).join(', ')} ${weekend.length === 1 ? 'is a weekend day' : 'are weekend days'} anyway.`,
      );
    const outside = added.filter((d) => d < poc.startDate || d > poc.endDate);
    if (outside.length)
      notes.push(
        `${outside.map(dayLabel).join(', ')} ${outside.length === 1 ? 'is' : 'are'} outside the POC (${dayLabel(poc.startDate)} – ${dayLabel(poc.endDate)}).`,
      );
    const already = dates.filter((d) => before.has(d));
    if (already.length) notes.push(`Already days off: ${already.map(dayLabel).join(', ')}.`);
    const head = added.length
      ? `Days off added: ${added.map(dayLabel).join(', ')}, for both sides. Standups, checkpoints, reminders and DMs skip them.`
      : 'No new days off.';
    const count = `Business days in this POC: ${total(after)}${total(after) !== wasDays ? ` (was ${wasDays})` : ''}; the end date stays ${dayLabel(poc.endDate)}.`;
    return { ok: true, message: [head, ...notes, count].join(' ') };
  }

  async pause(who: Who & { until: string | undefined; reason: string }): Promise<DaysOffResult> {
    if (!who.until) return { ok: false, message: pauseUsage };
    const bad = badDates([who.until]);
    if (bad) return { ok: false, message: `${bad} ${pauseUsage}` };
    if (!who.reason.trim()) return { ok: false, message: `Say why, so the channel knows. ${pauseUsage}` };
    const access = await changeablePoc(this.deps.store, who.teamId, who.channelId, who.userId, 'pause the standups');
    if (!access.ok) return access;
    const { poc } = access;
    const now = this.deps.clock.now();
    const today = localDate(now, poc.timeZone);
    if (who.until < today) {
      return {
        ok: false,
        message: `${dayLabel(who.until)} is in the past (today is ${dayLabel(today)} in ${poc.timeZone}). Nothing was paused.`,
      };
    }
    const reason = keepFirst(who.reason.trim(), 500).kept;
    await this.deps.store.pauses.pause(
      { pocId: poc.id, fromDate: today, untilDate: who.until, reason, pausedBy: who.userId },
      now,
    );
    const endNote =
      who.until >= poc.endDate
        ? ` The pause runs to or past the end date (${dayLabel(poc.endDate)}), which does not move: record an extension with \`/poc extend\` if it should.`
        : ` The end date stays ${dayLabel(poc.endDate)} unless an extension is recorded with \`/poc extend\`.`;
    const announce = `:double_vertical_bar: <@${who.userId}> paused the standups, checkpoints, reminders and nudges of this POC through ${dayLabel(who.until)}: ${quoteForSlack(reason)}.${endNote} \`/poc resume\` restarts them early.`;
    return { ok: true, message: `Paused through ${dayLabel(who.until)}.`, announce };
  }

  async resume(who: Who): Promise<DaysOffResult> {
    const access = await changeablePoc(this.deps.store, who.teamId, who.channelId, who.userId, 'resume the standups');
    if (!access.ok) return access;
    const { poc } = access;
    const now = this.deps.clock.now();
    const today = localDate(now, poc.timeZone);
    if (!isPaused(poc, today)) return { ok: false, message: 'This POC is not paused; nothing to resume.' };
    await this.deps.store.pauses.resume(poc.id, now);
    const when =
      isBusinessDay(today, (await pocCalendars(this.deps.store, poc)).customer) && today <= poc.endDate
        ? ' from today'
        : '';
    return {
      ok: true,
      message: 'Resumed.',
      announce: `:arrow_forward: <@${who.userId}> resumed the standups, checkpoints, reminders and nudges of this POC${when}. The end date is ${dayLabel(poc.endDate)}.`,
    };
  }
}
