// `npm run db:copy -- --from <sqlite path> --to <DATABASE_URL>`: its arguments, its printed
// report and its exit code; the copying itself is the store's (store/pg/copy.ts).
import { ConfigError, databaseUrlProblem } from './config.js';
import { DatabaseOpenError } from './store/db.js';
import { CopyError, copySqliteToPostgres, type CopyOptions, type TableCount } from './store/pg/copy.js';
import { describeDatabaseUrl } from './store/pg/db.js';

const usage = 'usage: npm run db:copy -- --from <SQLite file> --to <postgres://user:password@host:5432/database>';

export function parseDbCopyArgs(argv: string[]): { from: string; to: string } {
  const values: Record<'from' | 'to', string | undefined> = { from: undefined, to: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const match = /^--(from|to)(?:=(.*))?$/.exec(arg);
    if (!match) throw new ConfigError(`unknown option ${arg}; ${usage}`);
    const name = match[1] as 'from' | 'to';
    const value = match[2] ?? argv[++i];
    if (!value || value.startsWith('--')) throw new ConfigError(`--${name} needs a value; ${usage}`);
    values[name] = value;
  }
  const missing = (['from', 'to'] as const).filter((n) => values[n] === undefined);
  if (missing.length > 0) throw new ConfigError(`${missing.map((n) => `--${n}`).join(' and ')} missing; ${usage}`);
  // As for DATABASE_URL: what is wrong with it, never the URL (it holds a password).
  const problem = databaseUrlProblem(values.to as string);
  if (problem) throw new ConfigError(`--to ${problem}`);
  return { from: values.from as string, to: values.to as string };
}

const row = (table: string, sqlite: string, postgres: string, mark = '') =>
  `${table.padEnd(22)} ${sqlite.padStart(8)} ${postgres.padStart(11)}${mark}`;

/** Copies, printing each table's row counts as it goes; returns the exit code (1: nothing copied). */
export async function runDbCopy(
  args: { from: string; to: string },
  out: (line: string) => void,
  options: Partial<CopyOptions> = {},
): Promise<number> {
  out(
    `Copying the SQLite database ${args.from} into PostgreSQL at ${describeDatabaseUrl(args.to)}, in one transaction.`,
  );
  let header = false;
  try {
    const report = await copySqliteToPostgres({
      ...options,
      ...args,
      onTable: (c: TableCount) => {
        if (!header) out(row('table', 'SQLite', 'PostgreSQL'));
        header = true;
        out(row(c.table, String(c.sqlite), String(c.postgres), c.sqlite === c.postgres ? '' : '  ← differs'));
      },
    });
    const rows = report.tables.reduce((sum, c) => sum + c.sqlite, 0);
    if (!report.committed) {
      const differing = report.tables.filter((c) => c.sqlite !== c.postgres).map((c) => c.table);
      out(`db:copy failed: the row counts differ in ${differing.join(', ')}; rolled back, nothing was copied.`);
      return 1;
    }
    out(
      `Copied ${rows} rows in ${report.tables.length} tables; every count matches. Each id sequence now starts after the largest id copied.`,
    );
    return 0;
  } catch (err) {
    if (err instanceof CopyError || err instanceof DatabaseOpenError) {
      out(`db:copy failed: ${err.message}`);
      return 1;
    }
    throw err;
  }
}
