import { defineConfig } from 'astro/config';
import { siteConfig } from './src/site.config.ts';

export default defineConfig({
  output: 'static',
  base: process.env.XINFANG_BASE_PATH ?? siteConfig.basePath,
  trailingSlash: 'always',
  build: { format: 'directory' },
});
