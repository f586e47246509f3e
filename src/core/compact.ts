import type { Properties } from './types'

/**
 * A plain copy of the own values of `properties`, `undefined` ones dropped. Never throws: what cannot
 * be read (a getter or a Proxy trap that throws, a revoked Proxy, an array or a string where an object
 * belongs) is left out and handed to `unreadable`, with its key ('' for the whole). `read` gives the
 * value of a key (what it throws counts as unreadable; what it makes `undefined` is left out).
 */
export function compact(
  properties: Properties,
  unreadable?: (key: string, error: unknown) => void,
  read = (key: string): unknown => properties[key],
): Properties {
  const entries: [string, unknown][] = []
  try {
    if (Object(properties) !== properties || Array.isArray(properties)) throw properties
    for (const key of Object.keys(properties))
      try {
        const value = read(key)
        if (value !== undefined) entries.push([key, value])
      } catch (error) {
        unreadable?.(key, error)
      }
  } catch (error) {
    unreadable?.('', error)
  }
  // fromEntries defines each key, so "__proto__" stays a key (an assignment would set the prototype).
  return Object.fromEntries(entries)
}
