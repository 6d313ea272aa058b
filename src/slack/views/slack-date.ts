// Dates and times in messages as Slack's `<!date^unix^{token}|fallback>`: each reader sees the
// instant in their own zone (a Berlin evaluator reads a New York standup at 15:30, not 09:30),
// and the plain-text fallback, which carries its zone, is what notifications and clients that
// cannot format show. For instants only: a calendar day of the POC (an end date) stays plain text,
// as it is that day in the POC's calendar wherever the reader is.

/** `format` is Slack's: '{date_short_pretty}', '{time}', '{date_num}'… combined freely. */
export function slackDate(instant: Date, format: string, fallback: string): string {
  return `<!date^${Math.floor(instant.getTime() / 1000)}^${format}|${fallback.replace(/[|>]/g, ' ')}>`;
}

/** 'Dec 4 at 09:30' in the reader's zone. */
export function slackDateTime(instant: Date, fallback: string): string {
  return slackDate(instant, '{date_short_pretty} {time}', fallback);
}

/** '09:30' in the reader's zone. */
export function slackTime(instant: Date, fallback: string): string {
  return slackDate(instant, '{time}', fallback);
}
