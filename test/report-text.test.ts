import { describe, expect, it } from 'vitest';
import { reportPeriod, type Compare } from '../src/lib/periods.ts';
import type { SqlRow } from '../src/lib/query-runner.ts';
import { assembleReport, type Report } from '../src/lib/report.ts';
import { placeWord } from '../src/lib/wording.ts';
import { siteConfig } from '../src/site.config.ts';

type Side = 'current' | 'previous';

function visit(
  side: Side,
  level: string,
  batches: number,
  persons: number,
  collective = false,
): SqlRow {
  return {
    side,
    record_type: '登记',
    channel: '来访',
    level,
    collective,
    batches,
    persons,
    leader_batches: 0,
    leader_persons: 0,
    repeat_batches: 0,
  };
}

function letters(side: Side, batches: number): SqlRow {
  return { ...visit(side, '本级', batches, batches), channel: '来信' };
}

function persuaded(side: Side, level: string, batches: number, persons: number): SqlRow {
  return { ...visit(side, level, batches, persons), record_type: '劝返' };
}

function report(counts: SqlRow[], compare: Compare = 'yoy', rates: SqlRow[] = []): Report {
  const period =
    compare === 'yoy'
      ? reportPeriod({ from: '2024-01', to: '2024-09' }, 'yoy')
      : reportPeriod({ from: '2024-07', to: '2024-09' }, 'mom');
  return assembleReport(
    period,
    { first: '2023-01-02', last: '2024-09-28', records: 1 },
    { counts, categories: [], regions: [], rates },
    {
      collectiveThreshold: 5,
      ruleOfLaw: siteConfig.ruleOfLaw,
      placeName: '我区',
      regionLabel: '乡镇（街道）',
    },
  );
}

function line(text: string, start: string): string {
  return text.split('\n').find((l) => l.startsWith(start)) ?? '';
}

