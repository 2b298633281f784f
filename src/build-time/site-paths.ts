/** Where a built page finds the site's files, under the base path the site is built for. */
import { PUBLISHED_FILES } from '../lib/schema.ts';

/** The site's base path, ending in '/'. */
export const SITE_BASE = import.meta.env.BASE_URL.endsWith('/')
  ? import.meta.env.BASE_URL
  : `${import.meta.env.BASE_URL}/`;

/** The published database; the cutoff in its URL keeps a browser's cache from mixing data. */
export const databaseUrl = (cutoff: string): string =>
  `${SITE_BASE}data/${PUBLISHED_FILES.database}?v=${encodeURIComponent(cutoff)}`;
