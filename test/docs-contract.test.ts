/** docs/data-contract.md lists every alias, value, class, rename and published column the code has. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { INPUT_COLUMN_NAMES, INPUT_COLUMNS } from '../src/lib/columns.ts';
import { FIGURES } from '../src/lib/figure-columns.ts';
import { VOCABULARIES } from '../src/lib/parse-values.ts';
import { CATEGORIES, RECORD_COLUMNS } from '../src/lib/schema.ts';
import { siteConfig } from '../src/site.config.ts';

const doc = readFileSync(new URL('../docs/data-contract.md', import.meta.url), 'utf8');
/** A table row of the doc, cells trimmed, found by its first cell. */
function rowOf(first: string): string[] | undefined {
  return doc
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('|'))
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    )
    .find((cells) => cells[0] === first);
}

describe('docs/data-contract.md', () => {
  it('lists every input column with each of its header aliases', () => {
    for (const column of INPUT_COLUMN_NAMES) {
      const row = rowOf(column);
      expect(row, column).toBeDefined();
      expect(row![1], column).toBe(INPUT_COLUMNS[column].label);
      expect(row![2]!.split('、').sort(), column).toEqual(
        [...INPUT_COLUMNS[column].aliases].sort(),
      );
      expect(row![3], column).toBe(INPUT_COLUMNS[column].required ? '是' : '');
    }
  });

  it('lists every value of every vocabulary and each value alias', () => {
    for (const [column, vocabulary] of Object.entries(VOCABULARIES)) {
      const row = rowOf(column);
      const valueRow = doc
        .split('\n')
        .filter((line) => line.startsWith(`| ${column} `))
        .find((line) => line.includes('→') || line.includes('—'));
      expect(valueRow, column).toBeDefined();
      expect(row, column).toBeDefined();
      const cells = valueRow!.split('|').map((cell) => cell.trim());
      expect(cells[2]!.split('、'), column).toEqual([...vocabulary.values]);
      const aliases = Object.entries(vocabulary.aliases).map(([a, v]) => `${a}→${v}`);
      expect(cells[3] === '—' ? [] : cells[3]!.split('、'), column).toEqual(aliases);
    }
  });

  it('lists the classes, the configured renames and the published columns', () => {
    expect(doc).toContain(CATEGORIES.join('、'));
    for (const [label, category] of Object.entries(siteConfig.categoryRenames)) {
      expect(rowOf(label), label).toEqual([label, category]);
    }
    expect(doc).toContain(Object.keys(RECORD_COLUMNS).join('、'));
  });

  it('names every figure of src/lib/figure-columns.ts', () => {
    for (const figure of FIGURES) expect(doc, figure).toContain(`（\`${figure}\`）`);
  });
});
