import { existsSync } from 'node:fs';
import path from 'node:path';
import { runStep } from './lib/run-step.ts';
import { serveStatic } from './serve.ts';
import { siteConfig } from '../src/site.config.ts';

const root = path.resolve(import.meta.dirname, '..');
const sampleDir = path.join(root, 'data', 'sample');
const script = (name: string): string => path.join(root, 'scripts', name);

if (!existsSync(sampleDir)) {
  console.error('· 未找到示例数据，正在生成 data/sample/ …');
  await runStep(script('sample.ts'), []);
}
console.error('· 构建数据 …');
await runStep(script('build-data.ts'), ['--input', sampleDir]);
console.error('· 情况汇报（本年累计）：\n');
await runStep(script('report.ts'), []);
console.error('\n· 构建站点 …');
await runStep(path.join(root, 'node_modules', 'astro', 'bin', 'astro.mjs'), ['build', '--silent']);

const port = Number(process.env['PORT'] ?? 4321);
const base = process.env['XINFANG_BASE_PATH'] ?? siteConfig.basePath;
serveStatic(path.join(root, 'dist'), base).listen(port, '127.0.0.1', () => {
  console.log(`\n信访态势看板已启动：http://localhost:${port}${base}`);
  console.log('按 Ctrl+C 停止。');
});
