/** 数据说明: the anonymised data as a CSV download, written in the browser from the published database. */
import { exportQuery, toCsv } from '../lib/export-csv.ts';
import { readBoot, whenIdle } from './boot.ts';
import { startEngine } from './engine.ts';

const boot = readBoot();
const button = document.querySelector<HTMLButtonElement>('[data-download-csv]');
const status = document.querySelector<HTMLElement>('[data-download-status]');

whenIdle(() => void startEngine(boot.databaseUrl).catch(() => undefined));

button?.addEventListener('click', async () => {
  if (status) status.textContent = '正在准备…';
  try {
    const run = await startEngine(boot.databaseUrl);
    const csv = toCsv(await run(exportQuery()));
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `信访数据-去标识化-截至${boot.info.cutoff}.csv`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    if (status) status.textContent = '';
  } catch (error) {
    if (status) status.textContent = `导出失败：${(error as Error).message}`;
  }
});
