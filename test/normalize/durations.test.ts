import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMinutes } from '../../src/model/queries.js';
import { parseDuration } from '../../src/normalize/durations.js';

describe('hours and minutes', () => {
  it.each<[string, ReturnType<typeof parseDuration>]>([
    // Beside an hour part, minutes of 60 or more are malformed, as 1:75 is: unreadable, for invalid-minutes.
    ['1h 65m', { kind: 'invalid', text: '1h 65m' }],
    ['1 hr 60 min', { kind: 'invalid', text: '1 hr 60 min' }],
    ['2 hours 90 minutes', { kind: 'invalid', text: '2 hours 90 minutes' }],
    ['0h 75m', { kind: 'invalid', text: '0h 75m' }],
    // Readable ones as before.
    ['1h 59m', { kind: 'minutes', minutes: 119 }],
    ['1h 5m', { kind: 'minutes', minutes: 65 }],
    ['1.5 hrs', { kind: 'minutes', minutes: 90 }],
    ['1h 30.5m', { kind: 'minutes', minutes: 90.5 }],
    ['75m', { kind: 'minutes', minutes: 75 }],
    ['90 min', { kind: 'minutes', minutes: 90 }],
  ])('%j → %j', (cell, expected) => {
    expect(parseDuration(cell)).toEqual(expected);
  });
});

describe('adding minutes', () => {
  // Each entry's minutes are exact to the hundredth; a month's sum must be too, or 20 documented minutes can
  // compare below 20 (B01).
  it('sums of minutes exact to the hundredth equal the exact sum', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 12_000 }), { maxLength: 60 }), (hundredths) => {
        const sum = hundredths.reduce((total, h) => addMinutes(total, h / 100), 0);
        expect(sum).toBe(hundredths.reduce((a, b) => a + b, 0) / 100);
      }),
    );
  });
});
