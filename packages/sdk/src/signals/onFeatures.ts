import type { PluginApi, SabuMessage } from '../types.js';
import { pathOf } from './describeElement.js';
import { listen } from './guard.js';
import { getUserRecord, MAX_FEATURES } from './userMemory.js';

export const FEATURE_EVENT = 'Feature Used';
const ATTR = 'data-sabu-feature';
/** The browser turns Enter/Space on these into a click: counting the key too would count twice. */
const NATIVE = 'a[href],button,input,select,textarea,summary';

/**
 * Declarative feature usage: a click on (or Enter/Space on) an element inside
 * `[data-sabu-feature="name"]` tracks `Feature Used { feature: name }`.
 */
export function onFeatures(api: PluginApi): () => void {
  const used = (e: Event) => {
    const el = pathOf(e).find((n) => n.hasAttribute(ATTR));
    const name = el?.getAttribute(ATTR);
    if (name) api.track(FEATURE_EVENT, { feature: name });
    return el;
  };
  const offs = [
    listen(window, 'click', used),
    listen<KeyboardEvent>(window, 'keydown', (e) => {
      if ((e.key == 'Enter' || e.key == ' ') && !e.repeat && !pathOf(e)[0]?.closest(NATIVE)) used(e);
    }),
  ];
  return () => offs.forEach((off) => off());
}

/**
 * Adds `first_use` to `Feature Used` (however it was made: the attribute, `feature()` or
 * `track()`), true the first time this user used the feature in this browser.
 */
export function markFirstUse(m: SabuMessage): SabuMessage {
  const p = (m as { properties?: Record<string, unknown> }).properties;
  if (m.type != 'track' || m.event != FEATURE_EVENT || !p || typeof p.feature != 'string' || 'first_use' in p) return m;
  const [rec, save] = getUserRecord(m as { anonymousId: string; userId?: string }, Date.now());
  const ft = rec.ft ?? [];
  const first = !ft.includes(p.feature);
  if (first) save({ ...rec, ft: [...ft, p.feature].slice(-MAX_FEATURES) });
  return { ...m, properties: { ...p, first_use: first } } as SabuMessage;
}
