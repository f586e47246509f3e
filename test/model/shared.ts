// Shared by the adversarial model tests (react.test.tsx: the hand-rendered React API; aiSdk.test.tsx:
// the AI SDK adapter on the real useChat): run settings, the hostile-value generators with what each
// must put on the wire, and the checks of the wire that do not depend on the API under test.
import fc from 'fast-check'
import { expect } from 'vitest'
import { segmentCopilot, type CopilotSpec } from '../../src/entries'
import type { MemoryAnalytics } from '../../src/entries/testing'

/** `npm test` runs MODEL_RUNS (default 1000) sequences per file; `npm run test:soak` many more. */
export const RUNS = Number(process.env.MODEL_RUNS ?? 1000)

/** The fast-check seed: MODEL_SEED when given, otherwise a fresh one, printed so a run can be replayed. */
export function seedFor(file: string): number {
  const seed = process.env.MODEL_SEED === undefined ? (Date.now() ^ (Math.random() * 0x7fffffff)) | 0 : Number(process.env.MODEL_SEED)
  console.info(`[model] ${file}: ${RUNS} runs, seed ${seed} (replay: MODEL_SEED=${seed} MODEL_RUNS=${RUNS})`)
  return seed
}

/**
 * The default spec, called without its context: test/conformance.ts wraps the built-in specs and
 * spreads the provider `properties` from that context itself, which would throw on the hostile values
 * this test passes on purpose (the library's own handling of them is what is under test here).
 */
export const modelSpec: CopilotSpec = { name: segmentCopilot.name, map: (event) => segmentCopilot.map(event) }

/** Drains every pending microtask (promise chains of any depth), then returns. */
export const drain = () => new Promise<void>((resolve) => setImmediate(resolve))

// ---------------------------------------------------------------------------------------------
// Hostile property bags. A descriptor is data (so fast-check can shrink and print it); build()
// makes the live value, `safe` is what must reach the wire, `bad` whether onError must hear of it.

type GoodKind = 'str' | 'num' | 'bool' | 'null' | 'nested' | 'array' | 'big'
type BadKind = 'getter' | 'bigint' | 'nan' | 'infinity' | 'function' | 'symbol' | 'cycle' | 'huge' | 'revokedValue'
export interface Entry {
  key: string
  kind: GoodKind | BadKind
  text: string
}
export interface HostileBag {
  /** plain object, a transparent Proxy, a Proxy whose key listing throws, a revoked Proxy */
  wrapper: 'plain' | 'proxy' | 'throwingProxy' | 'revoked'
  entries: Entry[]
}

const GOOD: GoodKind[] = ['str', 'num', 'bool', 'null', 'nested', 'array', 'big']
const BAD = new Set<string>(['getter', 'bigint', 'nan', 'infinity', 'function', 'symbol', 'cycle', 'huge', 'revokedValue'])
/** Strings a property may hold: none is personal data, so a redactor must leave each one alone. */
export const SAFE_TEXTS = ['alpha', 'β γ', '😀👍🏽', '12/05/2024 10:30', '12.05.2024 14:00', '2024-05-12 14:00', '']

const goodValue = (entry: Entry): unknown => {
  switch (entry.kind) {
    case 'str':
      return entry.text
    case 'num':
      return entry.text.length * 7 - 3.5
    case 'bool':
      return entry.text.length % 2 == 0
    case 'null':
      return null
    case 'nested':
      return { inner: entry.text, n: 1, list: [entry.text] }
    case 'array':
      return [1, entry.text, { a: true }]
    case 'big':
      return 'b'.repeat(4000)
  }
}

/**
 * `odd` keys are the ones that break naive code (`__proto__`, `constructor`, ...); the provider's
 * and a call's bags use disjoint keys so that which of two values wins is never in question.
 */
export const hostileBag = (keys: string[]): fc.Arbitrary<HostileBag> =>
  fc.record({
    wrapper: fc.constantFrom<HostileBag['wrapper']>('plain', 'plain', 'plain', 'proxy', 'throwingProxy', 'revoked'),
    entries: fc.uniqueArray(
      fc.record({
        key: fc.constantFrom(...keys),
        kind: fc.oneof(
          { arbitrary: fc.constantFrom<Entry['kind']>(...GOOD), weight: 3 },
          fc.constantFrom<Entry['kind']>(...[...(BAD as Set<BadKind>)]),
        ),
        text: fc.constantFrom(...SAFE_TEXTS),
      }),
      { selector: (entry) => entry.key, maxLength: 4 },
    ),
  })

export const PROVIDER_KEYS = ['constructor', '__defineGetter__', 'assistantId', 'p-é', 'p big']
export const CALL_KEYS = ['__proto__', 'toString', 'hasOwnProperty', 'plan', 'c.x', '']

