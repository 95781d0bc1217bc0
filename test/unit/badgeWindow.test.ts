/** The badge pages' times: absolute UTC windows, and where now stands in them. */
import { duration, shortDateTime, windowRange, windowText } from '../../server/services/badges/window';

const HOUR = 3_600_000;
const now = new Date('2026-11-26T14:00:00Z');
const window = { startsAt: new Date('2026-11-27T10:00:00Z'), endsAt: new Date('2026-11-28T10:00:00Z') };

it('says the window in absolute UTC times and how far off it is', () => {
  expect(windowText(window, now)).toBe('between 27 Nov 10:00 and 28 Nov 10:00 UTC, in 20 hours');
  expect(windowText(window, new Date('2026-11-27T22:00:00Z'))).toBe('between 27 Nov 10:00 and 28 Nov 10:00 UTC, within 12 hours');
  expect(windowText(window, new Date('2026-11-30T10:00:00Z'))).toBe('between 27 Nov 10:00 and 28 Nov 10:00 UTC, 2 days ago');
  expect(windowRange(window, now)).toBe('between 27 Nov 10:00 and 28 Nov 10:00 UTC');
});

it('names the year only outside the reference year', () => {
  expect(shortDateTime(new Date('2027-01-02T08:05:00Z'), now)).toBe('2 Jan 2027 08:05');
  expect(shortDateTime(new Date('2026-01-02T08:05:00Z'), now)).toBe('2 Jan 08:05');
});

it('rounds durations to the unit that reads naturally', () => {
  expect(duration(20 * 1000)).toBe('less than a minute');
  expect(duration(60_000)).toBe('1 minute');
  expect(duration(45 * 60_000)).toBe('45 minutes');
  expect(duration(59.7 * 60_000)).toBe('1 hour');
  expect(duration(20 * HOUR)).toBe('20 hours');
  expect(duration(47 * HOUR)).toBe('47 hours');
  expect(duration(72 * HOUR)).toBe('3 days');
});
