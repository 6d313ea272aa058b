// Text a person wrote, as pocbot repeats it: evidence in the readout and /poc status, issues and
// scope requests, decisions in the hand-off, a quote of pushback in a nudge, a reason in an
// announcement, and the Markdown files. Slack message text carries markup: <!channel>, <!here>,
// <!everyone> and <!subteam^…> notify a whole channel or group, <@U…> notifies the person, and
// <url|label> shows the label, not where the link goes. Repeated by pocbot, a mention would notify
// everyone again, in front of both organizations, and a link could hide its address behind a
// trustworthy label. So mentions become plain text (@channel, @name), and a link whose label is
// not its address shows the address. Only quoted text goes through here: the mentions pocbot
// writes itself (<@evaluator>) are meant.

const specialWords = new Set(['channel', 'here', 'everyone', 'group']);
const hasScheme = /^[a-z][a-z0-9+.-]*:/i;

type Entity =
  | { kind: 'broadcast'; word: string }
  | { kind: 'user'; id: string; label: string | undefined }
  | { kind: 'channel'; raw: string; id: string; label: string | undefined }
  | { kind: 'date'; raw: string; fallback: string | undefined }
  | { kind: 'link'; url: string; label: string | undefined }
  | { kind: 'other'; raw: string };

/** What the inside of a `<…>` is, in Slack's markup. */
function entityOf(inner: string): Entity {
  const bar = inner.indexOf('|');
  const target = bar < 0 ? inner : inner.slice(0, bar);
  const label = bar < 0 ? undefined : inner.slice(bar + 1);
  if (target.startsWith('!')) {
    const name = target.slice(1).split('^')[0] ?? '';
    if (name === 'date') return { kind: 'date', raw: inner, fallback: label };
    if (name === 'subteam') return { kind: 'broadcast', word: (label ?? '@group').replace(/^@/, '') || 'group' };
    return { kind: 'broadcast', word: specialWords.has(name) ? name : (label ?? name).replace(/^@/, '') };
  }
  if (target.startsWith('@'))
    return { kind: 'user', id: target.slice(1), label: label?.replace(/^@/, '') || undefined };
  if (target.startsWith('#')) return { kind: 'channel', raw: inner, id: target.slice(1), label: label || undefined };
  if (hasScheme.test(target)) return { kind: 'link', url: target, label: label || undefined };
  return { kind: 'other', raw: inner };
}

/** A label that says where the link goes: the address itself, with or without its scheme or a trailing slash. */
function labelIsAddress(label: string | undefined, url: string): boolean {
  if (label === undefined) return true;
  const bare = (s: string) =>
    s
      .trim()
      .replace(/^(?:[a-z][a-z0-9+.-]*:)(?:\/\/)?/i, '')
      .replace(/\/$/, '')
      .toLowerCase();
  return bare(label) === bare(url);
}

/** Slack-escaped text (or raw text, its & < > escaped): the escapes Slack made are kept. */
function escapeLoose(text: string): string {
  return text
    .replace(/&(?!(?:amp|lt|gt);)/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/**
 * For mrkdwn (a Slack message, a Block Kit section): mentions made plain (`@channel`, `@dana`),
 * a link whose label is not its address shown as `label (<address>)`, channel links and dates
 * kept (they notify nobody), anything else in angle brackets escaped. Text already escaped by
 * Slack keeps its escapes; a stray & < > from text typed elsewhere is escaped.
 */
export function quoteForSlack(text: string): string {
  return text.replace(/<([^<>]*)>|[<>]|&(?!(?:amp|lt|gt);)/g, (match, inner: string | undefined) => {
    if (inner === undefined) return match === '<' ? '&lt;' : match === '>' ? '&gt;' : '&amp;';
    const e = entityOf(inner);
    switch (e.kind) {
      case 'broadcast':
        return `@${escapeLoose(e.word)}`;
      case 'user':
        return `@${escapeLoose(e.label ?? e.id)}`;
      case 'channel':
      case 'date':
        return `<${e.raw}>`;
      case 'link':
        return labelIsAddress(e.label, e.url) ? `<${e.url}>` : `${escapeLoose(e.label ?? '')} (<${e.url}>)`;
      case 'other':
        return `&lt;${escapeLoose(e.raw)}&gt;`;
    }
  });
}

/**
 * For a document read outside Slack (the Markdown files): the same, as plain text, with Slack's
 * escapes undone; `person` names a mentioned user (default `@id`, or the label Slack gave).
 */
export function quoteForDocument(text: string, person?: (userId: string) => string): string {
  return text.replace(/<([^<>]*)>|&lt;|&gt;|&amp;/g, (match, inner: string | undefined) => {
    if (inner === undefined) return match === '&lt;' ? '<' : match === '&gt;' ? '>' : '&';
    const e = entityOf(inner);
    switch (e.kind) {
      case 'broadcast':
        return `@${e.word}`;
      case 'user':
        return person ? person(e.id) : `@${e.label ?? e.id}`;
      case 'channel':
        return `#${e.label ?? e.id}`;
      case 'date':
        return e.fallback ?? e.raw;
      case 'link':
        return labelIsAddress(e.label, e.url) ? e.url : `${e.label ?? ''} (${e.url})`;
      case 'other':
        return `<${e.raw}>`;
    }
  });
}
