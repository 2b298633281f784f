/**
 * Rejected rows, gathered in DuckDB while reading (value problems at once, duplicates after all
 * files are read) and written as rejects.csv in file and line order. No value ever goes in.
 */
import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';
import { spreadsheetSafe } from '../../src/lib/spreadsheet-safe.ts';
import { sql } from '../../src/lib/sql.ts';
import { runStatement, streamQuery } from '../../src/node/duckdb-node.ts';
import { CsvFileWriter } from './csv-writer.ts';

const safeField = (field: string | number): string | number =>
  typeof field === 'number' ? field : spreadsheetSafe(field);

export const REJECT_HEADER = ['文件', '行', '列', '值类型', '原因'] as const;

export function duplicateReason(firstFile: string, firstLine: number): string {
  return `信访件编号重复：与 ${firstFile} 第${firstLine}行相同，以先读到的为准`;
}

export class RejectSink {
  private readonly connection: DuckDBConnection;
  private readonly appender: DuckDBAppender;
  private readonly perFile = new Map<number, number>();
  /** Headers named in rejects.csv: published, so checked like everything else. */
  readonly columns = new Set<string>();

  private constructor(connection: DuckDBConnection, appender: DuckDBAppender) {
    this.connection = connection;
    this.appender = appender;
  }

  static async create(connection: DuckDBConnection): Promise<RejectSink> {
    await runStatement(
      connection,
      sql`CREATE TABLE rejects (file_index INTEGER NOT NULL, line INTEGER NOT NULL,
      column_name VARCHAR NOT NULL, kind VARCHAR NOT NULL, reason VARCHAR NOT NULL)`,
    );
    return new RejectSink(connection, await connection.createAppender('rejects'));
  }

  add(fileIndex: number, line: number, column: string, kind: string, reason: string): void {
    this.appender.appendInteger(fileIndex);
    this.appender.appendInteger(line);
    this.appender.appendVarchar(column);
    this.appender.appendVarchar(kind);
    this.appender.appendVarchar(reason);
    this.appender.endRow();
    this.columns.add(column);
    this.perFile.set(fileIndex, (this.perFile.get(fileIndex) ?? 0) + 1);
  }

  count(fileIndex: number): number {
    return this.perFile.get(fileIndex) ?? 0;
  }

  /** Writes rejects.csv (UTF-8 BOM, CRLF) sorted by file then line. */
  async write(file: string, fileNames: readonly string[]): Promise<void> {
    this.appender.closeSync();
    const writer = new CsvFileWriter(file, REJECT_HEADER);
    try {
      const result = await streamQuery(
        this.connection,
        sql`SELECT file_index, line, column_name, kind, reason FROM rejects ORDER BY file_index, line`,
      );
      for await (const rows of result.yieldRowsJs()) {
        for (const [fileIndex, line, column, kind, reason] of rows as [
          number,
          number,
          string,
          string,
          string,
        ][]) {
          writer.row([fileNames[fileIndex] ?? '', line, column, kind, reason].map(safeField));
        }
      }
    } finally {
      writer.close();
    }
  }
}