/** The live value a descriptor stands for. */
export function build(bag: HostileBag): Record<string, unknown> {
  const target: Record<string, unknown> = {}
  for (const entry of bag.entries) {
    const define = (value: unknown) => Object.defineProperty(target, entry.key, { value, enumerable: true, configurable: true, writable: true })
    if (!BAD.has(entry.kind)) define(goodValue(entry))
    else if (entry.kind === 'getter')
      Object.defineProperty(target, entry.key, {
        enumerable: true,
        configurable: true,
        get() {
          throw new Error('getter ' + entry.key)
        },
      })
    else if (entry.kind === 'bigint') define(BigInt(7))
    else if (entry.kind === 'nan') define(NaN)
    else if (entry.kind === 'infinity') define(-Infinity)
    else if (entry.kind === 'function') define(() => 1)
    else if (entry.kind === 'symbol') define(Symbol('s'))
    else if (entry.kind === 'cycle') {
      const loop: Record<string, unknown> = { ok: entry.text }
      loop.me = loop
      define(loop)
    }
    else if (entry.kind === 'huge') define('h'.repeat(40_000))
    else if (entry.kind === 'revokedValue') {
      const { proxy, revoke } = Proxy.revocable({ a: 1 }, {})
      revoke()
      define(proxy)
    }
  }
  if (bag.wrapper === 'proxy') return new Proxy(target, {})
  if (bag.wrapper === 'throwingProxy')
    return new Proxy(target, {
      ownKeys() {
        throw new Error('ownKeys')
      },
      getOwnPropertyDescriptor() {
        throw new Error('getOwnPropertyDescriptor')
      },
      get() {
        throw new Error('get')
      },
    })
  if (bag.wrapper === 'revoked') {
    const { proxy, revoke } = Proxy.revocable(target, {})
    revoke()
    return proxy
  }
  return target
}

/** What of a bag must be sent: every readable, JSON-safe value; the rest left out (and reported). */
export function safePart(bag: HostileBag | undefined): { safe: Record<string, unknown>; bad: boolean } {
  if (!bag) return { safe: {}, bad: false }
  const unreadable = bag.wrapper === 'throwingProxy' || bag.wrapper === 'revoked'
  const safe: Record<string, unknown> = {}
  let bad = unreadable && bag.entries.length > 0
  for (const entry of bag.entries) {
    if (BAD.has(entry.kind)) bad = true
    // A cycle loses only the reference that closes it.
    if (entry.kind === 'cycle' && !unreadable) Object.defineProperty(safe, entry.key, { value: { ok: entry.text }, enumerable: true, configurable: true, writable: true })
    else if (!BAD.has(entry.kind) && !unreadable) Object.defineProperty(safe, entry.key, { value: goodValue(entry), enumerable: true, configurable: true, writable: true })
  }
  // An unreadable object is bad input even when empty: reading it throws.
  return { safe, bad: bad || unreadable }
}

/** A stable text for a property bag: sorted own entries (`__proto__` as a plain key). */
export const canon = (bag: Record<string, unknown>) =>
  JSON.stringify(
    Object.keys(bag)
      .sort()
      .map((key) => [key, bag[key]]),
  )

// ---------------------------------------------------------------------------------------------
// Bodies: emoji and combining sequences at every cut point, dates that look like phone numbers.

const GRAPHEMES = ['🇳🇴', '👍🏽', '👨‍👩‍👧‍👦', '1️⃣', 'é', 'a', ' ', 'ß', '中', '🏳️‍🌈']
export const bodyText = fc.oneof(
  fc.constantFrom('Hi', 'question', '12/05/2024 10:30', 'meet 12.05.2024 14:00 ok', 'on 2024-05-12 at 09:15', 'mail ann@example.com'),
  fc.array(fc.constantFrom(...GRAPHEMES), { minLength: 1, maxLength: 40 }).map((parts) => parts.join('')),
)
/** The body cap every model run uses: small, so that emoji bodies are cut. */
export const MAX_BODY_BYTES = 64
const utf8Length = (text: string) => new TextEncoder().encode(text).length

/** The body as it must be sent: within the byte cap, cut only between user-perceived characters. */
export function expectedBody(raw: string, redact: boolean): { message_body: string; message_body_truncated?: true } {
  // The only personal datum a generated body holds; dates and times must come through unchanged.
  const text = redact ? raw.replace('ann@example.com', '[email]') : raw
  if (utf8Length(text) <= MAX_BODY_BYTES) return { message_body: text }
  let kept = ''
  for (const { segment } of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)) {
    if (utf8Length(kept + segment) > MAX_BODY_BYTES) break
    kept += segment
  }
  return { message_body: kept, message_body_truncated: true }
}

// ---------------------------------------------------------------------------------------------
// The wire.

/** Properties the spec sets; the rest of a track call's properties are the custom ones. */
const SPEC_KEYS = new Set([
  'conversationId',
  'messageId',
  'message_body',
  'message_body_truncated',
  'role',
  'message_count',
  'type',
  'action',
  'sub_type',
  'rating',
  'reply_status',
  'time_to_first_token_ms',
  'response_time_ms',
  'tool_call_id',
])
export interface WireTrack {
  event: string
  props: Record<string, unknown>
  custom: string
  /** The identity of the latest Identify before this call on the wire. */
  identity?: string
}

/**
 * The track calls as recorded, each with the identity the client held when it came, after checking
 * the Identify rule: never twice in a row for the same identity.
 */
export function wire(analytics: Pick<MemoryAnalytics, 'calls'>): WireTrack[] {
  const out: WireTrack[] = []
  let identity: string | undefined
  let previous: string | undefined
  for (const call of analytics.calls) {
    if (call.type === 'identify') {
      const id = call.userId ?? 'anon:' + call.anonymousId
      expect(id, 'two Identify calls in a row for the same identity').not.toBe(previous)
      identity = previous = id
      continue
    }
    previous = undefined
    const custom: Record<string, unknown> = {}
    for (const key of Object.keys(call.properties)) if (!SPEC_KEYS.has(key)) Object.defineProperty(custom, key, { value: call.properties[key], enumerable: true })
    out.push({ event: call.event, props: call.properties, custom: canon(custom), identity })
  }
  return out
}
