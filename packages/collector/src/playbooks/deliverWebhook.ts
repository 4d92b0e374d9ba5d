import type { WebhookConfig } from './playbookConfig.js';
import { type FiringPayload, webhookBody } from './firingPayload.js';
import { SIGNATURE_HEADER, signPayload } from './signPayload.js';

/** One POST of a firing to a webhook: ok on any 2xx; otherwise why, for the retry log. */
export async function deliverWebhook(hook: WebhookConfig, firing: FiringPayload, timeoutMs: number, now: () => number): Promise<{ ok: true } | { ok: false; error: string }> {
  const body = webhookBody(firing, hook.format);
  try {
    const res = await fetch(hook.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'sabu-collector',
        'x-sabu-delivery': firing.id,
        'x-sabu-event': firing.type,
        [SIGNATURE_HEADER]: signPayload(hook.secret, body, Math.floor(now() / 1000)),
      },
      body,
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
    // The body is not needed; reading it frees the connection.
    await res.arrayBuffer().catch(() => {});
    return res.ok ? { ok: true } : { ok: false, error: `HTTP ${res.status}` };
  } catch (e) {
    const err = e as Error & { cause?: { code?: string } };
    return { ok: false, error: err.name == 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (err.cause?.code ?? err.message) };
  }
}
