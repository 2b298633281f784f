/**
 * Which Arquero calls survive the site's CSP (no 'unsafe-eval'). bench:arquero runs this file with
 * `node --disallow-code-generation-from-strings`, the same rule for `Function` and `eval`, and
 * prints one line per call: ok, or the error and the Arquero source line that raised it.
 */
import * as aq from 'arquero';

const rows = Array.from({ length: 18 }, (_, i) => ({ key: `k${i % 3}`, month: i, n: i % 5 }));
// Arquero 8's declared Arrow input and the flechette Table it returns (2.6, the override) differ.
const ARROW = aq.toArrow(aq.table({ n: [1, 2] })) as unknown as Parameters<typeof aq.fromArrow>[0];
/** Arquero types an op shorthand (op.sum('n') outside an expression) as the value it stands for. */
const shorthand = (op: unknown): object => op as object;
const base = (): aq.ColumnTable => aq.from(rows);

const CALLS: [string, () => unknown][] = [
  ['aq.from(objects) + array(name)', () => base().array('n').length],
  ['aq.toArrow(table({n}))', () => aq.toArrow(aq.table({ n: [1, 2] }))],
  ['aq.fromArrow(Arrow table) + array(name)', () => aq.fromArrow(ARROW).array('n').length],
  ['select(name)', () => base().select('n').numRows()],
  ['groupby(name).count()', () => base().groupby('key').count().numRows()],
  [
    'groupby + rollup op.sum("n")',
    () =>
      base()
        .groupby('key')
        .rollup({ s: aq.op.sum('n') }),
  ],
  [
    'groupby + rollup op.array_agg',
    () =>
      base()
        .groupby('key')
        .rollup({ a: aq.op.array_agg('n') }),
  ],
  ['orderby(name)', () => base().orderby('month').numRows()],
  ['derive d => d.n * 2 (function)', () => base().derive({ x: (d: { n: number }) => d.n * 2 })],
  [
    'derive aq.escape(d => d.n * 2)',
    () => base().derive({ x: aq.escape((d: { n: number }) => d.n * 2) }),
  ],
  ['filter aq.escape(d => d.n > 1)', () => base().filter(aq.escape((d: { n: number }) => d.n > 1))],
  [
    'window op.lag("n", 1)',
    () =>
      base()
        .groupby('key')
        .derive({ p: shorthand(aq.op.lag('n', 1)) }),
  ],
  [
    'rolling op.sum over [-3, 0]',
    () => base().derive({ s: aq.rolling(shorthand(aq.op.sum('n')), [-3, 0]) }),
  ],
  [
    'impute with expand',
    () =>
      base()
        .groupby('key')
        .impute({ n: () => 0 }, { expand: 'month' }),
  ],
  ['objects()', () => base().objects().length],
];

let evalAllowed = true;
try {
  new Function('return 1')();
} catch {
  evalAllowed = false;
}
console.log(`code generation from strings: ${evalAllowed ? 'allowed' : 'disallowed'}`);
for (const [name, call] of CALLS) {
  try {
    call();
    console.log(`ok    ${name}`);
  } catch (error) {
    const stack = error instanceof Error ? (error.stack ?? '') : '';
    const at = /arquero\/src\/[^):]+:\d+/.exec(stack)?.[0] ?? '';
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    console.log(`FAIL  ${name}: ${message} (${at})`);
  }
}
