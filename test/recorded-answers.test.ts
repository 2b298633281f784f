import { describe, expect, it, vi } from 'vitest';
import {
  acceptedFile,
  recordedAnswers,
  recordedFiles,
  recordedRunners,
} from '../src/browser/recorded-answers.ts';
import { scopeOf } from '../src/dashboard/scope.ts';
import type { Query, QueryRunner, SqlRow } from '../src/lib/query-runner.ts';
import {
  decodeRows,
  encodeRows,
  fnv1a64,
  queryKey,
  RECORDED_FORMAT,
  recordedPath,
  recordedViews,
  REPORT_ANSWERS,
  reportKey,
  sharedPath,
  viewKey,
  type RecordedFile,
} from '../src/lib/recorded-answers.ts';
import { DEFAULT_VIEW, type KnownValues } from '../src/lib/view-state.ts';

const known: KnownValues & { cutoff: string } = {
  firstMonth: '2023-01',
  latestMonth: '2024-09',
  categories: ['城乡建设', '劳动和社会保障'],
  regions: ['城关街道', '东湖镇'],
  tags: ['两拖欠'],
  cutoff: '2024-09-30',
};

const DATA = 'data-1';
const BASE = 'http://intranet.example/xf/';
const asked: Query = { sql: 'SELECT side, n FROM cube WHERE level = ?', params: ['赴省'] };
const other: Query = { sql: 'SELECT side, n FROM cube WHERE level = ?', params: ['进京'] };
const big: Query = { sql: 'SELECT unit, days FROM cube_timing WHERE level = ?', params: ['赴省'] };
const recordedRows: SqlRow[] = [
  { side: 'current', n: 3 },
  { side: 'previous', n: 0 },
];
const engineRows: SqlRow[] = [{ side: 'current', n: 99 }];

function file(overrides: Partial<RecordedFile> = {}): RecordedFile {
  return {
    format: RECORDED_FORMAT,
    data: DATA,
    of: 'levels',
    key: '?level=赴省',
    answers: { [queryKey(asked)]: encodeRows(recordedRows)! },
    shared: [],
    ...overrides,
  };
}

/** The engine, counting what it is asked. */
function engine(): QueryRunner & { asked: Query[] } {
  const queries: Query[] = [];
  return Object.assign(
    async (query: Query) => {
      queries.push(query);
      return engineRows.map((row) => ({ ...row }));
    },
    { asked: queries },
  );
}

/** A server holding `files` by path under BASE, counting what is fetched. */
function server(files: Record<string, unknown>) {
  const fetched: string[] = [];
  const read = vi.fn(async (url: string) => {
    fetched.push(url);
    const path = new URL(url).pathname.slice(new URL(BASE).pathname.length);
    if (!(path in files)) return null;
    return JSON.parse(JSON.stringify(files[path])) as unknown;
  });
  return { read, fetched };
}

