import { describe, expect, it } from 'vitest';
import {
  OTHER_CATEGORY,
  createCategoryParser,
  HIDDEN_LABEL,
  dayFromParts,
  formatDay,
  isProblem,
  normalisePetitionerId,
  parseBoolean,
  parseDay,
  parsePersons,
  parseVocabulary,
  splitTags,
  type Problem,
} from '../src/lib/parse-values.ts';

const MARCH_5 = dayFromParts(2024, 3, 5)!;
const day = (value: Parameters<typeof parseDay>[0], latest?: number): number | Problem =>
  parseDay(value, latest);

describe('dates', () => {
  it('reads every contract format as the same day', () => {
    for (const text of [
      '2024-03-05',
      '2024/3/5',
      '2024.3.5',
      '2024年3月5日',
      '2024年03月05日',
      ' 2024-3-5 ',
      '２０２４－０３－０５',
      '2024-03-05 14:30:00',
      '2024/3/5 9:05',
      '20240305',
      '45356',
      '45356.75',
    ]) {
      expect(day(text), text).toBe(MARCH_5);
    }
    expect(formatDay(MARCH_5)).toBe('2024-03-05');
  });

  it('reads XLSX cells: Date objects and Excel serial numbers', () => {
    expect(day(new Date(Date.UTC(2024, 2, 5)))).toBe(MARCH_5);
    expect(day(45356)).toBe(MARCH_5);
    expect(day(45356.5)).toBe(MARCH_5);
  });

  it('agrees with the calendar, leap years included', () => {
    expect(dayFromParts(1970, 1, 1)).toBe(0);
    expect(dayFromParts(2000, 1, 1)).toBe(10_957);
    expect(dayFromParts(2024, 2, 29)).toBe(Date.UTC(2024, 1, 29) / 86_400_000);
    expect(dayFromParts(2023, 2, 29)).toBeNull();
    expect(dayFromParts(1900, 2, 29)).toBeNull();
    expect(dayFromParts(2024, 4, 31)).toBeNull();
    expect(dayFromParts(2024, 13, 1)).toBeNull();
  });

  it('describes what was wrong without repeating the value', () => {
    expect(day('下周一')).toEqual({ kind: '非日期文本', reason: '日期无法识别' });
    expect(day('2022.3')).toEqual({ kind: '非日期文本', reason: '日期无法识别' });
    expect(day('2024')).toMatchObject({ kind: '非日期文本' });
    expect(day('2024-02-30')).toEqual({ kind: '不存在的日期', reason: '日期无法识别' });
    expect(day('2024-13-01')).toMatchObject({ kind: '不存在的日期' });
    expect(day(-3)).toMatchObject({ kind: '非日期序号的数字' });
    expect(day('1999-12-31')).toMatchObject({
      kind: '早于2000年的日期',
      reason: expect.stringContaining('超出范围'),
    });
    expect(day('2024-03-06', MARCH_5)).toMatchObject({ kind: '晚于构建日期的日期' });
    expect(day('2024-03-05', MARCH_5)).toBe(MARCH_5);
  });
});

describe('booleans', () => {
  it('reads 是/否, Y/N, 1/0, true/false; empty is 否', () => {
    for (const yes of ['是', 'Y', 'y', 'yes', '1', 'true', 'TRUE', ' 是 ', 1, true]) {
      expect(parseBoolean(yes), String(yes)).toBe(true);
    }
    for (const no of ['否', 'N', 'n', 'no', '0', 'false', 'False', '', null, undefined, 0, false]) {
      expect(parseBoolean(no), String(no)).toBe(false);
    }
  });

  it('refuses anything else', () => {
    const result = parseBoolean('也许');
    expect(isProblem(result) && result.reason).toContain('不是是/否值');
    expect(isProblem(parseBoolean(2))).toBe(true);
  });
});

describe('persons', () => {
  it('is an integer ≥ 1, 1 when empty', () => {
    expect(parsePersons('')).toBe(1);
    expect(parsePersons(null)).toBe(1);
    expect(parsePersons('3')).toBe(3);
    expect(parsePersons(' 12 ')).toBe(12);
    expect(parsePersons('5人')).toBe(5);
    expect(parsePersons('３')).toBe(3);
    expect(parsePersons(7)).toBe(7);
    expect(parsePersons('2.0')).toBe(2);
  });

  it('names the kind of a bad value', () => {
    expect(parsePersons('0')).toEqual({ kind: '零或负数', reason: '人数不是正整数' });
    expect(parsePersons('-2')).toMatchObject({ kind: '零或负数' });
    expect(parsePersons('1.5')).toMatchObject({ kind: '小数' });
    expect(parsePersons(2.5)).toMatchObject({ kind: '小数' });
    expect(parsePersons('多人')).toMatchObject({ kind: '非数字文本' });
    expect(parsePersons('100001')).toMatchObject({ kind: expect.stringContaining('过大') });
  });
});

