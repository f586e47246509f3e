import type { CopilotAnalyticsErrorCode } from './errors'

// What to change, for each error code. Development builds carry this guidance and the subject (what
// was wrong: the event, the property); production bundles keep only the code and the offending value
// (docs/error-codes.md lists the fixes).
/** The codes whose event (or call) is not sent at all. */
const NOTHING_SENT = ['missing_message_id', 'missing_role', 'invalid_rating', 'missing_type', 'missing_action', 'missing_event_name']
const GUIDANCE: Record<CopilotAnalyticsErrorCode, string> = {
  missing_message_id: 'needs a non-empty string id (the id your chat state gives the message) so that it is sent exactly once; for feedback on the whole conversation omit messageId',
  missing_role: 'needs a role: "user" or "customer" sends Message Sent; "assistant", "agent" or another role sends Message Received',
  invalid_rating: 'needs a finite number (strings are not converted: pass Number(value) if that is what you mean)',
  missing_type: 'needs a non-empty string type (e.g. "image", "Stock Price Chart", "Inventory Request")',
  missing_action: 'needs a non-empty string action: what was done, e.g. "check stock level"',
  missing_event_name: 'needs a non-empty event name',
  invalid_id: 'needs a non-empty string id when one is given: an action or media with another id is not sent, a conversationId that is not a string is replaced by a generated one',
  client_error: 'failed, so the event was not delivered: pass an AnalyticsBrowser or any object with track() and identify()',
  invalid_chat: 'cannot be read by the chat adapter: pass what the framework\'s hook returns (useChat() to useChatTracking(), useStream() to useStreamTracking(); call useAssistantTracking() inside <AssistantRuntimeProvider>), and a describeAction() that returns a string (the default action was sent instead)',
  invalid_agent: 'cannot be read by useAgentTracking() or trackAgent(): pass an AG-UI agent (an AbstractAgent of @ag-ui/client, or what CopilotKit\'s useAgent() returns) whose events follow the protocol, and a describeAction() that returns a string (the default action was sent instead)',
  spec_error: 'threw while mapping an event, so that vocabulary sent nothing for it: fix its map()',
  invalid_property: 'is not JSON data (a cycle, a function, a Symbol, a BigInt, NaN or Infinity) or could not be read (a getter or Proxy trap that throws, a revoked Proxy, properties that are not an object, a message body that is neither text, a React node nor content parts, reply metadata that is neither a non-empty string for model, provider, finish_reason or trace_id nor a non-negative integer for a *_tokens count, a feedback reason or comment that is not text), so it was left out and the rest sent: pass strings, finite numbers, booleans, arrays or plain objects',
  redact_error: 'was not redacted (redact threw or did not return a string), so it was left out, never sent unredacted',
  event_too_large: 'was over 32 KB, Segment\'s limit, so its largest properties were left out and the rest sent: send large data by reference',
  consent_error: 'threw or rejected, so consent counts as denied: return true, false or null (undecided), or a promise of one',
  consent_queue_full: 'is full of events waiting for consent; later ones are dropped until consent is decided',
}

/** A value as an error message shows it: short, and safe for values that throw when turned into a string. */
export const show = (value: unknown): string => {
  try {
    return (value instanceof Error ? value.message : typeof value === 'string' ? JSON.stringify(value) : String(value)).slice(0, 80)
  } catch {
    return '?' // a prototype-less object, or a toString that throws
  }
}

/**
 * The message of a CopilotAnalyticsError: `<subject> <what to change>; got <value>.` in development,
 * `(<code>)` in production.
 * Never throws on the value; called inside the tracker's report(), whose try/catch also covers a
 * runtime with no `process`.
 */
export function explain(code: CopilotAnalyticsErrorCode, subject: string, got: unknown): string {
  // This exact shape (the guidance referenced only inside the development branch) is what lets
  // bundlers drop the whole GUIDANCE table from production builds.
  if (process.env.NODE_ENV !== 'production') {
    let value: string
    try {
      value = show(got) + (got instanceof Error ? '' : ' (' + typeof got + ')')
    } catch {
      value = 'a revoked Proxy' // it throws even on instanceof (so does a Proxy whose traps throw)
    }
    return `${subject} ${GUIDANCE[code]}; got ${value}.${NOTHING_SENT.includes(code) ? ' Nothing was sent for it.' : ''}`
  }
  // Production builds pass no subject (every call site drops it): the code remains, and the value
  // is the error's `value`.
  return `(${code})`
}

declare const process: { env: { NODE_ENV?: string } }
