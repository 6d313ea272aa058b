// /readyz: whether this process can do its work now, as a list of named checks. Each check
// answers ok or a reason; the app is ready when all are ok. Other parts add their own check
// (add()), e.g. a durable inbox that must be writable.
export type CheckResult = { ok: true; detail?: string } | { ok: false; reason: string };

export interface ReadinessCheck {
  name: string;
  check(): CheckResult | Promise<CheckResult>;
}

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, { ok: boolean; detail?: string; reason?: string }>;
}

export class Readiness {
  private readonly checks: ReadinessCheck[] = [];

  add(check: ReadinessCheck): void {
    this.checks.push(check);
  }

  async report(): Promise<ReadinessReport> {
    const checks: ReadinessReport['checks'] = {};
    let ready = true;
    for (const c of this.checks) {
      let result: CheckResult;
      try {
        result = await c.check();
      } catch (err) {
        result = { ok: false, reason: err instanceof Error ? err.message : String(err) };
      }
      ready &&= result.ok;
      checks[c.name] = result.ok
        ? { ok: true, ...(result.detail ? { detail: result.detail } : {}) }
        : { ok: false, reason: result.reason };
    }
    return { ready, checks };
  }
}

/** The scheduler must have ticked within this long (it ticks every minute). */
export const maxTickAgeMs = 3 * 60_000;

/**
 * With SCHEDULER=on, the last tick must be under 3 minutes old (counted from start-up until the
 * first). `now` is the app's clock; `lastTick` when a tick last finished.
 */
export function schedulerCheck(
  now: () => Date,
  lastTick: () => Date | undefined,
  startedAt: () => Date | undefined,
): ReadinessCheck {
  return {
    name: 'scheduler',
    check() {
      const since = lastTick() ?? startedAt();
      if (!since) return { ok: false, reason: 'not started' };
      const age = now().getTime() - since.getTime();
      const what = lastTick() ? 'last tick' : 'no tick yet, started';
      if (age >= maxTickAgeMs)
        return {
          ok: false,
          reason: `${what} ${Math.round(age / 1000)} s ago (more than ${maxTickAgeMs / 60_000} minutes)`,
        };
      return { ok: true, detail: `${what} ${Math.round(Math.max(0, age) / 1000)} s ago` };
    },
  };
}

/** In Socket Mode, the WebSocket to Slack must be open. */
export function socketModeCheck(connected: () => boolean): ReadinessCheck {
  return {
    name: 'socket_mode',
    check: () => (connected() ? { ok: true, detail: 'connected' } : { ok: false, reason: 'not connected to Slack' }),
  };
}
