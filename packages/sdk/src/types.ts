import type { SabuMessage } from '@sabu/schema';
import type { FlowDefinition, SignalsOptions, ValueOptions } from './signals/types.js';

export type { SabuMessage };

/** How many recent messages the core keeps for late subscribers (`onMessage(l, true)`). */
export const MESSAGE_HISTORY = 200;

/** A plain JSON object of event properties or user/account traits. */
export type Properties = Record<string, unknown>;

/**
 * Turns a batch of messages into the request body. Return a string (sent as is) or a
 * value that is serialised with `JSON.stringify`.
 */
export type FormatFunction = (
  messages: SabuMessage[],
  meta: { writeKey: string; sentAt: string },
) => unknown;

/**
 * A plain object extending the SDK. Plugins run in the order given.
 * @example { name: 'redact', beforeSend: (m) => ({ ...m, context: { ...m.context, userAgent: undefined } }) }
 */
export interface SabuPlugin {
  name: string;
  /** Never set: it keeps a plugin factory passed uncalled (`plugins: [signals]`, a function, which has a name) from type-checking. */
  call?: never;
  /** Called once at `init()`; may return a cleanup. */
  setup?: (api: PluginApi) => void | (() => void);
  /** Change a message, or return `null` to drop it. Runs before `config.beforeSend`. */
  beforeSend?: (message: SabuMessage) => SabuMessage | null | undefined;
}

/** What a plugin (signals, checklists, surveys) may use of the core. */
export interface PluginApi {
  track(event: string, properties?: Properties): void;
  /**
   * Called after each accepted message (after `beforeSend`); returns an unsubscribe.
   * With `replay`, first called with the messages accepted since `init()` (the last
   * {@link MESSAGE_HISTORY}), so a module loaded later still sees what happened before it.
   */
  onMessage(listener: (message: SabuMessage) => void, replay?: boolean): () => void;
  /** The current identity and the traits given to `identify()` (persisted). */
  user(): { anonymousId: string; userId: string | null; groupId: string | null; traits: Properties };
  /** The validated configuration, with defaults applied. */
  config: Readonly<SabuConfig>;
}

/** Options for {@link init}. Only `writeKey` and `endpoint` are required. */
/** Options of `identify()`. */
export interface IdentifyOptions {
  /**
   * The user id signed by your backend: hex HMAC-SHA256 of the id with one of the project's
   * `identitySecrets`. With it, the user's guidance state (checklist progress, prompt budget,
   * survey answers) is fetched from the collector and merged into this browser's, newest wins,
   * without delaying identify(). Never compute it in the page: the secret must stay on your server.
   * @example identify(user.id, { plan: 'pro' }, { signature: '6f1c…' })
   */
  signature?: string;
}

export interface SabuConfig {
  /** The project's write key; sent in every batch body. */
  writeKey: string;
  /** Absolute or relative URL of the collector's batch endpoint. */
  endpoint: string;
  /** Events per request. @default 20 */
  batchSize?: number;
  /** Longest time (ms) an event waits before it is sent. @default 5000 */
  flushInterval?: number;
  /** Most events kept while the collector is unreachable; past it the oldest are dropped and counted. @default 10000 */
  maxQueueSize?: number;
  /** Inactivity (ms) after which a new session starts. @default 1800000 (30 minutes) */
  sessionTimeout?: number;
  /** Send a page view at start and on every SPA route change. @default true */
  trackPages?: boolean;
  /** Gzip bodies over 1 KB with `CompressionStream` (`Content-Encoding: gzip`). @default true */
  compression?: boolean;
  /** Extra request headers (for example an auth token of your own collector). */
  headers?: Record<string, string>;
  /** Wire format: Segment-spec JSON, a PostHog `/batch` body, or your own function. @default 'segment' */
  format?: 'segment' | 'posthog' | FormatFunction;
  /** Change an event, or return `null` to drop it, before it is stored. */
  beforeSend?: (message: SabuMessage) => SabuMessage | null | undefined;
  /** `'pending'` stores events but sends nothing until `consent(true)`. @default 'granted' */
  consent?: 'pending' | 'granted';
  /** Send nothing when the browser signals Do Not Track or Global Privacy Control. @default false */
  respectDoNotTrack?: boolean;
  /** Log every dropped or ignored event with its reason. @default false */
  debug?: boolean;
  /** Extensions, run in order. */
  plugins?: SabuPlugin[];
  /** Automatic signals (read by the signals module): `false` turns them all off, an object tunes each. See docs/signals.md. @default all on */
  signals?: boolean | SignalsOptions;
  /** Flows to track (schema: `@sabu/schema` flow.schema.json). See docs/signals.md. */
  flows?: FlowDefinition[];
  /** The value moment for time to first value, e.g. `{ event: 'Report Created' }`. See docs/signals.md. */
  value?: ValueOptions;
  /** An onboarding checklist: its definition, or the URL of its JSON (`data-checklist`). See docs/checklists.md. */
  checklist?: object | string;
  /** Client playbooks: definitions or the URL of their JSON (`data-playbooks`). See docs/playbooks.md. */
  playbooks?: object | object[] | string;
  /** Product tours and guides (hotspots, banners, announcements): definitions, or URLs of their JSON (`data-tours`). See docs/tours.md. */
  tours?: object | string | Array<object | string>;
  /** Guides, the same as `tours` (either takes both kinds). */
  guides?: object | string | Array<object | string>;
  /**
   * Several checklists (definitions or URLs of their JSON, or one URL of a JSON list): the
   * first whose audience matches is shown (`data-checklists`). See docs/checklists.md#several-checklists.
   */
  checklists?: Array<object | string> | string;
  /** Where the widgets are: URL of sabu-ui.js, or `() => import('@sabu/ui')`. @default sabu-ui.js beside sabu.min.js */
  ui?: string | (() => Promise<unknown>);
  /** Language of the widgets. @default `<html lang>`, else the browser's */
  locale?: string;
  /** Overrides of the widgets' strings, flat or by locale: `{ ja: { 'checklist.close': '閉じる' } }`. See docs/ui.md. */
  strings?: Record<string, unknown>;
  /** Widget theme: `{ primary, background, text, radius, font, position: 'bottom-left', ... }`. See docs/ui.md. */
  theme?: Record<string, unknown>;
}

/** Counters returned by {@link status}. */
export interface SabuStatus {
  /** Events accepted on this page and not yet acknowledged by the collector. */
  queued: number;
  /** Events this page saw acknowledged. */
  sent: number;
  /** Events given up, by reason. */
  dropped: { oversized: number; overflow: number; rejected: number; invalid: number };
  /**
   * Events the collector kept failing on (5xx) when sent alone while others went through:
   * kept in storage, out of the way of the rest, and sent again when the next session starts.
   */
  parked: number;
  storage: 'indexeddb' | 'memory' | 'none';
  optedOut: boolean;
  consent: 'pending' | 'granted' | 'denied';
}
