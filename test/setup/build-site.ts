/** The browser tests' site pipeline: the same one bench:site runs (scripts never import tests). */
export {
  buildSampleData,
  buildSite,
  CHROMIUM,
  CHROMIUM_ARGS,
  requireChromium,
  ROOT,
  type BuiltSite,
} from '../../scripts/lib/build-site.ts';
