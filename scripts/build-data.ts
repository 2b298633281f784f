/**
 * npm run build:data [-- --input DIR --out DIR --mapping FILE --key-file FILE --allow-shrink]
 * Reads the bureau's exports and publishes petitions.duckdb, manifest.json and rejects.csv.
 */
import path from 'node:path';
import { BuildError } from './data/build-error.ts';
import { buildData, removeTemporaryFoldersSync } from './data/build.ts';
import {
  DEFAULT_INPUT,
  DEFAULT_KEY_FILE,
  DEFAULT_OUT,
  logLine,
  progressLog,
  runCommand,
} from './data/cli.ts';
import { KEY_ENV } from './data/pseudonym.ts';
import { parseOptions } from './lib/cli-options.ts';

const USAGE =
  '用法：npm run build:data -- [--input 目录] [--out 目录] [--mapping 映射文件] [--key-file 密钥文件] [--allow-shrink]';

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    removeTemporaryFoldersSync();
    logLine('[build:data] 已中断：未发布任何数据，原有数据保持不变');
    process.exit(130);
  });
}

await runCommand('build:data', async () => {
  const values = parseOptions(
    {
      input: { type: 'string' },
      out: { type: 'string' },
      mapping: { type: 'string' },
      'key-file': { type: 'string' },
      'allow-shrink': { type: 'boolean' },
    },
    () => {
      throw new BuildError(`参数有误。${USAGE}`);
    },
  );
  const result = await buildData({
    inputDir: path.resolve(values.input ?? DEFAULT_INPUT),
    outDir: path.resolve(values.out ?? DEFAULT_OUT),
    mappingFile: values.mapping === undefined ? undefined : path.resolve(values.mapping),
    keyFile: path.resolve(values['key-file'] ?? DEFAULT_KEY_FILE),
    keyFromEnv: process.env[KEY_ENV],
    log: progressLog(),
    allowShrink: values['allow-shrink'] === true,
  });
  const { manifest } = result;
  const range = manifest.dateRange
    ? `${manifest.dateRange.from} 至 ${manifest.dateRange.to}`
    : '无';
  logLine(
    `[build:data] 完成：${manifest.inputs.length} 个文件，发布 ${manifest.published} 条，拒绝 ${manifest.rejected} 条` +
      `（见 ${path.join(result.outDir, manifest.files.rejects)}），登记日期 ${range}，用时 ${result.seconds.toFixed(1)} 秒`,
  );
});
