/** The recorded answers (src/build-time/recorded-answers.ts), one static JSON file each. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { recordedSite } from '../../../build-time/recorded-answers.ts';

export const getStaticPaths = (async () =>
  [...(await recordedSite()).entries()].map(([path, file]) => {
    const [, of = '', name = ''] = path.replace(/\.json$/, '').split('/');
    return { params: { of, name }, props: { file } };
  })) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response(JSON.stringify(props['file']), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
