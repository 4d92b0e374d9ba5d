/**
 * Small JSON state in localStorage (progress, prompt budget). Never throws: with storage
 * disabled or full, state lives for the page only.
 */
export function readJSON<T>(key: string): T | null {
  try {
    return JSON.parse(localStorage.getItem(key) || 'null') as T | null;
  } catch {
    return null;
  }
}

export function writeJSON(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    /* storage disabled or full */
  }
}
