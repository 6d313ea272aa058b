// Renders Block Kit as plain text for the demo transcript: what a person would read in Slack.

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface Names {
  user(id: string): string;
  channel(id: string): string;
  /** The zone <!date^…> tokens are shown in, as Slack shows them in the reader's zone; else their fallback. */
  zone?: string;
}

/** The shortcodes pocbot writes, as the emoji Slack shows. */
const emoji: Record<string, string> = {
  white_check_mark: '✅',
  heavy_check_mark: '✔️',
  x: '❌',
  large_yellow_circle: '🟡',
  white_circle: '⚪',
  wave: '👋',
  rotating_light: '🚨',
  warning: '⚠️',
  hourglass_flowing_sand: '⏳',
  checkered_flag: '🏁',
  calendar: '📅',
  zipper_mouth_face: '🤐',
  turtle: '🐢',
  thread: '🧵',
  speech_balloon: '💬',
  repeat: '🔁',
  raised_hand: '✋',
  juggling: '🤹',
  double_vertical_bar: '⏸️',
  clipboard: '📋',
  bell: '🔔',
  balloon: '🎈',
  arrow_forward: '▶️',
  tada: '🎉',
  eyes: '👀',
};

/** 'Wed Dec 2 11:30' in the zone, the way pocbot writes dates. */
function zonedDateTime(epochSec: number, zone: string): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      weekday: 'short',
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(epochSec * 1000))
      .map((x) => [x.type, x.value]),
  );
  return `${p.weekday} ${p.month} ${p.day} ${p.hour}:${p.minute}`;
}

/** Slack's mrkdwn entities (<@U…>, <#C…>, <url|label>) as a reader sees them. */
export function mrkdwnToText(text: string, names: Names): string {
  return text
    .replace(/<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g, (_m, id: string) => `@${names.user(id)}`)
    .replace(/<#([CGD][A-Z0-9]+)(?:\|([^>]*))?>/g, (_m, id: string, label?: string) => `#${label || names.channel(id)}`)
    .replace(/<!date\^(\d+)\^[^|>]*\|([^>]*)>/g, (_m, sec: string, fallback: string) =>
      names.zone ? zonedDateTime(Number(sec), names.zone) : fallback,
    )
    .replace(/<!(here|channel|everyone)>/g, '@$1')
    .replace(/<(https?:[^|>]+)\|([^>]+)>/g, '$2 ($1)')
    .replace(/<(https?:[^>]+)>/g, '$1')
    .replace(/:([a-z_]+):/g, (m, code: string) => emoji[code] ?? m)
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function textOf(t: unknown, names: Names): string {
  return isObj(t) && typeof t.text === 'string' ? mrkdwnToText(t.text, names) : '';
}

function elementLabel(e: unknown, names: Names): string {
  if (!isObj(e)) return '';
  if (e.type === 'button') return `[ ${textOf(e.text, names)} ]`;
  if (e.type === 'overflow') return '[ … ]';
  if (typeof e.type === 'string' && e.type.includes('select'))
    return `[ ${textOf(e.placeholder, names) || 'select'} ▾ ]`;
  if (e.type === 'image') return '';
  return textOf(e, names);
}

export function renderBlocks(blocks: unknown[], names: Names): string {
  const out: string[] = [];
  for (const b of blocks) {
    if (!isObj(b)) continue;
    switch (b.type) {
      case 'header':
        out.push(`== ${textOf(b.text, names)} ==`);
        break;
      case 'section': {
        const text = textOf(b.text, names);
        if (text) out.push(text);
        const fields = Array.isArray(b.fields) ? b.fields.map((f) => textOf(f, names)) : [];
        if (fields.length > 0) out.push(fields.join('   |   '));
        const accessory = elementLabel(b.accessory, names);
        if (accessory) out.push(accessory);
        break;
      }
      case 'context': {
        const parts = (Array.isArray(b.elements) ? b.elements : []).map((e) => elementLabel(e, names)).filter(Boolean);
        if (parts.length) out.push(parts.join('  '));
        break;
      }
      case 'actions': {
        const parts = (Array.isArray(b.elements) ? b.elements : []).map((e) => elementLabel(e, names)).filter(Boolean);
        if (parts.length) out.push(parts.join(' '));
        break;
      }
      case 'divider':
        out.push('────────');
        break;
      case 'markdown':
        if (typeof b.text === 'string') out.push(mrkdwnToText(b.text, names));
        break;
      case 'input':
        out.push(`${textOf(b.label, names)}: ${elementLabel(b.element, names) || '[ … ]'}`);
        break;
      default:
        break;
    }
  }
  return out.join('\n');
}

/** A message's text as shown: its blocks when it has them, else its fallback text. */
export function renderMessage(message: { text?: string; blocks?: unknown[] }, names: Names): string {
  if (Array.isArray(message.blocks) && message.blocks.length > 0) return renderBlocks(message.blocks, names);
  return mrkdwnToText(message.text ?? '', names);
}
