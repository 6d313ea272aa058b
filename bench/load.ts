// A fixed-count, fixed-concurrency load of pre-signed requests against 127.0.0.1 only.
export interface PreparedRequest {
  body: string;
  headers: Record<string, string>;
}

export interface LoadResult {
  count: number;
  errors: number;
  wallMs: number;
  latenciesMs: number[];
}

export async function runLoad(baseUrl: string, requests: PreparedRequest[], concurrency: number): Promise<LoadResult> {
  const url = new URL('/slack/events', baseUrl);
  if (url.hostname !== '127.0.0.1') throw new Error(`the bench only loads 127.0.0.1, not ${url.hostname}`);
  const latenciesMs: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    for (;;) {
      const i = next++;
      const req = requests[i];
      if (!req) return;
      const t = performance.now();
      const res = await fetch(url, { method: 'POST', headers: req.headers, body: req.body });
      await res.arrayBuffer();
      latenciesMs.push(performance.now() - t);
      if (res.status !== 200) errors++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { count: requests.length, errors, wallMs: performance.now() - started, latenciesMs };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

export function summarize(results: LoadResult[]): { p50: number; p99: number; rps: number; errors: number; count: number } {
  const all = results.flatMap((r) => r.latenciesMs).sort((a, b) => a - b);
  const count = results.reduce((n, r) => n + r.count, 0);
  const wall = results.reduce((n, r) => n + r.wallMs, 0);
  return { p50: percentile(all, 50), p99: percentile(all, 99), rps: (count / wall) * 1000, errors: results.reduce((n, r) => n + r.errors, 0), count };
}
