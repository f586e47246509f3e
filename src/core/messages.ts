import type { CopilotAnalyticsErrorCode } from './errors'

// What to change, for each error code. Development builds carry this guidance; production
// bundles keep only the code, the subject and the offending value (the README lists the fixes).
const GUIDANCE: Record<CopilotAnalyticsErrorCode, string> = {
  missing_message_id: 'needs a non-empty string id (the id your chat state gives the message) so that it is sent exactly once; for feedback on the whole conversation omit messageId',
  missing_role: 'needs a role: "user" or "customer" sends Message Sent; "assistant", "agent" or another role sends Message Received',
  invalid_rating: 'needs a finite number (strings are not converted: pass Number(value) if that is what you mean)',
  missing_type: 'needs a non-empty string type (e.g. "image", "Stock Price Chart", "Inventory Request")',
  missing_action: 'needs a non-empty string action: what was done, e.g. "check stock level"',
  missing_event_name: 'needs a non-empty event name',
  client_error: 'failed, so the event was not delivered: check the client passed as `analytics` (it needs track() and identify())',
  spec_error: 'threw while mapping an event, so that vocabulary sent nothing for it: fix its map()',
}

const show = (value: unknown) =>
  value instanceof Error ? value.message : (typeof value == 'string' ? JSON.stringify(value) : String(value)) + ' (' + typeof value + ')'

/**
 * The message of a CopilotAnalyticsError: `<subject> <what to change>; got <value>.`
 * Called inside the tracker's report(), whose try/catch also covers a runtime with no `process`.
 */
export function explain(code: CopilotAnalyticsErrorCode, subject: string, got: unknown): string {
  return `${subject} ${process.env.NODE_ENV !== 'production' ? GUIDANCE[code] : '(' + code + ')'}; got ${show(got)}.`
}

declare const process: { env: { NODE_ENV?: string } }
