// Where a tick's planned posts go as the jobs produce them: into the outbox, one transaction per
// job, or on a dry run to the report only. Posts are written a few dozen at a time as they are
// built, so a tick over thousands of POCs never holds thousands of built messages at once.
import type { Store } from '../store/index.js';
import type { PlannedPost } from './types.js';

/** Keys looked up together on a dry run. */
const dryRunBatch = 500;
/**
 * Posts written together (one statement on PostgreSQL, store/outbox.ts insertMany): few enough
 * that a tick never holds many built messages at once.
 */
const writeBatch = 50;

export class PlanSink {
  /** Report lines, in the order the posts were planned ("queued …", or on a dry run "would post …"). */
  readonly lines: string[] = [];
  /** Every key planned this tick (dry run only: the report leaves them out of "would send (queued)"). */
  readonly plannedKeys = new Set<string>();
  /** Posts this tick added to the outbox (on a dry run: would have). */
  planned = 0;

  constructor(
    private readonly store: Store,
    private readonly now: Date,
    private readonly dryRun: boolean,
  ) {}

  /**
   * Takes one job's posts: an array, or a generator that builds them one by one. In one
   * transaction: a job that fails half-way leaves nothing in the outbox, as if it had planned nothing.
   */
  async take(posts: Iterable<PlannedPost> | AsyncIterable<PlannedPost>): Promise<void> {
    if (this.dryRun) {
      await this.preview(posts);
      return;
    }
    const lines = await this.store.transaction(async () => {
      const queued: string[] = [];
      let chunk: PlannedPost[] = [];
      const flush = async () => {
        const added = await this.store.outbox.insertMany(
          chunk.map((p) => ({ ...p, dueAt: p.dueAt ?? this.now })),
          this.now,
        );
        chunk.forEach((p, i) => {
          if (added[i]) queued.push(`queued ${p.key} → ${p.target}: ${p.summary}`);
        });
        chunk = [];
      };
      for await (const p of posts) {
        chunk.push(p);
        if (chunk.length >= writeBatch) await flush();
      }
      await flush();
      return queued;
    });
    for (const line of lines) this.lines.push(line);
    this.planned += lines.length;
  }

  private async preview(posts: Iterable<PlannedPost> | AsyncIterable<PlannedPost>): Promise<void> {
    const lines: string[] = [];
    let batch: Array<Pick<PlannedPost, 'key' | 'target' | 'summary'>> = [];
    const flush = async () => {
      const known = await this.store.outbox.statuses(batch.map((p) => p.key));
      for (const p of batch) {
        const status = known.get(p.key);
        lines.push(status ? `already ${status}: ${p.key}` : `would post ${p.key} → ${p.target}: ${p.summary}`);
      }
      batch = [];
    };
    const keys: string[] = [];
    for await (const { key, target, summary } of posts) {
      batch.push({ key, target, summary });
      keys.push(key);
      if (batch.length >= dryRunBatch) await flush();
    }
    await flush();
    // Only once the whole job has planned, as on a real tick.
    for (const line of lines) this.lines.push(line);
    for (const key of keys) this.plannedKeys.add(key);
    this.planned += lines.filter((l) => l.startsWith('would post ')).length;
  }
}
