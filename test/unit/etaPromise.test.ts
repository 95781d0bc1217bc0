/** Reading a promised window or date into the words shown and a due time. */
import { parsePromise } from '../../server/services/etaPromise';
import { ValidationError } from '../../server/errors';

const now = new Date('2026-11-26T10:00:00Z');

it('turns a window into its words and a due time at the upper bound', () => {
  expect(parsePromise({ window: '24-48 hours' }, now)).toEqual({ promisedWindow: '24-48 hours', dueAt: new Date('2026-11-28T10:00:00Z') });
  expect(parsePromise({ window: 'within 72 hours' }, now)).toEqual({ promisedWindow: '72 hours', dueAt: new Date('2026-11-29T10:00:00Z') });
  expect(parsePromise({ window: '2-3 days' }, now)).toEqual({ promisedWindow: '2-3 days', dueAt: new Date('2026-11-29T10:00:00Z') });
  expect(parsePromise({ window: '24 – 48 h' }, now).promisedWindow).toBe('24-48 hours');
});

it('accepts ranges of weeks, and refuses more than 90 days in any unit', () => {
  expect(parsePromise({ window: '1-2 weeks' }, now)).toEqual({ promisedWindow: '1-2 weeks', dueAt: new Date('2026-12-10T10:00:00Z') });
  expect(parsePromise({ window: 'within 3 wks' }, now)).toEqual({ promisedWindow: '3 weeks', dueAt: new Date('2026-12-17T10:00:00Z') });
  expect(parsePromise({ window: '10-14 days' }, now).promisedWindow).toBe('10-14 days');
  expect(() => parsePromise({ window: '2-14 weeks' }, now)).toThrow(ValidationError);
});

it('turns a date into the end of that day, and a date-time into that minute (UTC)', () => {
  expect(parsePromise({ due: '2026-11-30' }, now)).toEqual({ promisedWindow: 'by Nov 30, 2026', dueAt: new Date('2026-11-30T23:59:00Z') });
  expect(parsePromise({ due: '2026-11-27T15:30' }, now).dueAt).toEqual(new Date('2026-11-27T15:30:00Z'));
});

it('allows a note without a promised time', () => {
  expect(parsePromise({ window: ' ', due: '' }, now)).toEqual({ promisedWindow: null, dueAt: null });
});

it('refuses windows and dates that make no sense, naming the field', () => {
  const fieldOf = (input: { window?: string; due?: string }) => {
    try {
      parsePromise(input, now);
      return null;
    } catch (error) {
      return Object.keys((error as ValidationError).fieldErrors)[0];
    }
  };
  expect(fieldOf({ window: 'soon' })).toBe('window');
  expect(fieldOf({ window: '48-24 hours' })).toBe('window');
  expect(fieldOf({ window: '0 hours' })).toBe('window');
  expect(fieldOf({ window: '999 days' })).toBe('window');
  expect(fieldOf({ due: '2026-11-25' })).toBe('due');
  expect(fieldOf({ due: 'tomorrow' })).toBe('due');
  expect(fieldOf({ due: '2026-02-31x' })).toBe('due');
  expect(fieldOf({ window: '24 hours', due: '2026-12-01' })).toBe('window');
});
