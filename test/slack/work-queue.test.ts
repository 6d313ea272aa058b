import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { WorkQueue } from '../../src/slack/work-queue.js';
import { currentWorkspace, inWorkspace } from '../../src/workspace-scope.js';
import { LogCapture } from '../../testkit/log-capture.js';

function setup(concurrency = 2) {
  const capture = new LogCapture();
  const queue = new WorkQueue(createLogger('info', capture), { concurrency, warnAt: 5 });
  return { queue, lines: capture.lines, capture };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('WorkQueue', () => {
  it('runs tasks in order, never more than `concurrency` at once, and drain waits for all of them', async () => {
    const { queue } = setup(2);
    const started: number[] = [];
    let running = 0;
    let most = 0;
    for (let i = 0; i < 6; i++) {
      queue.enqueue(`task ${i}`, async () => {
        started.push(i);
        running++;
        most = Math.max(most, running);
        await new Promise((r) => setTimeout(r, 5));
        running--;
      });
    }
    expect(started).toEqual([]); // nothing runs in the enqueuing turn: the acks go first
    await queue.drain();
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);
    expect(most).toBe(2);
    expect(queue.size).toBe(0);
  });

  it('while requests are coming in, keeps one task in flight; the rest go once they stop', async () => {
    let receiving = true;
    const queue = new WorkQueue(createLogger('info', new LogCapture()), { concurrency: 4, receiving: () => receiving });
    let running = 0;
    let most = 0;
    const release: Array<() => void> = [];
    for (let i = 0; i < 4; i++) {
      queue.enqueue(`task ${i}`, async () => {
        running++;
        most = Math.max(most, running);
        await new Promise<void>((r) => release.push(r));
        running--;
      });
    }
    await new Promise((r) => setTimeout(r, 30));
    expect([running, most]).toEqual([1, 1]);
    receiving = false;
    await new Promise((r) => setTimeout(r, 30));
    expect(running).toBe(4);
    for (const r of release) r();
    await queue.drain();
    expect(most).toBe(4);
  });

  it('holds tasks behind incoming requests no longer than holdMs', async () => {
    let clock = 0;
    const queue = new WorkQueue(createLogger('info', new LogCapture()), {
      concurrency: 4,
      receiving: () => true,
      holdMs: 1000,
      now: () => clock,
    });
    let running = 0;
    const release: Array<() => void> = [];
    for (let i = 0; i < 3; i++) {
      queue.enqueue(`task ${i}`, async () => {
        running++;
        await new Promise<void>((r) => release.push(r));
        running--;
      });
    }
    await new Promise((r) => setTimeout(r, 30));
    expect(running).toBe(1);
    clock = 1000; // the oldest waiting task has waited a second
    await new Promise((r) => setTimeout(r, 30));
    expect(running).toBe(3);
    for (const r of release) r();
    await queue.drain();
  });

  it('starts one task per turn of the event loop, so I/O in between is not held up', async () => {
    const { queue } = setup(8);
    const started: number[] = [];
    for (let i = 0; i < 3; i++) queue.enqueue(`task ${i}`, async () => void started.push(i));
    await tick();
    expect(started).toEqual([0]);
    await tick();
    expect(started).toEqual([0, 1]);
    await queue.drain();
    expect(started).toEqual([0, 1, 2]);
  });

  it('logs a failed task with its label and goes on with the rest; warns once when it falls behind', async () => {
    const { queue, lines } = setup(1);
    const done: number[] = [];
    queue.enqueue('event Ev1', async () => {
      throw new Error('boom');
    });
    for (let i = 0; i < 5; i++) queue.enqueue(`task ${i}`, async () => void done.push(i));
    await queue.drain();
    expect(done).toEqual([0, 1, 2, 3, 4]);
    expect(lines.filter((l) => / ERROR /.test(l))).toEqual([expect.stringContaining('event Ev1 failed: boom')]);
    expect(lines.filter((l) => / WARN /.test(l))).toEqual([expect.stringContaining('falling behind')]);
  });

  it('drain resolves at once when there is nothing to do', async () => {
    const { queue } = setup();
    await expect(queue.drain()).resolves.toBeUndefined();
  });

  it("runs each task as work for the workspace that queued it (its Slack calls take that workspace's token)", async () => {
    const { queue } = setup(2);
    const seen: Array<string | undefined> = [];
    const task = async () => {
      await tick();
      seen.push(currentWorkspace()?.teamId);
    };
    inWorkspace({ teamId: 'T0A' }, () => queue.enqueue('a', task));
    inWorkspace({ teamId: 'T0B', enterpriseId: 'E0GRID' }, () => queue.enqueue('b', task));
    queue.enqueue('none', task);
    await queue.drain();
    expect(seen.sort()).toEqual(['T0A', 'T0B', undefined].sort());
  });
});
