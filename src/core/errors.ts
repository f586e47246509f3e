/**
 * Stable codes carried by every {@link CopilotAnalyticsError}. Match on `code`, never on the message.
 */
export type CopilotAnalyticsErrorCode =
  | 'missing_message_id'
  | 'missing_role'
  | 'invalid_rating'
  | 'missing_type'
  | 'missing_action'
  | 'missing_event_name'
  | 'invalid_chat'
  | 'invalid_agent'
  | 'client_error'
  | 'spec_error'
  | 'invalid_property'
  | 'redact_error'
  | 'event_too_large'
  | 'consent_error'
  | 'consent_queue_full'
  | 'invalid_id'

/**
 * What `onError` receives: bad input or a failing client, never thrown into the host app.
 *
 * @example
 * <CopilotAnalyticsProvider onError={(err) => {
 *   if (err.code === 'client_error') reportToSentry(err.cause)
 * }}>
 */
export class CopilotAnalyticsError extends Error {
  /** A stable, documented code; see docs/error-codes.md. */
  readonly code: CopilotAnalyticsErrorCode
  /** The underlying error, for `client_error` and `spec_error`. */
  declare readonly cause?: unknown
  /**
   * The value that was wrong (the id, the rating, the property's value, the client's error...), as
   * it came: production messages carry only the code, so look here for it.
   */
  readonly value: unknown

  /** `value`, when it is an Error (the client's, the spec's), is the `cause` too. */
  constructor(code: CopilotAnalyticsErrorCode, message: string, value?: unknown) {
    super('[react-copilot-analytics] ' + message)
    this.name = 'CopilotAnalyticsError'
    this.code = code
    this.value = value
    try {
      if (value instanceof Error) (this as { cause?: unknown }).cause = value
    } catch {
      // A revoked Proxy throws even on instanceof: it is the value, not a cause.
    }
  }
}
