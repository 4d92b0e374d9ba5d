import { freshSdk } from '../react/setup';

/** A fresh SDK (see ../react/setup.ts) and a fresh @sabu/vue. */
export async function freshSabu() {
  const sdk = await freshSdk();
  return { ...sdk, binding: await import('@sabu/vue') };
}

/** Lets the plugin's deferred start and Vue's updates run. */
export const settle = () => new Promise((r) => setTimeout(r, 10));
