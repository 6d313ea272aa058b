// A fixed-count, fixed-concurrency load of pre-signed requests against 127.0.0.1 only. It uses
// node:http with keep-alive sockets (one per worker) rather than fetch: the generator shares the
// machine with what it measures, so the less CPU it spends per request, the less it blurs the
// difference between the two apps.
import { Agent, request } from 'node:http';

export interface PreparedRequest {
  body: string;
  headers: Record<string, string>;
  /** Set on requests whose answer comes later (a response_url id): `sentAt` records when it went. */
  id?: string;
}

/** Milliseconds since the epoch, sub-millisecond: comparable across the bench's processes. */
export const epochMs = (): number => performance.timeOrigin + performance.now();

export interface LoadResult {
  count: number;
  errors: number;
  wallMs: number;
  latenciesMs: number[];
  /** When each request with an id was sent (epochMs). */
  sentAt: Map<string, number>;
}

export interface RunSummary {
  p50: number;
  p99: number;
  rps: number;
  errors: number;
  count: number;
}

function post(agent: Agent, url: URL, req: PreparedRequest): Promise<number> {
  const body = Buffer.from(req.body);
  return new Promise((resolve, reject) => {
    const r = request(
      url,
      { method: 'POST', agent, headers: { ...req.headers, 'content-length': String(body.length) } },
      (res) => {
        res.on('data', () => {});
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    r.on('error', reject);
    r.end(body);
  });
}

/**
 * Keep-alive connections to one server, to pass to every run against it: the runs then measure
 * requests, not 32 TCP handshakes and cold sockets at the start of each (opened in the warm-up).
 */
export function connections(concurrency: number): Agent {
  return new Agent({ keepAlive: true, maxSockets: concurrency, maxFreeSockets: concurrency });
}

export async function runLoad(
  baseUrl: string,
  requests: PreparedRequest[],
  concurrency: number,
  agent: Agent,
): Promise<LoadResult> {
  const url = new URL('/slack/events', baseUrl);
  if (url.hostname !== '127.0.0.1') throw new Error(`the bench only loads 127.0.0.1, not ${url.hostname}`);
  const latenciesMs: number[] = [];
  const sentAt = new Map<string, number>();
  let errors = 0;
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    for (;;) {
      const i = next++;
      const req = requests[i];
      if (!req) return;
      const t = performance.now();
      if (req.id !== undefined) sentAt.set(req.id, performance.timeOrigin + t);
      const status = await post(agent, url, req).catch(() => 0);
      latenciesMs.push(performance.now() - t);
      if (status !== 200) errors++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { count: requests.length, errors, wallMs: performance.now() - started, latenciesMs, sentAt };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

export function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function summarizeRun(r: LoadResult): RunSummary {
  const sorted = [...r.latenciesMs].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    rps: (r.count / r.wallMs) * 1000,
    errors: r.errors,
    count: r.count,
  };
}

/** Over several runs of the same load: the median of each run's p50, p99 and rps; errors and requests summed. */
export function summarize(results: LoadResult[]): RunSummary & { runs: RunSummary[] } {
  const runs = results.map(summarizeRun);
  return {
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    rps: median(runs.map((r) => r.rps)),
    errors: runs.reduce((n, r) => n + r.errors, 0),
    count: runs.reduce((n, r) => n + r.count, 0),
    runs,
  };
}
