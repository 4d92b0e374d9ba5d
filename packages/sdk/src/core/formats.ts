import type { SabuMessage } from '@sabu/schema';
import type { FormatFunction } from '../types.js';

/**
 * Builds a request body from serialised messages. The default (Segment) body is made
 * by joining the strings stored at `track()` time, so nothing is serialised twice.
 */
export function buildBody(
  format: 'segment' | 'posthog' | FormatFunction,
  serialised: string[],
  writeKey: string,
  sentAt: string,
): string {
  if (format == 'segment') {
    return `{"batch":[${serialised.join(',')}],"sentAt":"${sentAt}","writeKey":${JSON.stringify(writeKey)}}`;
  }
  const messages = serialised.map((s) => JSON.parse(s) as SabuMessage);
  const body = format == 'posthog' ? toPostHog(messages, writeKey) : format(messages, { writeKey, sentAt });
  return typeof body == 'string' ? body : JSON.stringify(body);
}

/**
 * PostHog's `/batch` body: `{ api_key, batch: [{ event, properties, timestamp, uuid }] }`,
 * with page → `$pageview`, identify → `$identify` (`$set`), group → `$groupidentify`.
 */
function toPostHog(messages: SabuMessage[], apiKey: string) {
  return {
    api_key: apiKey,
    batch: messages.map((m) => {
      const c = m.context ?? {};
      const props: Record<string, unknown> = {
        distinct_id: m.userId ?? m.anonymousId,
        $session_id: c.sessionId,
        $current_url: c.page?.url,
        $pathname: c.page?.path,
        $referrer: c.page?.referrer,
        $lib: 'sabu',
        $lib_version: c.library?.version,
      };
      let event: string;
      if (m.type == 'track') {
        event = m.event;
        Object.assign(props, m.properties);
      } else if (m.type == 'page') {
        event = '$pageview';
        Object.assign(props, m.properties, m.name ? { $page_name: m.name } : {});
      } else if (m.type == 'identify') {
        event = '$identify';
        props.$set = m.traits;
        props.$anon_distinct_id = m.anonymousId;
      } else {
        event = '$groupidentify';
        Object.assign(props, { $group_type: 'company', $group_key: m.groupId, $group_set: m.traits });
      }
      if (c.groupId) props.$groups = { company: c.groupId };
      return { event, properties: props, timestamp: m.timestamp, uuid: m.messageId };
    }),
  };
}