describe('recorded answers in the browser (the QueryRunner decorator)', () => {
  it('answers a query the file holds without the engine, with fresh rows each time', async () => {
    const run = engine();
    const answers = recordedAnswers(Promise.resolve(file()), recordedFiles(BASE, DATA), run);
    const first = await answers(asked);
    expect(first).toEqual(recordedRows);
    first[0]!['n'] = -1;
    expect(await answers(asked)).toEqual(recordedRows);
    expect(run.asked).toEqual([]);
  });

  it('asks the engine for a query the file does not hold, and when there is no file', async () => {
    const run = engine();
    const answers = recordedAnswers(Promise.resolve(file()), recordedFiles(BASE, DATA), run);
    expect(await answers(other)).toEqual(engineRows);
    const none = recordedAnswers(Promise.resolve(null), recordedFiles(BASE, DATA), run);
    expect(await none(asked)).toEqual(engineRows);
    expect(run.asked).toEqual([other, asked]);
  });

  it('takes a shared answer from its own file', async () => {
    const rows: SqlRow[] = [{ unit: '市住建局', days: 12 }];
    const { read, fetched } = server({
      [sharedPath(queryKey(big))]: file({
        of: 'query',
        key: queryKey(big),
        answers: { [queryKey(big)]: encodeRows(rows)! },
      }),
    });
    const run = engine();
    const answers = recordedAnswers(
      Promise.resolve(file({ shared: [queryKey(big)] })),
      recordedFiles(BASE, DATA, read),
      run,
    );
    expect(await answers(big)).toEqual(rows);
    expect(await answers(big)).toEqual(rows);
    expect(fetched).toEqual([`${BASE}${sharedPath(queryKey(big))}?v=${DATA}`]);
    expect(run.asked).toEqual([]);
  });

  it('refuses a file of other data, of another format or of no shape: the engine answers', async () => {
    const path = recordedPath('levels', '?level=赴省');
    for (const bad of [
      file({ data: 'data-0' }),
      { ...file(), format: RECORDED_FORMAT + 1 },
      { ...file(), shared: undefined },
      'not a file',
      null,
    ]) {
      const { read } = server({ [path]: bad });
      const files = recordedFiles(BASE, DATA, read);
      const run = engine();
      expect(await recordedAnswers(files(path), files, run)(asked)).toEqual(engineRows);
      expect(run.asked).toEqual([asked]);
    }
    expect(acceptedFile(file(), DATA)).not.toBeNull();
  });

  it('a shared answer of other data is refused too', async () => {
    const { read } = server({
      [sharedPath(queryKey(big))]: file({
        data: 'data-0',
        of: 'query',
        key: queryKey(big),
        answers: { [queryKey(big)]: encodeRows([{ unit: '市住建局', days: 12 }])! },
      }),
    });
    const run = engine();
    const answers = recordedAnswers(
      Promise.resolve(file({ shared: [queryKey(big)] })),
      recordedFiles(BASE, DATA, read),
      run,
    );
    await answers(big);
    expect(run.asked).toEqual([big]);
  });

  it('a file that cannot be fetched leaves every query to the engine', async () => {
    const files = recordedFiles(BASE, DATA, () => Promise.reject(new Error('offline')));
    const run = engine();
    const path = recordedPath('levels', '?level=赴省');
    expect(await recordedAnswers(files(path), files, run)(asked)).toEqual(engineRows);
  });

  it('fetches the files of recorded views only, each once, with the data id in the URL', async () => {
    const { read, fetched } = server({});
    const runners = recordedRunners(known, recordedFiles(BASE, DATA, read), engine());
    const oneAway = { ...DEFAULT_VIEW, region: '东湖镇' };
    await runners.view('regions', oneAway)(asked);
    await runners.view('regions', oneAway)(other);
    await runners.view('regions', { ...oneAway, level: '赴省' })(asked);
    await runners.report(scopeOf(DEFAULT_VIEW, known.cutoff))(asked);
    await runners.report(scopeOf({ ...DEFAULT_VIEW, compare: 'mom' }, known.cutoff))(asked);
    expect(fetched).toEqual([
      `${BASE}${recordedPath('regions', viewKey(oneAway))}?v=${DATA}`,
      `${BASE}${recordedPath(
        REPORT_ANSWERS,
        reportKey(scopeOf({ ...DEFAULT_VIEW, compare: 'mom' }, known.cutoff)),
      )}?v=${DATA}`,
    ]);
  });

  it('without recorded answers (a page built without them) every query goes to the engine', async () => {
    const run = engine();
    const runners = recordedRunners(known, null, run);
    expect(await runners.view('levels', DEFAULT_VIEW)(asked)).toEqual(engineRows);
  });
});

describe('what is recorded, and how', () => {
  it('records the default view and each view one change of the form away', () => {
    const views = recordedViews(known).map(viewKey);
    expect(new Set(views).size).toBe(views.length);
    expect(views).toHaveLength(1 + 3 + 1 + 1 + 4 + 4 + 2 + 2 + 1);
    expect(views).toContain('');
    expect(views.map(decodeURIComponent)).toEqual(
      expect.arrayContaining([
        '?period=last12',
        '?period=custom&from=2024-01&to=2024-09',
        '?cmp=mom',
        '?measure=persons',
        '?channel=来访',
        '?level=本级',
        '?category=劳动和社会保障',
        '?region=东湖镇',
        '?tag=两拖欠',
      ]),
    );
  });

  it('keys a query by its exact SQL text and bound values', () => {
    expect(queryKey(asked)).not.toBe(queryKey(other));
    expect(queryKey({ sql: asked.sql, params: [...asked.params] })).toBe(queryKey(asked));
    expect(queryKey({ sql: 'SELECT ?', params: [1] })).not.toBe(
      queryKey({ sql: 'SELECT ?', params: ['1'] }),
    );
  });

  it('hashes with 64-bit FNV-1a (published test vectors)', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
  });

  it('gives back exactly the rows it was given, repeated strings as indexes', () => {
    const rows: SqlRow[] = [
      { side: 'current', unit: '市住建局', days: 3, rate: 0.1 + 0.2, ok: true, note: null },
      { side: 'current', unit: null, days: 0, rate: 1e-300, ok: false, note: '无' },
      { side: 'previous', unit: '市住建局', days: 12, rate: 2 ** 53, ok: true, note: null },
      { side: 'previous', unit: '市住建局', days: 400, rate: -1.5, ok: false, note: '无' },
    ];
    const encoded = encodeRows(rows)!;
    expect(encoded.values[0]).toEqual({ strings: ['current', 'previous'], ids: [0, 0, 1, 1] });
    expect(decodeRows(JSON.parse(JSON.stringify(encoded)))).toEqual(rows);
    expect(decodeRows(encodeRows([])!)).toEqual([]);
  });

  it('does not record what JSON would not give back exactly', () => {
    for (const value of [NaN, Infinity, -Infinity, -0]) {
      expect(encodeRows([{ n: 1 }, { n: value }])).toBeNull();
    }
    expect(encodeRows([{ a: 1 }, { b: 1 }])).toBeNull();
  });
});
