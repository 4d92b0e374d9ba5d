/** The config fields the state chunk reads. */
export interface StateConfig {
  endpoint: string;
  writeKey: string;
  debug: boolean;
}

/** What the state chunk (`sabu-state.js`) exports. */
export interface StateModule {
  syncState(cfg: StateConfig, userId: string, anonymousId: string, signature: string): Promise<void>;
}

let loader: (() => Promise<StateModule>) | undefined;

/** Entry points say where the state chunk is (the script tag: beside itself; ESM: beside the package's build). */
export const setStateLoader = (l: () => Promise<StateModule>): void => void (loader = l);

/**
 * Fetches the user's guidance state from the collector and merges it into this browser's,
 * in a chunk loaded only now (identify() with a signature): never blocks identify(), never
 * throws into the host. A chunk that cannot load leaves this device's state as it is.
 */
export function syncState(cfg: StateConfig, userId: string, anonymousId: string, signature: string): void {
  loader?.().then((m) => m.syncState(cfg, userId, anonymousId, signature), () => {});
}
