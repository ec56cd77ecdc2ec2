import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatTimeRange, plural } from '../src/lib/format';

describe('UK dates', () => {
  it('writes dates the way people do in the UK', () => {
    expect(formatDate('2025-12-09')).toBe('Tue 9 Dec 2025');
    expect(formatDateTime('2025-12-09T14:00:00')).toBe('Tue 9 Dec 2025, 14:00');
    expect(formatTimeRange('2026-12-08T14:00:00', '2026-12-08T16:00:00')).toBe('Tue 8 Dec 2026, 14:00–16:00');
  });

  it('never shifts a calendar date by time zone', () => {
    expect(formatDate('2026-03-29')).toBe('Sun 29 Mar 2026');
  });

  it('counts in words', () => {
    expect(plural(1, 'seat')).toBe('1 seat');
    expect(plural(12, 'seat')).toBe('12 seats');
  });
});
