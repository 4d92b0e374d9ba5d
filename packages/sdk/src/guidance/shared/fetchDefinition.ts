import { messages, warnOnce } from '../../core/messages.js';

/**
 * Fetches a definition's JSON (checklist, survey). Resolves undefined, after one `[sabu]`
 * error naming the URL, when it cannot be loaded or is not JSON.
 */
export function fetchDefinition(kind: string, url: string): Promise<unknown> {
  return fetch(url, { credentials: 'same-origin' })
    .then((r) => (r.ok ? r.json() : Promise.reject(new Error('HTTP ' + r.status))))
    .catch((err) => warnOnce(messages.definitionLoad(kind, url, err), 'error'));
}
