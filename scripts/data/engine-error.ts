/**
 * Errors of the engines (DuckDB, the XLSX reader, Node) can quote the text they choked on, and
 * that text may be a personal value. They reach the user only as the error's kind and the step.
 */
import { BuildError } from './build-error.ts';

/** "Parser Error", "Out of Memory Error", "RangeError": the kind, never the rest of the text. */
export function errorKind(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const engineKind = /^([A-Za-z][A-Za-z ]{0,40}Error)\b/.exec(message)?.[1];
  if (engineKind) return engineKind;
  return error instanceof Error && /^[A-Za-z]+$/.test(error.name) ? error.name : 'Error';
}

/**
 * The line number an engine's text gives ("line 12", "Line: 12"), never anything else of it; at
 * most nine digits, so that a long number the engine quotes is not taken for one.
 */
export function errorLine(error: unknown): number | null {
  const message = error instanceof Error ? error.message : String(error);
  const match = /\bline\s*:?\s*(\d{1,9})(?!\d)/i.exec(message);
  return match ? Number(match[1]) : null;
}

/**
 * A BuildError as it is; anything else as a message naming the step, the file (when known, as
 * the build names it, never as the engine quotes it), the line (when the engine gives one) and
 * the error's kind.
 */
export function withoutQuotedText(error: unknown, step: string, file?: string): BuildError {
  if (error instanceof BuildError) return error;
  const line = errorLine(error);
  const where = [
    ...(file === undefined ? [] : [`文件 ${file}`]),
    ...(line === null ? [] : [`第 ${line} 行`]),
  ].join(' ');
  const wrapped = new BuildError(
    `内部错误：${step}时出错（${where ? `${where}，` : ''}${errorKind(error)}），未发布任何数据，先前发布的数据未改动。` +
      '设置环境变量 XINFANG_DEBUG=1 重新运行可看到原始信息（可能含数据内容，勿外传）',
  );
  wrapped.cause = error;
  return wrapped;
}
