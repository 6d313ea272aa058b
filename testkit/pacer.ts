// A dispatcher pacer on a virtual clock: waiting for a channel's next slot moves the clock
// instead of sleeping, so the demo and tests keep the per-channel order without the real 1 s.
import type { Pacer } from '../src/jobs/dispatcher.js';

export function virtualPacer(): Pacer {
  let now = 0;
  return {
    now: () => now,
    sleep: async (ms) => {
      now += ms;
    },
  };
}
