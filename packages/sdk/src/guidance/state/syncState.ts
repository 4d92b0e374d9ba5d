import type { StateConfig } from './loadState.js';
import { mergeState, type GuidanceState } from './mergeState.js';

/**
 * The state chunk (`sabu-state.js`): asks the collector for the user's guidance state
 * (POST /v1/state beside the batch endpoint, the signature in the body, not the URL) and
 * merges it into localStorage. Failures are quiet (a `[sabu]` line with `debug: true`):
 * this device simply keeps its own state.
 */
export async function syncState(o: StateConfig, userId: string, anonymousId: string, signature: string): Promise<void> {
  try {
    const res = await fetch(new URL('state', new URL(o.endpoint, location.href)).href, {
      method: 'POST',
      // text/plain: a simple request, no preflight (as the batch endpoint).
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ writeKey: o.writeKey, userId, signature }),
      credentials: 'omit',
    });
    if (!res.ok) throw new Error(`HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
    mergeState((await res.json()) as GuidanceState, userId, anonymousId);
  } catch (err) {
    if (o.debug) console.warn('[sabu] identify(): the guidance state from the collector was not merged:', err);
  }
}
