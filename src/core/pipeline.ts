/**
 * The send pipeline: what happens to an event between the tracker deciding to send it and the
 * analytics client receiving it. The stages, in the order an event goes through them:
 *
 * 1. Properties cleaned ({@link cleanProperties}): the event's properties, and then the tracker's own,
 *    become plain objects. A Proxy, a getter or a trap that throws costs the property it guards
 *    (`invalid_property`), never the event.
 * 2. Vocabulary mapping (what {@link createPipeline} returns, the tracker's `emit`): the event is
 *    stamped (`timestamp` defaults to now), the tracker's Identify goes first if the client does not
 *    hold its identity yet, and each vocabulary's `map` turns the event into calls. A vocabulary that
 *    throws is reported (`spec_error`) and the others still send.
 * 3. Privacy guard (`guardAndHold`, with `guard` from `./privacy`): each call's properties, the
 *    tracker's under the vocabulary's, are redacted, their bodies capped and their size checked
 *    (`redact_error`, `invalid_property`, `event_too_large`). A call whose properties cannot be read
 *    at all is not sent (`invalid_property`).
 * 4. Consent (`gate.hold`, `./consent`): the call is sent now when granted, waits while undecided,
 *    and is dropped when denied.
 * 5. Client: an Identify goes out only if the client does not hold that identity yet (`claimIdentity`,
 *    `./keys`); a client that throws or whose promise rejects is reported (`client_error`).
 *
 * Why this order: properties are cleaned, mapped and guarded when the event happens, so a call
 * waiting for consent holds a snapshot (a later change to the caller's objects neither leaks into it
 * nor breaks it), and nothing unredacted waits; the client is the one configured when the call is
 * finally sent. The guard follows the mapping because it applies to what a vocabulary sends (its
 * body fields under their names).
 *
 * The tracker keeps the state (options, consent gate, key store, identity) and creates one pipeline.
 */
import type { CopilotAnalyticsErrorCode } from './errors'
import { getDefaultKeyStore } from './keyStore'
import type { ConsentGate } from './consent'
import type { TrackerOptions } from './options'
import type { AnalyticsCall, CopilotEvent, CopilotSpec, Properties } from './types'
import { compact } from './compact'
import { guard } from './privacy'
import { claimIdentity, identityOf } from './keys'

/** A canonical event as handed to emit(): the tracker stamps `timestamp` and defaults `properties`. */
export type EventInput = CopilotEvent extends infer E
  ? E extends { timestamp: number }
    ? Omit<E, 'timestamp' | 'properties'> & { timestamp?: number; properties?: Properties }
    : never
  : never

type Report = (code: CopilotAnalyticsErrorCode, subject: string, got: unknown) => void

// Bundlers replace process.env.NODE_ENV; the subjects of reports are for development only.
declare const process: { env: { NODE_ENV?: string } }

/**
 * 1. The caller's properties as a plain object. What cannot be read is left out and reported
 * (property "" when the whole cannot be read), never the event, whose exactly-once key is already
 * claimed. The tracker cleans an Identify's traits and a reply's properties with it too.
 */
export const cleanProperties = (properties: unknown, name: string, report: Report, valid?: (key: string, value: unknown) => unknown): Properties =>
  compact(
    (properties ?? {}) as Properties,
    report,
    name,
    // A value `valid` rejects is left out and reported like one that cannot be read.
    valid &&
      ((key) => {
        const value = (properties as Properties)[key]
        if (value !== undefined && !valid(key, value)) throw value
        return value
      }),
  )

/**
 * The pipeline of one tracker (stages 2 to 5): returns its `emit`. The tracker's options are read when
 * needed (the clock and the vocabularies at each event, the key store and the client at each send,
 * as the tracker reads them); `syncIdentity` sends the tracker's Identify if the client does not
 * hold it yet.
 */
export function createPipeline(
  options: TrackerOptions,
  defaultSpec: CopilotSpec,
  report: Report,
  gate: ConsentGate,
  syncIdentity: () => void,
): (input: EventInput) => void {
  // 3. The privacy guard on the call's properties (`shared`, the tracker's, under the vocabulary's),
  // now; then 4. consent holds the guarded snapshot until 5. the call goes to the client.
  const guardAndHold = (call: AnalyticsCall, shared: Properties, delivery?: Properties) => {
    const track = call.type === 'track'
    const name = process.env.NODE_ENV !== 'production' ? (track ? call.event : 'Identify') : '' // for development reports
    let properties: Properties | undefined
    try {
      properties = guard(track ? { ...shared, ...call.properties } : call.traits, name, options.privacy, report, track)
    } catch (error) {
      return report('invalid_property', process.env.NODE_ENV !== 'production' ? `Event "${name}", whose properties could not be read, was not sent:` : '', error)
    }
    // 5. The client configured at send time; an Identify only if that client does not hold the identity yet.
    gate.hold(() => {
      try {
        const client = options.analytics
        const result = track
          ? client.track(call.event, properties, delivery)
          : claimIdentity(Object(client), options.keyStore ?? getDefaultKeyStore(), identityOf(call.userId, call.anonymousId)) &&
            client.identify(call.userId ?? null, properties, call.anonymousId ? { anonymousId: call.anonymousId } : undefined)
        // A promise-returning client (AnalyticsBrowser) fails asynchronously; a bad `then` throws into the catch.
        ;(result as Partial<PromiseLike<unknown>> | undefined)?.then?.(undefined, (error) => report('client_error', process.env.NODE_ENV !== 'production' ? `The analytics client, on "${name}",` : '', error))
      } catch (error) {
        report('client_error', process.env.NODE_ENV !== 'production' ? `The analytics client, on "${name}",` : '', error)
      }
    })
  }

  // 2. The event stamped and cleaned, the tracker's identity sent first, then each vocabulary's calls.
  return (input: EventInput) => {
    // For development reports only (production ones carry no subject).
    const name = process.env.NODE_ENV !== 'production' ? ((input as { event?: string }).event ?? input.type) : ''
    const event = { ...input, timestamp: input.timestamp ?? (options.now ?? Date.now)(), properties: cleanProperties(input.properties, name, report) } as CopilotEvent
    if (event.type !== 'identify') syncIdentity()
    // The tracker's own properties (the provider's), read once per event and the same for every spec.
    const context = { ...options, properties: cleanProperties(options.properties, name, report) }
    for (const spec of [options.spec ?? defaultSpec].flat()) {
      // guardAndHold() throws nothing: what throws here is the spec, or the calls it returned.
      try {
        for (const call of spec.map(event, context)) guardAndHold(call, context.properties, options.messageIds?.(event, call, spec, options))
      } catch (error) {
        report('spec_error', process.env.NODE_ENV !== 'production' ? `The spec "${spec.name}", on "${event.type}",` : '', error)
      }
    }
  }
}
