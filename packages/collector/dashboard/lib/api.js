// Talks to the collector with the read key kept in this browser.

const KEY_STORAGE = 'sabu.readKey';

export const getKey = () => localStorage.getItem(KEY_STORAGE);
export const setKey = (key) => localStorage.setItem(KEY_STORAGE, key);
export const forgetKey = () => localStorage.removeItem(KEY_STORAGE);

/** The collector refused the read key: the page asks for another. */
export class AuthError extends Error {}

const auth = (key = getKey()) => ({ authorization: `Bearer ${key}` });

/** GET a JSON answer; throws AuthError on 401 and Error(message) on other failures. */
export async function getJson(path, params = new URLSearchParams(), { key } = {}) {
  const query = params.toString();
  const res = await fetch(query ? `${path}?${query}` : path, { headers: auth(key) });
  const body = await res.json().catch(() => ({}));
  if (res.status == 401) throw new AuthError(body.message || 'unknown read key');
  if (!res.ok) throw new Error(body.message || `HTTP ${res.status}`);
  return body;
}

/** The project behind a key (name, events, synthetic events), or null when the key is unknown. */
export async function getProject(key = getKey()) {
  try {
    return await getJson('/v1/project', undefined, { key });
  } catch {
    return null;
  }
}

/**
 * Downloads a report as CSV from the API (`/v1/reports/<name>.csv`): the one CSV format,
 * the same file `curl` or `sabu report --format csv` gives. Fetched with the key in a
 * header (a link would put it in the history), then saved from a blob.
 */
export async function downloadCsv(name, params) {
  const res = await fetch(`/v1/reports/${name}.csv?${params}`, { headers: auth() });
  if (!res.ok) throw new Error((await res.json().catch(() => ({}))).message || `HTTP ${res.status}`);
  const url = URL.createObjectURL(await res.blob());
  const a = Object.assign(document.createElement('a'), { href: url, download: `sabu-${name}.csv` });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
