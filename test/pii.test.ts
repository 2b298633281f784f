import { describe, expect, it } from 'vitest';
import {
  findJoinedPii,
  findPii,
  hasPii,
  isLuhnValid,
  isResidentId,
  type PiiKind,
} from '../src/lib/pii.ts';

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

  it('isResidentId rejects a wrong check digit or a wrong length, findPii still counts both', () => {
    expect(isResidentId(WRONG_CHECK)).toBe(false);
    expect(isResidentId(VALID_ID.slice(1))).toBe(false);
    expect(findPii(WRONG_CHECK).residentIds).toBe(1);
    expect(findPii('110105491231002').residentIds).toBe(1);
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

describe('the wider identifier patterns', () => {
  const cases: [string, PiiKind][] = [
    ['+8613912345678', 'mobiles'],
    ['8613912345678', 'mobiles'],
    ['008613912345678', 'mobiles'],
    ['+86 139 1234 5678', 'mobiles'],
    ['139.1234.5678', 'mobiles'],
    ['139·1234·5678', 'mobiles'],
    ['一三九一二三四五六七八', 'mobiles'],
    ['幺三九 幺二三四 五六七八', 'mobiles'],
    ['壹叁玖壹贰叁肆伍陆柒捌', 'mobiles'],
    ['１３９－１２３４－５６７８', 'mobiles'],
    ['0791-86123456', 'landlines'],
    ['(0791)86123456', 'landlines'],
    ['（0791）86123456', 'landlines'],
    ['010 12345678', 'landlines'],
    ['zhang.san@example.com', 'emails'],
    ['举报邮箱１２３４５６＠ｑｑ．ｃｏｍ', 'emails'],
    ['6222020200112233446', 'bankCards'],
    ['6222 0202 0011 2233 446', 'bankCards'],
    ['4111111111111111', 'bankCards'],
    ['E12345678', 'passports'],
    ['G12345678', 'passports'],
    ['EA1234567', 'passports'],
    ['H12345678', 'passports'],
    ['QQ 12345678', 'qq'],
    ['588886', 'qq'],
    ['wxid_abc123', 'wechat'],
    ['微信zhangsan_88', 'wechat'],
    ['一一〇一〇五一九四九一二三一〇〇二X', 'residentIds'],
    ['110105 19491231 002X', 'residentIds'],
  ];
  it.each(cases)('finds %s as %s', (text, kind) => {
    expect(findPii(text)[kind]).toBeGreaterThan(0);
  });

  it('checks Luhn', () => {
    expect(isLuhnValid('6222020200112233446')).toBe(true);
    expect(isLuhnValid('6222020200112233447')).toBe(false);
    expect(findPii('6222020200112233447').bankCards).toBe(0);
  });

  it('finds a mobile split across tags', () => {
    expect(findJoinedPii(['139', '1234', '5678']).mobiles).toBe(1);
    expect(findJoinedPii(['两拖欠', '逾期交房']).mobiles).toBe(0);
  });

  it('leaves vocabulary labels alone', () => {
    const labels = [
      '城关街道',
      '城关镇人民政府',
      '2023年专项',
      '2023-2024年专项',
      '2024.03.05',
      '2024-01-01至2024-03-31',
      '12345热线',
      '12345政务服务便民热线',
      '95598供电服务',
      '三跨三分离',
      '两拖欠',
      '一二三村',
      '第一二三四季度',
      'G318国道',
      'COVID-19',
      'PM2.5',
      '5G基站',
      'ISO9001',
      'S205省道',
      '区住建局',
      '涉法涉诉',
      '二〇二四年',
    ];
    expect(labels.filter(hasPii)).toEqual([]);
  });
});
