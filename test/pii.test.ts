import { describe, expect, it } from 'vitest';
import { findPii, hasPii, isResidentId } from '../src/lib/pii.ts';

/** The GB 11643 check character for 17 digits. */
function withCheck(digits17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...digits17].reduce((total, digit, i) => total + Number(digit) * weights[i]!, 0);
  return digits17 + '10X98765432'[sum % 11];
}

const VALID_ID = withCheck('11010519491231002'); // 11010519491231002X
const WRONG_CHECK = VALID_ID.slice(0, 17) + (VALID_ID.endsWith('0') ? '1' : '0');

describe('resident ID numbers', () => {
  it('accepts a valid check digit, in either case of X', () => {
    expect(VALID_ID).toBe('11010519491231002X');
    expect(isResidentId(VALID_ID)).toBe(true);
    expect(isResidentId(VALID_ID.toLowerCase())).toBe(true);
    expect(isResidentId(withCheck('44030119900101123'))).toBe(true);
  });

  it('rejects a wrong check digit or a wrong length', () => {
    expect(isResidentId(WRONG_CHECK)).toBe(false);
    expect(isResidentId(VALID_ID.slice(1))).toBe(false);
    expect(findPii(WRONG_CHECK).residentIds).toBe(0);
  });

  it('finds IDs inside longer text, in full-width digits, or split by spaces', () => {
    expect(findPii(`信访人身份证${VALID_ID}，住城关镇`).residentIds).toBe(1);
    const fullWidth = [...VALID_ID]
      .map((ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0))
      .join('');
    expect(findPii(fullWidth).residentIds).toBe(1);
    expect(
      findPii(`${VALID_ID.slice(0, 6)} ${VALID_ID.slice(6, 14)} ${VALID_ID.slice(14)}`).residentIds,
    ).toBe(1);
    expect(findPii(`${VALID_ID}和${withCheck('44030119900101123')}`).residentIds).toBe(2);
  });

  it('does not see an ID inside a longer digit run', () => {
    expect(findPii(`9${withCheck('44030119900101123').slice(0, 17)}7`).residentIds).toBe(0);
    expect(findPii(`1${VALID_ID.slice(0, 17)}12`).residentIds).toBe(0);
  });
});

describe('mobile numbers', () => {
  it('finds 1[3-9] + 9 digits, also in text and with separators', () => {
    expect(findPii('13800138000').mobiles).toBe(1);
    expect(findPii('电话：19912345678。').mobiles).toBe(1);
    expect(findPii('138-0013-8000').mobiles).toBe(1);
    expect(findPii('138 0013 8000').mobiles).toBe(1);
    expect(findPii('１３８００１３８０００').mobiles).toBe(1);
  });

  it('ignores other numbers', () => {
    expect(findPii('12800138000').mobiles).toBe(0);
    expect(findPii('1380013800').mobiles).toBe(0);
    expect(findPii('013800138000').mobiles).toBe(0);
    expect(findPii('编号202403051380').mobiles).toBe(0);
    expect(hasPii('城关镇人民政府')).toBe(false);
    expect(hasPii('2024-03-05')).toBe(false);
  });
});
