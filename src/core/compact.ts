import type { Properties } from './types'

/** Drops `undefined` values so nothing undefined reaches the wire (and a getter that throws with them). */
export function compact(properties: Properties): Properties {
  const out: Properties = {}
  for (const key in properties)
    try {
      if (properties[key] !== undefined) out[key] = properties[key]
    } catch {
      // host objects can throw on read: that one property is left out, never the event
    }
  return out
}
