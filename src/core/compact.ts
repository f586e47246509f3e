import type { Properties } from './types'

/** Drops `undefined` values so nothing undefined reaches the wire. */
export function compact(properties: Properties): Properties {
  const out: Properties = {}
  for (const key in properties) if (properties[key] !== undefined) out[key] = properties[key]
  return out
}
