import { readFile } from 'node:fs/promises';
import type { Plugin } from 'esbuild';

/**
 * @trpc/server ships compiled with oxc's object-spread helper, which copies every key of every spread
 * with Object.defineProperty and copies literal arguments through their property descriptors. tRPC
 * spreads its call options at each middleware step: the helper was 18% of the API's CPU for a tracking
 * start, the largest single item of its profile. This plugin gives the bundled copy a helper built on
 * Object.assign, which makes the same properties on the fresh objects these spreads build, except:
 * - a source with an own "__proto__" key (JSON.parse makes them), which Object.assign would turn into
 *   the target's prototype: such sources still go through the exact helper;
 * - accessors in a literal argument, which the exact helper copies as accessors: @trpc/server has none,
 *   and the build fails if a release brings one, as it does when the helper is not found at all.
 */
const exactHelper = 'function _objectSpread2(e) {';
const fastHelper = `function _objectSpread2(e) {
\tfor (var r = 1; r < arguments.length; r++) {
\t\tvar t = arguments[r];
\t\tif (t == null) continue;
\t\tif (Object.hasOwn(t, "__proto__")) _objectSpread2Exact(e, t);
\t\telse Object.assign(e, t);
\t}
\treturn e;
}
function _objectSpread2Exact(e) {`;
const accessor = /\b(get|set) [\w$]+\(/;

export const trpcObjectSpread: Plugin = {
  name: 'trpc-object-spread',
  setup(build) {
    let replaced = 0;
    build.onLoad({ filter: /[\\/]@trpc[\\/]server[\\/]dist[\\/].*\.mjs$/ }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      if (accessor.test(source))
        throw new Error(`${path} defines an accessor, which the fast object spread would read as a value`);
      if (!source.includes(exactHelper)) return undefined;
      replaced++;
      return { contents: source.replace(exactHelper, fastHelper), loader: 'js' };
    });
    build.onEnd((result) => {
      if (replaced === 0 && result.errors.length === 0)
        throw new Error('no object-spread helper found in @trpc/server: see build/trpcObjectSpread.ts');
    });
  },
};
