// BENCH_CPU_PROF=DIR: a part profiles what it measures with the in-process inspector and writes
// the .cpuprofile to DIR (open it in Chrome's DevTools, or read it as JSON).
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';

/** Starts profiling if BENCH_CPU_PROF is set; the function returned stops and writes `<name>-<pid>.cpuprofile`. */
export async function startCpuProfile(name: string): Promise<() => Promise<void>> {
  const dir = process.env.BENCH_CPU_PROF;
  if (!dir) return async () => {};
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(join(dir, `${name}-${process.pid}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  };
}
