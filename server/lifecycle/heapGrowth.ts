/**
 * How far V8 lets the old generation grow past what its last full collection kept, before the next
 * one. Measured under a signed-in load (10 connections on the thread page, `node --trace-gc`): the
 * live heap after a full collection is about 38 MB, but while collections are cheap V8 lets the old
 * generation grow to about four times that (150–180 MB of mostly garbage) before collecting, so
 * the process peaked at 240–260 MB resident. With growth capped at 50% it peaked at 169–176 MB for
 * the same CPU per request (2.5–2.7 ms, alternating runs). The flag changes only when full
 * collections run, never what survives them, so it is safe to set once the process has started.
 */
import v8 from 'node:v8';

export function limitHeapGrowth(percent: number): void {
  v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
}
