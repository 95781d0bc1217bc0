/**
 * The heap growth limit (lifecycle/heapGrowth.ts): configured by HEAP_GROWTH_PERCENT, and what it
 * changes is visible in a process: under the same churn (a steady live set and a stream of short-lived
 * garbage) the old generation's committed size stays lower with the limit than without it.
 */
import { execFileSync } from 'node:child_process';
import { loadConfig } from '../../server/config';

const CHURN = `
  const v8 = require('node:v8');
  if (process.argv[1] !== '0') v8.setFlagsFromString('--heap-growing-percent=' + process.argv[1]);
  const live = [];
  for (let i = 0; i < 300000; i += 1) live.push({ i, text: 'live ' + i });
  let peak = 0;
  // Objects that outlive the young generation (as a request's do while it awaits) and are then dropped.
  const ring = new Array(100000);
  for (let round = 0; round < 3000000; round += 1) {
    ring[round % ring.length] = { round, text: 'request ' + round, rows: [round, round + 1, round + 2] };
    if (round % 1000 === 0) peak = Math.max(peak, v8.getHeapSpaceStatistics().find((s) => s.space_name === 'old_space').space_size);
  }
  console.log(Math.round(peak / 1048576));
`;

function peakOldSpaceMb(percent: number): number {
  return Number(execFileSync(process.execPath, ['-e', CHURN, String(percent)], { encoding: 'utf8' }).trim());
}

describe('heap growth limit', () => {
  it('defaults to 50% and reads HEAP_GROWTH_PERCENT', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).heapGrowthPercent).toBe(50);
    expect(loadConfig({ NODE_ENV: 'test', HEAP_GROWTH_PERCENT: '25' }).heapGrowthPercent).toBe(25);
    expect(() => loadConfig({ NODE_ENV: 'test', HEAP_GROWTH_PERCENT: 'lots' })).toThrow(/HEAP_GROWTH_PERCENT/);
  });

  it('keeps the old generation smaller than V8 alone under the same churn', () => {
    const unlimited = peakOldSpaceMb(0);
    const limited = peakOldSpaceMb(20);
    expect(limited).toBeLessThan(unlimited);
  });
});
