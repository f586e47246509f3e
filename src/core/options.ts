import type { CopilotAnalyticsError } from './errors'
import type { KeyStore } from './keyStore'
import type { PrivacyOptions } from './privacy'
import type { Consent } from './consent'
import type { AnalyticsCall, AnalyticsClient, CopilotEvent, CopilotSpec, Properties } from './types'

/** What a tracker is given: `createCopilotTracker(options)` from `/core`, or the provider's props. */
export interface TrackerOptions {
  /** Where calls go. Required for the core tracker; the React provider defaults to a client that drops every call. */
  analytics: AnalyticsClient
  /** The vocabulary, or several to fan out to; default {@link segmentCopilot}. */
  spec?: CopilotSpec | readonly CopilotSpec[]
  /** Merged into every track call (spec properties win on a clash). */
  properties?: Properties
  /** A session id for vocabularies that carry one (Screeb's `session_id`); default: one per browser tab. */
  sessionId?: string
  userId?: string | null
  anonymousId?: string | null
  traits?: Properties
  /** Bad input and client failures; default: console.warn outside production. */
  onError?: (error: CopilotAnalyticsError) => void
  /** Exactly-once memory; default: one store per page mirrored to sessionStorage. */
  keyStore?: KeyStore
  /** Clock, for tests. */
  now?: () => number
  /** Body capture, redaction and the body size cap; see {@link PrivacyOptions}. */
  privacy?: PrivacyOptions
  /**
   * This tracker's consent. Until granted nothing is sent: calls wait in a bounded queue, sent in order
   * once granted, discarded if denied (with the keys they claimed). Default granted.
   */
  consent?: Consent
  /**
   * The conversation a provider shows (the React provider sets it): what waits for consent when the
   * provider unmounts goes only to a remount showing the same conversation (see `mount`).
   */
  conversationId?: string
  /**
   * Segment `messageId`s derived from each event's exactly-once key, so that Segment drops the same
   * event sent from two tabs or from browser and server: `deterministicMessageIds()` from
   * `react-copilot-analytics/dedupe` (docs/exactly-once.md). Default: none, the client draws random ids.
   */
  messageIds?: MessageIds
}

/**
 * The Segment options (`{ messageId }`) of one call a vocabulary made of `event`, or undefined for
 * the client's own random id. Called once per call, as the event is emitted (before consent).
 *
 * @example
 * // deterministicMessageIds() from react-copilot-analytics/dedupe, except for feedback (random ids):
 * const ids = deterministicMessageIds({ namespace: 'acme-support-copilot' })
 * const messageIds: MessageIds = (event, ...rest) => (event.type === 'feedback_submitted' ? undefined : ids(event, ...rest))
 */
export type MessageIds = (event: CopilotEvent, call: AnalyticsCall, spec: CopilotSpec, options: TrackerOptions) => Properties | undefined
