/** npm run data:export -- --out FILE.csv [--data DIR]: the published records as CSV. */
import path from 'node:path';
import { BuildError } from './data/build-error.ts';
import { DEFAULT_OUT, logLine, runCommand } from './data/cli.ts';
import { exportRecords } from './data/export.ts';
import { parseOptions } from './lib/cli-options.ts';

const USAGE = '用法：npm run data:export -- --out 文件.csv [--data 已发布数据目录]';

await runCommand('data:export', async () => {
  const values = parseOptions({ out: { type: 'string' }, data: { type: 'string' } }, () => {
    throw new BuildError(`参数有误。${USAGE}`);
  });
  if (values.out === undefined) throw new BuildError(`缺少 --out。${USAGE}`);
  const count = await exportRecords({
    dataDir: path.resolve(values.data ?? DEFAULT_OUT),
    outFile: path.resolve(values.out),
  });
  logLine(`[data:export] 已导出 ${count} 条记录到 ${path.resolve(values.out)}`);
});
