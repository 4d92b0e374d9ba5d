import { checklist as show, type ChecklistRuntime } from './checklist.js';

/**
 * `checklist()` for `import` users: the runtime is the `sabu-checklist.js` file beside
 * this package's build, loaded on first use (bundlers that understand
 * `new URL(…, import.meta.url)` copy it for you).
 */
export function checklist(definition?: object | object[] | string): void {
  show(definition, () => import(/* @vite-ignore */ /* webpackIgnore: true */ new URL('./sabu-checklist.js', import.meta.url).href) as Promise<ChecklistRuntime>);
}
