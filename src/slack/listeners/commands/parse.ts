export interface ParsedCommand {
  /** The lower-cased subcommand ('help' when empty). */
  name: string;
  /** The words after the subcommand. */
  args: string[];
  /** Everything after the subcommand, as typed (trimmed). */
  rest: string;
}

export function parseCommandText(text: string): ParsedCommand {
  const trimmed = text.trim();
  if (trimmed === '') return { name: 'help', args: [], rest: '' };
  const match = /^(\S+)\s*([\s\S]*)$/.exec(trimmed);
  const name = (match?.[1] ?? '').toLowerCase();
  const rest = (match?.[2] ?? '').trim();
  return { name, rest, args: rest === '' ? [] : rest.split(/\s+/) };
}
