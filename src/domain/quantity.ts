// A number with the unit the SE typed for the business metric ("5 days" → "1 day"). Only the
// common English plurals of counted things are made singular: a unit like "ms", "GB" or "%" is
// shown as typed, since guessing at other words would do more harm than "1 widgets".

const singulars: Record<string, string> = {
  seconds: 'second',
  minutes: 'minute',
  hours: 'hour',
  days: 'day',
  'business days': 'business day',
  weeks: 'week',
  months: 'month',
  years: 'year',
  users: 'user',
  seats: 'seat',
  tickets: 'ticket',
  steps: 'step',
  clicks: 'click',
  errors: 'error',
  incidents: 'incident',
  people: 'person',
  hrs: 'hr',
  mins: 'min',
  secs: 'sec',
};

export function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100);
}

/** `5 days`, `1 day`, `0.5 days`, `99.9 %`; the number alone when there is no unit. */
export function quantity(n: number, unit: string | null | undefined): string {
  const u = unit?.trim() ?? '';
  if (!u) return formatNumber(n);
  const singular = n === 1 ? singulars[u.toLowerCase()] : undefined;
  // Keep the SE's capitalisation ("Days" → "Day").
  const shown =
    singular === undefined
      ? u
      : u[0] === u[0]?.toUpperCase()
        ? `${singular[0]?.toUpperCase()}${singular.slice(1)}`
        : singular;
  return `${formatNumber(n)} ${shown}`;
}

/** "Month-end close time: 5 days → 1 day", or null when the metric is not fully set. */
export function metricChange(poc: {
  metricName: string | null;
  metricBaseline: number | null;
  metricTarget: number | null;
  metricUnit: string | null;
}): string | null {
  if (!poc.metricName || poc.metricBaseline === null || poc.metricTarget === null) return null;
  return `${poc.metricName}: ${quantity(poc.metricBaseline, poc.metricUnit)} → ${quantity(poc.metricTarget, poc.metricUnit)}`;
}
