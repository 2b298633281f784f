import { cp } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import { folderSize } from './src/node/folder-size.ts';
import { readablePublishedFolder } from './src/node/published-folder.ts';
import { siteConfig } from './src/site.config.ts';

const publicData = path.resolve('public/data');
const dataDir = path.resolve(process.env.XINFANG_DATA_DIR ?? publicData);

/** Published data from another folder (tests, benchmarks) goes where the pages expect it. */
const publishedData = {
  name: 'published-data',
  hooks: {
    'astro:build:done': async ({ dir }) => {
      // While a data build is between the two renames of its swap, the previous data is read.
      const source = readablePublishedFolder(dataDir);
      if (source === publicData) return;
      await cp(source, path.join(fileURLToPath(dir), 'data'), { recursive: true });
    },
  },
};

/** The build says what the recorded answers (src/build-time/recorded-answers.ts) weigh. */
const answersSize = {
  name: 'recorded-answers-size',
  hooks: {
    'astro:build:done': async ({ dir, logger }) => {
      const { files, bytes } = await folderSize(path.join(fileURLToPath(dir), 'answers'));
      logger.info(`recorded answers: ${files} files, ${bytes} bytes in answers/`);
    },
  },
};

export default defineConfig({
  output: 'static',
  base: process.env.XINFANG_BASE_PATH ?? siteConfig.basePath,
  outDir: process.env.XINFANG_OUT_DIR ?? './dist',
  trailingSlash: 'always',
  build: { format: 'directory', inlineStylesheets: 'always' },
  integrations: [publishedData, answersSize],
});
