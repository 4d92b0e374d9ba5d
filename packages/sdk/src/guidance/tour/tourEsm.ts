import { tour as start, type TourRuntime } from './tour.js';

/**
 * `tour()` for `import` users: the runtime is the `sabu-tours.js` file beside this
 * package's build, loaded on first use (bundlers that understand
 * `new URL(…, import.meta.url)` copy it for you). Call it once before `init()` (with the
 * definitions, or `config.tours`) so that `init()` builds tours in.
 * @example tour('welcome')
 */
export function tour(idOrDefinition: string | object | object[]): void {
  start(idOrDefinition, () => import(/* @vite-ignore */ /* webpackIgnore: true */ new URL('./sabu-tours.js', import.meta.url).href) as Promise<TourRuntime>);
}
