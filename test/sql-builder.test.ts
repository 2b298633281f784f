import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { columnType, list, literal, name, sql } from '../src/lib/sql.ts';
import { runQuery, runStatement } from '../src/node/duckdb-node.ts';

describe('the SQL builder', () => {
  let dir: string;
  let instance: DuckDBInstance;
  let connection: DuckDBConnection;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sql-builder-'));
    instance = await DuckDBInstance.create(':memory:');
    connection = await instance.connect();
  });
  afterAll(async () => {
    connection.closeSync();
    instance.closeSync();
    await rm(dir, { recursive: true, force: true });
  });

  it('literal() doubles quotes: a file name holding them is attached as that file, nothing runs', async () => {
    const file = path.join(dir, "it's' AS x; DROP TABLE t; --.duckdb");
    expect(literal("a'b").sql).toBe("'a''b'");
    await runStatement(connection, sql`CREATE TABLE t AS SELECT 1 AS a`);
    await runStatement(connection, sql`ATTACH ${literal(file)} AS quoted`);
    const [attached] = await runQuery(
      connection,
      sql`SELECT path FROM duckdb_databases() WHERE database_name = ${'quoted'}`,
    );
    expect(attached?.['path']).toBe(file);
    expect(existsSync(file)).toBe(true);
    expect(await runQuery(connection, sql`SELECT a FROM t`)).toEqual([{ a: 1 }]);
    await runStatement(connection, sql`DETACH quoted`);
  });

  it('list() binds every value; none reaches the SQL text', async () => {
    const query = sql`SELECT ${list(['a', "b'); DROP TABLE t; --"])}[2] AS v`;
    expect(query.sql).toBe('SELECT [?, ?][2] AS v');
    expect(await runQuery(connection, query)).toEqual([{ v: "b'); DROP TABLE t; --" }]);
  });

  it('name() takes plain names qualified twice at most; columnType() type names only', () => {
    expect(name('pub.main.record_level').sql).toBe('pub.main.record_level');
    for (const bad of ['a.b.c.d', 'Records', '"records"', 'records; DROP TABLE t', '']) {
      expect(() => name(bad)).toThrow(/不是合法的SQL名称/);
    }
    expect(columnType('VARCHAR[] NOT NULL').sql).toBe('VARCHAR[] NOT NULL');
    expect(columnType('pub.main.record_level NOT NULL').sql).toBe('pub.main.record_level NOT NULL');
    for (const bad of ['INTEGER); DROP TABLE t; --', "VARCHAR DEFAULT 'x'", 'DECIMAL(9,2)']) {
      expect(() => columnType(bad)).toThrow(/不是合法的SQL列类型/);
    }
  });
});
