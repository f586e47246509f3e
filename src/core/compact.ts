import type { CopilotAnalyticsErrorCode } from './errors'
import type { Properties } from './types'

// Bundlers replace process.env.NODE_ENV; the subjects of reports are for development only.
declare const process: { env: { NODE_ENV?: string } }

/**
 * A plain copy of the own values of `properties`, `undefined` ones dropped. Never throws: what cannot
 * be read (a getter or a Proxy trap that throws, a revoked Proxy, an array or a string where an object
 * belongs) is left out and reported (`invalid_property`, as a property of event `name`; property ''
 * for the whole). `read` gives the value of a key (what it throws counts as unreadable; what it makes
 * `undefined` is left out).
 */
export function compact(
  properties: Properties,
  report?: (code: CopilotAnalyticsErrorCode, subject: string, got: unknown) => void,
  name?: string,
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
        report?.('invalid_property', process.env.NODE_ENV !== 'production' ? `Event "${name}", property "${key}",` : '', error)
      }
  } catch (error) {
    report?.('invalid_property', process.env.NODE_ENV !== 'production' ? `Event "${name}", property "",` : '', error)
  }
  // fromEntries defines each key, so "__proto__" stays a key (an assignment would set the prototype).
  return Object.fromEntries(entries)
}