describe('briefing text', () => {
  it('writes the reference briefing sentences', () => {
    const text = report([
      visit('current', '进京', 16, 17),
      visit('previous', '进京', 15, 16),
      persuaded('current', '进京', 143, 268),
      visit('current', '赴省', 98, 140),
      visit('current', '赴省', 4, 39, true),
      visit('previous', '赴省', 42, 84),
      letters('current', 452),
      letters('previous', 446),
    ]).text;
    expect(text).toContain(
      '一是进京走访。登记16批17人次，同比去年15批16人次，批次、人次分别上升6.7%和6.3%，另外劝返进京走访143批268人次。',
    );
    expect(text).toContain(
      '二是赴省走访。登记102批179人次，同比去年42批84人次，批次、人次分别上升142.9%和113.1%，其中集体访4批39人次。',
    );
    expect(line(text, '1-9月份')).toBe(
      '1-9月份，我区共发生登记信访事项570批648人次，较去年同期503批546人次，分别上升13.3%和18.7%。其中来信452件、来访118批196人次。',
    );
  });

  it('handles mixed directions, 持平 and equal changes', () => {
    const text = report([
      visit('current', '进京', 12, 9 + 3),
      visit('previous', '进京', 10, 15),
      visit('current', '赴省', 5, 7),
      visit('previous', '赴省', 5, 7),
      visit('current', '到市', 5, 9),
      visit('previous', '到市', 5, 6),
      visit('current', '本级', 11, 22),
      visit('previous', '本级', 10, 20),
    ]).text;
    expect(text).toContain(
      '一是进京走访。登记12批12人次，同比去年10批15人次，批次上升20.0%、人次下降20.0%。',
    );
    expect(text).toContain('二是赴省走访。登记5批7人次，同比去年5批7人次，批次、人次均持平。');
    expect(text).toContain(
      '三是到市走访。登记5批9人次，同比去年5批6人次，批次持平、人次上升50.0%。',
    );
    expect(text).toContain(
      '四是本级走访。登记11批22人次，同比去年10批20人次，批次、人次均上升10.0%。',
    );
  });

  it('says what did not happen instead of printing zeros', () => {
    const text = report([
      visit('previous', '进京', 15, 16),
      visit('current', '赴省', 3, 4),
      persuaded('current', '到市', 2, 9),
    ]).text;
    expect(text).toContain('一是进京走访。未发生进京走访登记，去年同期为15批16人次。');
    expect(text).toContain('二是赴省走访。登记3批4人次，去年同期为0。');
    expect(text).toContain('三是到市走访。未发生到市走访登记，另外劝返到市走访2批9人次。');
    expect(text).toContain('四是本级走访。未发生本级走访登记。');
    expect(text).toContain('（二）领导干部接访情况。1-9月份，无领导干部接访登记。');
    expect(text).toContain('（三）领导包案化解信访事项情况。1-9月份，无领导包案信访事项。');
    expect(text).toContain('（五）信访工作法治化考核情况。1-9月份无到期考核事项，不计算得分。');
    expect(text).toContain(
      '二、存在问题\n一是部分层级走访增加。赴省走访登记3批4人次，去年同期为0。',
    );
    expect(text).not.toContain('重复信访');
  });

  it('writes an empty period without figures', () => {
    const text = report([]).text;
    expect(line(text, '1-9月份')).toBe('1-9月份，我区未发生登记信访事项。');
    expect(text).toContain('（一）走访情况分析。未发生走访登记。');
    expect(
      text.endsWith(
        '二、存在问题\n一是登记批次未见增加。各层级走访、各问题类别和各乡镇（街道）登记批次均未增加。',
      ),
    ).toBe(true);
    expect(text).not.toMatch(/undefined|NaN|null|Infinity/);
  });

  it('uses 环比 wording for --compare mom', () => {
    const r = report(
      [
        visit('current', '进京', 2, 2),
        visit('previous', '进京', 4, 4),
        visit('current', '赴省', 1, 1),
      ],
      'mom',
    );
    expect(r.period).toMatchObject({ compareFrom: '2024-04', compareTo: '2024-06' });
    expect(r.text).toContain('一、2024年7-9月信访情况');
    expect(r.text).toContain(
      '7-9月份，我区共发生登记信访事项3批3人次，较上期4批4人次，均下降25.0%。',
    );
    expect(r.text).toContain('登记2批2人次，环比上期4批4人次，批次、人次均下降50.0%。');
    expect(r.text).toContain('二是赴省走访。登记1批1人次，上期为0。');
  });

  it('reports leader cases, supervision and the 法治化 terms from the rates row', () => {
    const rates: SqlRow = {
      side: 'current',
      leader_cases: 25,
      leader_cases_resolved: 24,
      supervised: 41,
      supervised_resolved: 36,
      acceptance_due: 114,
      acceptance_in_time: 112,
      closure_due: 142,
      closure_on_time: 136,
      supervision_due: 21,
      supervision_resolved: 15,
    };
    const text = report([visit('current', '本级', 1, 1)], 'yoy', [rates]).text;
    expect(text).toContain('领导包案信访事项共25件，目前已经化解24件，化解率96.0%。');
    expect(text).toContain('上级督办信访事项共41件，目前已经化解36件，化解率87.8%。');
    expect(text).toContain(
      '1-9月份按本地数据测算总得分2.229分。其中：应受理未受理占比，应受理件数为114件，未按规定受理件数2件，受理件数112件，112÷114×1.2=1.179分；',
    );
    expect(text).toContain(
      '督办到期件数为21件，督办后未化解的6件，化解件数15件，15÷21×0.8=0.571分。',
    );
  });
});

describe('wording', () => {
  it('derives the place word from the bureau name', () => {
    expect(placeWord('示例区信访局')).toBe('我区');
    expect(placeWord('某某县信访局')).toBe('我县');
    expect(placeWord('某某市人民政府信访局')).toBe('我市');
    expect(placeWord('信访办公室')).toBe('我区');
  });
});
