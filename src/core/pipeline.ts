/**
 * The send pipeline: what happens to an event between the tracker deciding to send it and the
 * analytics client receiving it. Its stages, in the order an event goes through them:
 *
 * 1. Properties cleaned (`cleanProperties`): the caller's properties, and the tracker's own, become
 *    plain objects (`compact`). A Proxy, a getter or a trap that throws costs the property it guards
 *    (`invalid_property`), never the event.
 * 2. Vocabulary mapping (`mapEvent`): the tracker's identity is sent first if it changed, the event is
 *    stamped (`timestamp` defaults to now), and each vocabulary (`spec.map`) turns it into calls. A spec
 *    that throws, or returns calls that do, costs its own calls (`spec_error`), not the other specs'.
 * 3. Privacy guard (`guardAndHold`): each call's properties (the tracker's merged under the spec's) are
 *    redacted, capped and size-checked by `guard` (`./privacy`). A call whose properties cannot be read
 *    at all is not sent (`invalid_property`).
 * 4. Consent (`gate.hold`, `./consent`): sent now when granted, queued while undecided, dropped when
 *    denied.
 * 5. Client (`sendToClient`): an Identify goes out only if the client does not hold that identity
 *    already (`claimIdentity`, `./keys`); the call goes to the client, and a throw or a rejected
 *    promise is reported (`client_error`).
 *
 * Why in this order: properties are read, mapped and guarded when the event happens, so a call queued
 * for consent holds a snapshot, and later changes to the caller's objects neither leak into it nor
 * fail it; the client, though, is the one configured when the call is finally sent. The guard comes
 * after the mapping because it applies to the properties a vocabulary actually sends (its body fields
 * and its names), and before consent so that nothing unredacted waits in the queue.
 *
 * The tracker keeps the state (options, consent gate, key store, identity); this module reads it
 * through what {@link createPipeline} is given, once per tracker.
 */
import type { CopilotAnalyticsErrorCode } from './errors'
import type { KeyStore } from './keyStore'
import type { ConsentGate } from './consent'
import type { TrackerOptions } from './tracker'
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
 * 1. The caller's properties as a plain object: what cannot be read is left out and reported
 * (property "" when the whole cannot be read).
 */
export const cleanProperties = (properties: unknown, name: string, report: Report): Properties =>
  compact((properties ?? {}) as Properties, (key, error) => report('invalid_property', process.env.NODE_ENV !== 'production' ? `Event "${name}", property "${key}",` : '', error))

/**
 * The pipeline of one tracker, over its state: `options` is read at each event (and the client at
 * each send), `syncIdentity` sends the tracker's Identify if the client does not hold it yet.
 */
export function createPipeline(
  report: Report,
  store: () => KeyStore,
  options: TrackerOptions,
  gate: ConsentGate,
  now: () => number,
  defaultSpec: CopilotSpec,
  syncIdentity: () => void,
): (input: EventInput) => void {
  // 3. The privacy guard on the call's properties (`shared`, the tracker's, under the spec's), now;
  // then 4. consent holds the guarded snapshot until the call may go to the client.
  const guardAndHold = (call: AnalyticsCall, shared: Properties) => {
    const track = call.type === 'track'
    const name = track ? call.event : 'Identify'
    let properties: Properties | undefined
    try {
      properties = guard(track ? { ...shared, ...call.properties } : call.traits, name, options.privacy, report, track)
    } catch (error) {
      return report('invalid_property', process.env.NODE_ENV !== 'production' ? `Event "${name}", whose properties could not be read, was not sent:` : '', error)
    }
    const failed = (error: unknown) => report('client_error', process.env.NODE_ENV !== 'production' ? `The analytics client, on "${name}",` : '', error)
    // 5. The client current at send time; an Identify only if the client does not hold that identity yet.
    gate.hold(() => {
      try {
        const client = options.analytics
        const result = track
          ? client.track(call.event, properties)
          : claimIdentity(Object(client), store(), identityOf(call.userId, call.anonymousId)) &&
            client.identify(call.userId ?? null, properties, call.anonymousId ? { anonymousId: call.anonymousId } : undefined)
        // A promise-returning client (AnalyticsBrowser) fails asynchronously; a bad `then` throws into the catch.
        ;(result as Partial<PromiseLike<unknown>> | undefined)?.then?.(undefined, failed)
      } catch (error) {
        failed(error)
      }
    })
  }

  // 2. Identity first, then the event stamped and mapped by each vocabulary.
  return (input: EventInput) => {
    const name = (input as { event?: string }).event ?? input.type
    const event = { ...input, timestamp: input.timestamp ?? now(), properties: cleanProperties(input.properties, name, report) } as CopilotEvent
    if (event.type !== 'identify') syncIdentity()
    // The tracker's own properties (the provider's), read once per event and the same for every spec.
    const context = { ...options, properties: cleanProperties(options.properties, name, report) }
    for (const spec of [options.spec ?? defaultSpec].flat()) {
      // guardAndHold() throws nothing: what throws here is the spec, or the calls it returned.
      try {
        for (const call of spec.map(event, context)) guardAndHold(call, context.properties)
      } catch (error) {
        report('spec_error', process.env.NODE_ENV !== 'production' ? `The spec "${spec.name}", on "${event.type}",` : '', error)
      }
    }
  }
}
