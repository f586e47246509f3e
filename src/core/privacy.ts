import type { CopilotAnalyticsErrorCode } from './errors'
import type { Properties } from './types'
import { compact } from './compact'

/**
 * What may leave the page: the provider's `privacy` prop (or `privacy` on the core tracker).
 *
 * @example
 * import { redactPII } from 'react-copilot-analytics'
 * <CopilotAnalyticsProvider privacy={{ redact: redactPII, maxBodyBytes: 4096 }}>
 */
export interface PrivacyOptions {
  /** Send message text (`message_body`, `prompt`, `response`) and feedback comments (`comment`)? Default true. */
  captureBodies?: boolean
  /**
   * Applied to every string in every track call's properties (bodies and custom properties alike,
   * nested ones too) before it is sent or queued; `field` is the top-level property it sits under.
   * If it throws (or returns no string), that property is left out: never sent unredacted.
   */
  redact?: (text: string, field: string) => string
  /** Longer bodies are cut at a character boundary and flagged `<name>_truncated: true`. Default 16 KB of UTF-8. */
  maxBodyBytes?: number
}

/** The names under which vocabularies send text the user or the model wrote (a feedback comment too). */
export const BODY_FIELDS = ['message_body', 'prompt', 'response', 'comment']
/** Default {@link PrivacyOptions.maxBodyBytes}: 16 KB. */
export const MAX_BODY_BYTES = 16384
/**
 * Segment rejects events over 32 KB; the properties get 28 KB of it, leaving room for what the
 * client adds (context, ids, timestamps).
 */
export const MAX_PROPERTIES_BYTES = 28672

type Report = (code: CopilotAnalyticsErrorCode, subject: string, got: unknown) => void

// Without Intl.Segmenter, a stricter rule: the longest prefix that ends before a character that does
// not extend the one before it (not a mark, keycap, variation selector, skin tone, format character
// such as the zero-width joiner or the tags of subdivision flags, nor a line feed) and not right
// after a zero-width joiner, an Indic virama or a regional indicator (half a flag). It may cut a
// grapheme earlier than Intl.Segmenter (a run of flags goes whole), never inside one. Not covered,
// as rare in chat text: decomposed Hangul (conjoining jamo) and prepended concatenation marks.
const CUT = /^(?:[^]*(?<![\u200d\u094d\u09cd\u0acd\u0b4d\u0c4d\u0d4d\p{RI}])(?=[^\n\p{M}\p{EMod}\p{Cf}]))?/u

/**
 * The longest prefix of `text` within `max` UTF-8 bytes that ends between two
 * user-perceived characters: never inside a flag, a skin-toned or ZWJ emoji, a keycap or a letter
 * with its accents. Intl.Segmenter says where they are; where it is missing (React Native's Hermes,
 * older browsers) the stricter {@link CUT} decides.
 */
export function truncate(text: string, max: number): string {
  // encodeInto stops before a code point that does not fit: what it read is the longest prefix.
  let end = new TextEncoder().encodeInto(text, new Uint8Array(max)).read!
  if (globalThis.Intl?.Segmenter) end = new Intl.Segmenter().segment(text).containing(end)!.index
  // The character after the cut (a whole code point) decides whether the cut may fall there.
  else end = (text.slice(0, end) + [...text.slice(end, end + 2)][0]).match(CUT)![0].length
  return text.slice(0, end)
}

/**
 * The properties as they may leave the page: a JSON-safe snapshot, redacted, bodies capped, the whole
 * within {@link MAX_PROPERTIES_BYTES}. A value JSON cannot carry is left out and reported, so one bad
 * property never costs the event. `redact` applies to track properties only, not to Identify traits
 * (identity you chose to send).
 */
export function guard(properties: Properties, name: string, privacy: PrivacyOptions = {}, report: Report, redactStrings?: boolean): Properties {
  const { captureBodies = true, maxBodyBytes = MAX_BODY_BYTES } = privacy
  const redact = redactStrings && privacy.redact
  // Fast path for most events: flat (finite numbers and strings, what the spec's properties are),
  // nothing to redact or drop, and provably small. In
  // JSON a UTF-16 unit takes at most 6 bytes (a \u escape), so 6 x the characters of every key and
  // value (+1 each for quotes, colon, comma) bounds the size; a string is at most 3 UTF-8 bytes a
  // unit for the body cap. Anything else takes the exact path below.
  let length = 0
  if (
    captureBodies &&
    !redact &&
    Object.keys(properties).every((key) => {
      const value = properties[key]
      const json = typeof value === 'number' ? isFinite(value) : typeof value === 'string' && value.length * 3 <= maxBodyBytes
      if (json) length += key.length + String(value).length + 1 // primitives only: String() cannot throw here
      return json
    }) &&
    length * 6 < MAX_PROPERTIES_BYTES
  )
    return { ...properties }
  const ancestors: unknown[] = []
  const flags: Properties = {}
  let field = ''

  // One pass a property cleans, redacts and caps; `this` is the object holding `value`, so cutting
  // the ancestors after it (an object is in the chain at most once: a cycle is never entered) leaves
  // exactly the chain that a cycle would point back into. Each top-level property is stringified on
  // its own: a nested getter or revoked Proxy that throws costs that one.
  const replacer = function (this: unknown, _key: string, value: unknown) {
    ancestors.length = ancestors.indexOf(this) + 1
    // No ancestors: `value` is the top-level property itself (its holder is JSON.stringify's wrapper).
    const body = !ancestors.length && BODY_FIELDS.includes(field)
    const type = typeof value
    if (body && !captureBodies) return
    if (type === 'string' && redact) {
      try {
        value = redact(value as string, field)
      } catch {
        value = 0 // left out just below: never sent unredacted
      }
      if (typeof value !== 'string') return report('redact_error', process.env.NODE_ENV !== 'production' ? `Event "${name}", property "${field}",` : '', value)
    }
    if (body && type === 'string') {
      if (new TextEncoder().encode(value as string).length > maxBodyBytes) {
        flags[field + '_truncated'] = true
        return truncate(value as string, maxBodyBytes)
      }
    }
    // A cycle, or a value JSON cannot carry.
    if (type === 'object' && value ? ancestors.includes(value) : type === 'number' ? !isFinite(value as number) : type === 'function' || type === 'symbol' || type === 'bigint')
      return report('invalid_property', process.env.NODE_ENV !== 'production' ? `Event "${name}", property "${field}",` : '', value)
    if (type === 'object' && value) ancestors.push(value)
    return value
  }
  // `field` is set before the read, so a getter that throws is reported under its own key.
  const snapshot = (key: string) => {
    field = key
    const json = JSON.stringify(properties[key], replacer)
    return json && JSON.parse(json)
  }
  const out: Properties = { ...compact(properties, report, name, snapshot), ...flags }
  const dropped: string[] = []
  // Still too large for Segment: leave out the largest properties rather than have the event rejected.
  while (new TextEncoder().encode(JSON.stringify(out)).length > MAX_PROPERTIES_BYTES) {
    const largest = Object.keys(out).reduce((a, b) => (JSON.stringify(out[a]).length < JSON.stringify(out[b]).length ? b : a))
    delete out[largest]
    dropped.push(largest)
  }
  if (dropped.length) report('event_too_large', process.env.NODE_ENV !== 'production' ? `Event "${name}"` : '', dropped.join(', '))
  return out
}
declare const process: { env: { NODE_ENV?: string } }
