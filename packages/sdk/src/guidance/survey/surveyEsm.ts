import { survey as ask, type SurveyRuntime } from './survey.js';

/**
 * `survey()` for `import` users: the runtime is the `sabu-surveys.js` file beside this
 * package's build, loaded on first use (bundlers that understand
 * `new URL(…, import.meta.url)` copy it for you). Call it before `init()`.
 * @example survey('/surveys/nps.json')
 */
export function survey(definition: object | object[] | string): void {
  ask(definition, () => import(/* @vite-ignore */ /* webpackIgnore: true */ new URL('./sabu-surveys.js', import.meta.url).href) as Promise<SurveyRuntime>);
}
