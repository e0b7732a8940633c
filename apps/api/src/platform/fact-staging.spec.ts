import { copyText } from './fact-staging.js';

describe('copyText', () => {
  it('should write \\N when the value is null or undefined', () => {
    expect(copyText(null)).toBe('\\N');
    expect(copyText(undefined)).toBe('\\N');
  });

  it('should escape backslashes, tabs and line breaks when a text holds them', () => {
    expect(copyText('a\\b\tc\nd\re')).toBe('a\\\\b\\tc\\nd\\re');
    expect(copyText('\\N')).toBe('\\\\N');
  });

  it('should keep plain text, decimals and numbers as they are when nothing needs escaping', () => {
    expect(copyText('钒钛技术服务 第1项')).toBe('钒钛技术服务 第1项');
    expect(copyText('92708000.00')).toBe('92708000.00');
    expect(copyText(1723)).toBe('1723');
  });
});
