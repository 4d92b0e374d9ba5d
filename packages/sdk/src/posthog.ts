import type { FormatFunction } from './types.js';

/**
 * The PostHog wire format, an opt-in import so the core does not carry it:
 * `init({ ..., format: posthog })` (the script tag has it built in: `data-format="posthog"`).
 *
 * PostHog's `/batch` body: `{ api_key, batch: [{ event, properties, timestamp, uuid }] }`,
 * with page → `$pageview`, identify → `$identify` (`$set`), group → `$groupidentify`.
 */
export const posthog: FormatFunction = (messages, { writeKey }) => ({
  api_key: writeKey,
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
});
