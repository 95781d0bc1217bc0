/** The shutdown registry: what later SSE streams and workers plug into. */
import { createLifecycle } from '../../server/lifecycle/shutdown';

it('runs every closer once, marks the process as stopping, and reports a failing closer without skipping the others', async () => {
  const lifecycle = createLifecycle();
  const closed: string[] = [];
  lifecycle.onShutdown('timer', () => { closed.push('timer'); });
  lifecycle.onShutdown('broken', () => { throw new Error('cannot close'); });
  lifecycle.onShutdown('streams', async () => {
    await new Promise((resolve) => setTimeout(resolve, 10));
    closed.push('streams');
  });
  expect(lifecycle.stopping).toBe(false);

  const first = lifecycle.closeAll();
  expect(lifecycle.stopping).toBe(true);
  const failures = await first;
  await lifecycle.closeAll();

  expect(closed.sort()).toEqual(['streams', 'timer']);
  expect(failures.map((failure) => [failure.name, (failure.error as Error).message])).toEqual([['broken', 'cannot close']]);
});

it('refuses two closers under one name, so one part cannot silently replace another', () => {
  const lifecycle = createLifecycle();
  lifecycle.onShutdown('outbox worker', () => undefined);
  expect(() => lifecycle.onShutdown('outbox worker', () => undefined)).toThrow(/already registered/);
});
