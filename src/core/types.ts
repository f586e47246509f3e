/** A plain property bag as sent to an analytics client. */
export type Properties = Record<string, unknown>

/**
 * Anything with Segment's `track` / `identify` shape: `AnalyticsBrowser`, `window.analytics`,
 * the memory recorder from `react-copilot-analytics/testing`, or an adapter of your own.
 */
export interface AnalyticsClient {
  track(event: string, properties?: Properties, options?: Properties): unknown
  identify(userId?: string | null, traits?: Properties, options?: Properties): unknown
}

/** One call a spec asks the tracker to make on the client. */
export type AnalyticsCall =
  | { type: 'track'; event: string; properties: Properties }
  | { type: 'identify'; userId?: string; anonymousId?: string; traits: Properties }

/** Fields every canonical event carries. */
interface EventBase {
  conversationId: string
  /** Milliseconds since the epoch, when the tracker accepted the event. */
  timestamp: number
  /** Extra properties given by the caller for this event (`undefined` values are dropped on dispatch). */
  properties: Properties
}

/**
 * How a reply was generated, when the app or its chat framework knows it: sent on Message Received
 * as these properties (snake case, as the spec's own `message_body`). Never guessed: a field that is
 * unknown is absent.
 */
export interface ReplyMetadata {
  /** The model that answered, e.g. `gpt-5.1` (OpenTelemetry's `gen_ai.response.model`). */
  model?: string
  /** Who serves it, e.g. `openai`. */
  provider?: string
  input_tokens?: number
  output_tokens?: number
  total_tokens?: number
  /** Why the generation ended, e.g. `stop`, `length`, `tool-calls`. */
  finish_reason?: string
  /** The id of the server-side trace of this generation (PostHog, Langfuse, OpenTelemetry), to join on. */
  trace_id?: string
}

/** The agent behind a message, for vocabularies that name one (Segment Live Chat). */
export interface MessageAgent {
  id?: string
  name?: string
  username?: string
}

export interface MessageEventFields extends EventBase {
  messageId: string
  body?: string
  /** Normalised: `customer` for sent messages, `agent` for `assistant`, other roles as given. */
  role: string
  agent?: MessageAgent
  /** When the conversation started (ms since the epoch); absent for a message that came before it. */
  startedAt?: number
}

/**
 * The vocabulary-free events the tracker emits. A spec maps each one to zero or more
 * {@link AnalyticsCall}s; see `src/specs/segmentCopilot.ts` for the default mapping.
 */
export type CopilotEvent =
  | ({ type: 'conversation_started'; firstMessage?: { messageId: string; body?: string; agent?: MessageAgent } } & EventBase)
  | ({ type: 'message_sent' } & MessageEventFields)
  | ({ type: 'message_received' } & MessageEventFields)
  | ({ type: 'conversation_ended'; messageCount: number; durationMs: number } & EventBase)
  | ({ type: 'action_started'; actionType: string; action: string; title?: string } & ActionFields)
  | ({ type: 'action_completed'; actionType: string; action: string; title?: string; reason?: string } & ActionFields)
  | ({ type: 'media_generated'; mediaType: string; subType?: string; role: string; messageId?: string; id?: string } & EventBase)
  | ({ type: 'component_loaded'; componentType: string; messageId?: string } & EventBase)
  | ({ type: 'feedback_submitted'; rating: number; scale?: number; messageId?: string } & EventBase)
  | ({
      type: 'custom'
      event: string
      messageId?: string
      /** Sent by `trackConversion()`. */
      conversion?: boolean
      /** Reply Regenerated, sent once per replaced reply (its exactly-once key: `rg`, the conversation, `messageId`). */
      regenerated?: boolean
    } & EventBase)
  | { type: 'identify'; userId?: string; anonymousId?: string; traits: Properties; timestamp: number }

interface ActionFields extends EventBase {
  role: string
  messageId?: string
  id?: string
}

export type CopilotEventType = CopilotEvent['type']

/** What a spec may read besides the event: the tracker's options (provider props). */
export interface SpecContext {
  /** The provider's `properties` (the tracker also merges them into every track call, under the spec's). */
  readonly properties?: Properties
  /** The provider's `sessionId`, for vocabularies that carry one (Screeb). */
  readonly sessionId?: string
}

/**
 * A vocabulary: a name and a pure mapping from canonical events to analytics calls.
 *
 * @example
 * const renamed: CopilotSpec = {
 *   name: 'our-plan',
 *   map: (event) => segmentCopilot.map(event).map((call) =>
 *     call.type === 'track' ? { ...call, event: 'Copilot ' + call.event } : call),
 * }
 */
export interface CopilotSpec {
  readonly name: string
  map(event: CopilotEvent, context?: SpecContext): AnalyticsCall[]
}
