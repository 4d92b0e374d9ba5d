import { messages, warnOnce } from '../../core/messages.js';
import type { UIOptions } from './uiContract.js';
import type { UISource } from './loadUI.js';

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v == 'object' && !Array.isArray(v);

/**
 * Reads the UI options of the config (`locale`, `strings`, `theme`, `ui`) shared by every
 * widget; a value of the wrong type is reported once and ignored.
 */
export function readUIOptions(config: Record<string, unknown>): UIOptions & { ui?: UISource } {
  const out: UIOptions & { ui?: UISource } = {};
  const take = (field: 'locale' | 'strings' | 'theme' | 'ui', ok: (v: unknown) => boolean, expected: string) => {
    const v = config[field];
    if (v === undefined) return;
    if (ok(v)) (out as Record<string, unknown>)[field] = v;
    else warnOnce(messages.guidanceOption(field, expected, v));
  };
  take('locale', (v) => typeof v == 'string' && !!v, "a language tag such as 'ja'");
  take('strings', isObject, 'an object of strings, flat or by locale');
  take('theme', isObject, "an object such as { primary: '#1d4ed8' }");
  take('ui', (v) => (typeof v == 'string' && !!v) || typeof v == 'function', 'the URL of sabu-ui.js or a function importing @sabu/ui');
  return out;
}