describe('vocabularies', () => {
  it('maps the contract aliases', () => {
    const cases: [Parameters<typeof parseVocabulary>[0], string, string][] = [
      ['channel', '走访', '来访'],
      ['channel', '信件', '来信'],
      ['channel', '网信', '网上信访'],
      ['channel', '网上投诉', '网上信访'],
      ['channel', ' 电话 ', '电话'],
      ['level', '国家', '进京'],
      ['level', '京', '进京'],
      ['level', '省', '赴省'],
      ['level', '市', '到市'],
      ['level', '来区', '本级'],
      ['level', '到县', '本级'],
      ['level', '本区', '本级'],
      ['level', '本县', '本级'],
      ['record_type', '劝返', '劝返'],
      ['acceptance', '不予受理', '不予受理'],
      ['satisfaction', '基本满意', '基本满意'],
      ['source', '上级交办', '上级交办'],
      ['purpose', '揭发控告', '揭发控告'],
    ];
    for (const [column, text, value] of cases) {
      expect(parseVocabulary(column, text), `${column} ${text}`).toBe(value);
    }
  });

  it('gives defaults for empty cells', () => {
    expect(parseVocabulary('record_type', '')).toBe('登记');
    expect(parseVocabulary('source', '')).toBe('本级登记');
    expect(parseVocabulary('acceptance', '')).toBe('待受理');
    expect(parseVocabulary('satisfaction', '')).toBe('未评价');
    expect(parseVocabulary('purpose', '')).toBeNull();
    expect(parseVocabulary('channel', '')).toBeNull();
  });

  it('refuses unknown values, listing the allowed ones', () => {
    expect(parseVocabulary('channel', '传真')).toEqual({
      kind: '未识别的取值',
      reason: '信访形式不在取值范围内（可用：来信、来访、网上信访、电话）',
    });
    expect(parseVocabulary('level', '到乡')).toMatchObject({
      reason: expect.stringContaining('信访层级'),
    });
  });
});

describe('categories', () => {
  const renames = {
    国土资源: '自然资源',
    卫生计生: '卫生健康',
    环境保护: '生态环境',
    民政: '民政与应急',
  };
  const parse = createCategoryParser(['网格治理'], renames);

  it('keeps current classes and extra classes by configuration; renames only the configured', () => {
    expect(parse('城乡建设')).toEqual({ category: '城乡建设', label: '城乡建设', how: 'class' });
    expect(parse('网格治理')).toEqual({ category: '网格治理', label: '网格治理', how: 'class' });
    expect(parse('卫生计生')).toEqual({ category: '卫生健康', label: '卫生计生', how: 'rename' });
    expect(parse('民政')).toEqual({ category: '民政与应急', label: '民政', how: 'rename' });
    expect(createCategoryParser()('卫生计生')).toMatchObject({ category: '卫生计生', how: 'own' });
  });

  it('keeps the lossy old classes and unknown labels as their own class, never 其他', () => {
    expect(parse('教育文体')).toEqual({ category: '教育文体', label: '教育文体', how: 'own' });
    expect(parse('商贸旅游')).toEqual({ category: '商贸旅游', label: '商贸旅游', how: 'own' });
    expect(parse('涉法涉诉')).toEqual({ category: '涉法涉诉', label: '涉法涉诉', how: 'own' });
    expect(createCategoryParser()('网格治理')).toMatchObject({ category: '网格治理', how: 'own' });
  });

  it('does not publish a label that looks personal or is long: it counts under 其他', () => {
    expect(parse('电话13812345678')).toEqual({
      category: OTHER_CATEGORY,
      label: HIDDEN_LABEL,
      how: 'hidden',
    });
    expect(parse('很'.repeat(31))).toMatchObject({ category: OTHER_CATEGORY, how: 'hidden' });
  });
});

describe('tags and petitioner ids', () => {
  it('splits tags on ; ； , ， 、', () => {
    expect(splitTags('两拖欠; 涉法涉诉；三跨三分离、逾期交房,两拖欠，其他')).toEqual([
      '两拖欠',
      '涉法涉诉',
      '三跨三分离',
      '逾期交房',
      '其他',
    ]);
    expect(splitTags(' ; ')).toEqual([]);
  });

  it('normalises ids: trimmed, upper-case X, half-width', () => {
    expect(normalisePetitionerId(' 11010519491231002x ')).toBe('11010519491231002X');
    expect(normalisePetitionerId('１１０')).toBe('110');
  });
});
