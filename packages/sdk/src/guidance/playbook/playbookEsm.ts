import { playbook as register, type PlaybookRuntime } from './playbook.js';

/**
 * `playbook()` for `import` users: the runtime is the `sabu-playbooks.js` file beside this
 * package's build, loaded on first use (bundlers that understand
 * `new URL(…, import.meta.url)` copy it for you). Call it before `init()`.
 * @example playbook('/playbooks.json')
 */
export function playbook(definition: object | object[] | string): void {
  register(definition, () => import(/* @vite-ignore */ /* webpackIgnore: true */ new URL('./sabu-playbooks.js', import.meta.url).href) as Promise<PlaybookRuntime>);
}
