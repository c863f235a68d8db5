import { describe, expect, it } from 'vitest';
import { formatDate } from '../../pipeline/report/formatDate.ts';

describe('formatDate', () => {
  it('writes an ISO timestamp as day, month name, year and UTC time to the minute', () => {
    expect(formatDate('2026-12-01T20:52:31.123Z')).toBe('1 December 2026, 20:52 UTC');
    expect(formatDate('2025-01-09T03:04:00Z')).toBe('9 January 2025, 03:04 UTC');
    // An offset is converted to UTC.
    expect(formatDate('2026-06-30T23:30:00-02:00')).toBe('1 July 2026, 01:30 UTC');
  });

  it('returns text that is not a timestamp unchanged', () => {
    expect(formatDate('–')).toBe('–');
    expect(formatDate('yesterday')).toBe('yesterday');
  });
});
