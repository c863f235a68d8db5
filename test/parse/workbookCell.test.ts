import { describe, expect, it } from 'vitest';
import { displayedNumber } from '../../pipeline/parse/workbookCell.ts';

// workbookCell itself is exercised cell type by cell type in readWorkbook.test.ts.
describe('displayedNumber', () => {
  it('keeps the decimals and the percent of the cell format, never rounding the stored value', () => {
    expect(displayedNumber(2, '0.0')).toBe('2.0');
    expect(displayedNumber(32.6, undefined)).toBe('32.6');
    expect(displayedNumber(32.6, 'General')).toBe('32.6');
    expect(displayedNumber(0.326, '0.0%')).toBe('32.6%');
    expect(displayedNumber(0.5, '0%')).toBe('50%');
    expect(displayedNumber(0.3265, '0.0%')).toBe('32.65%');
    expect(displayedNumber(1500, '#,##0')).toBe('1500');
    expect(displayedNumber(1500.5, '#,##0.00')).toBe('1500.50');
    expect(displayedNumber(54.5, '0')).toBe('54.5');
    expect(displayedNumber(11, '0.0 "cm"')).toBe('11.0');
    expect(displayedNumber(-4.2, '0.00;[Red]-0.00')).toBe('-4.20');
    expect(displayedNumber(1234, '0.00E+00')).toBe('1234');
    expect(displayedNumber(12, '"$"#,##0.00')).toBe('12.00');
  });
});
