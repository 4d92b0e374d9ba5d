import { identify as identifyCore } from '../../api.js';
import { setStateLoader, type StateModule } from './loadState.js';

/**
 * `identify()` for `import` users: with `{ signature }`, the state chunk is the
 * `sabu-state.js` file beside this package's build, loaded on first use (bundlers that
 * understand `new URL(…, import.meta.url)` copy it for you).
 */
export const identify: typeof identifyCore = (userId, traits, options) => {
  if (options) setStateLoader(() => import(/* @vite-ignore */ /* webpackIgnore: true */ new URL('./sabu-state.js', import.meta.url).href) as Promise<StateModule>);
  identifyCore(userId, traits, options);
};
