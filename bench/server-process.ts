// A bench server (ack-servers.ts) in a process of its own, optionally pinned to CPUs, talked to
// over IPC. The ack bench starts the app, the bare app and the fake Slack this way; the tick
// bench starts the fake Slack this way, so that answering the tick's posts is not charged to it.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { FromServer, ServerRole, ToServer } from './ack-servers.js';

export interface Placement {
  pinned: boolean;
  /** taskset CPU list for the server under test, and for the generator and fake Slack. */
  server?: string;
  others?: string;
}

export function placement(): Placement {
  const n = cpus().length;
  const taskset =
    process.platform === 'linux' &&
    n >= 2 &&
    process.env.BENCH_PIN !== '0' &&
    spawnSync('taskset', ['-V']).status === 0;
  if (!taskset) return { pinned: false };
  const placed = { pinned: true, server: String(n - 1), others: n === 2 ? '0' : `0-${n - 2}` };
  spawnSync('taskset', ['-pc', placed.others, String(process.pid)], { stdio: 'ignore' });
  return placed;
}

export class ServerProcess {
  private readonly waiting: Array<{ type: FromServer['type']; resolve: (m: FromServer) => void }> = [];

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (m: FromServer) => {
      const at = this.waiting.findIndex((w) => w.type === m.type);
      if (at >= 0) this.waiting.splice(at, 1)[0]?.resolve(m);
    });
  }

  static async start(
    role: ServerRole,
    args: string[],
    place: Placement,
  ): Promise<{ proc: ServerProcess; ready: FromServer & { type: 'ready' } }> {
    // Beside this file, as .ts under tsx or .js when compiled.
    const script = fileURLToPath(
      new URL(`./ack-servers.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`, import.meta.url),
    );
    const node = [process.execPath, ...process.execArgv, script, role, ...args];
    const cpu = role === 'fake-slack' ? place.others : place.server;
    // The fake Slack stands in for a remote service: on the generator's CPU it yields to the
    // generator, so answering the app's Slack calls does not slow the clock that times the app.
    const niced = role === 'fake-slack' && place.pinned ? ['nice', '-n', '10'] : [];
    const command = [...(cpu ? ['taskset', '-c', cpu] : []), ...niced, ...node];
    const child = spawn(command[0] as string, command.slice(1), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const proc = new ServerProcess(child);
    const exited = new Promise<never>((_, reject) =>
      child.once('exit', (code) => reject(new Error(`bench server ${role} exited (${code}) before it was ready`))),
    );
    const ready = (await Promise.race([proc.next('ready'), exited])) as FromServer & { type: 'ready' };
    return { proc, ready };
  }

  private next(type: FromServer['type']): Promise<FromServer> {
    return new Promise((resolve) => this.waiting.push({ type, resolve }));
  }

  async ask<T extends FromServer['type']>(message: ToServer, reply: T): Promise<Extract<FromServer, { type: T }>> {
    const answer = this.next(reply);
    this.child.send(message);
    return (await answer) as Extract<FromServer, { type: T }>;
  }

  kill(): void {
    if (this.child.exitCode === null) this.child.kill();
  }

  /** Asks the server to stop, then kills it if it has not exited; never throws (for `finally`). */
  async stop(): Promise<void> {
    await this.ask({ type: 'stop' }, 'stopped').catch(() => undefined);
    this.kill();
  }
}

/**
 * The local PostgreSQL server, when the app under test uses it, goes where the fake Slack goes:
 * in production both are other machines, so their work must not be charged to the app's CPU.
 * Its processes (and the backends it forks later, which inherit this) move to the others' CPUs.
 * Not niced, unlike the fake Slack: each ack waits for the inbox's insert, and a niced server
 * would wait for the load generator. Best effort: a server this user may not move stays where it
 * is, and the returned note says so. Call the returned `restore` after the run.
 */
export function placeDatabaseServer(place: Placement): { note: string; restore: () => void } {
  const pids = (spawnSync('pgrep', ['-x', 'postgres'], { encoding: 'utf8' }).stdout ?? '')
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
  if (!place.pinned || !place.others || pids.length === 0)
    return { note: 'PostgreSQL not moved (no pinning, or no local server found)', restore: () => undefined };
  const all = `0-${cpus().length - 1}`;
  const apply = (cpuList: string) =>
    pids.every((pid) => spawnSync('taskset', ['-a', '-pc', cpuList, pid], { stdio: 'ignore' }).status === 0);
  const moved = apply(place.others);
  return {
    note: moved
      ? `PostgreSQL's ${pids.length} processes on CPU ${place.others}`
      : 'PostgreSQL could not be moved (not this user’s processes)',
    restore: () => {
      apply(all);
    },
  };
}
