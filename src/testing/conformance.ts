import type { AnalyticsCall, CopilotSpec } from '../core/types'
import segmentCopilotSchema from '../specs/schemas/segmentCopilot.json'
import segmentCopilotLegacySchema from '../specs/schemas/segmentCopilotLegacy.json'
import segmentLiveChatSchema from '../specs/schemas/segmentLiveChat.json'
import watsonxAssistantSchema from '../specs/schemas/watsonxAssistant.json'
import screebCopilotSchema from '../specs/schemas/screebCopilot.json'

/** The JSON Schema subset the checker understands: type, required, properties, enum, items, anyOf, additionalProperties, minimum. */
export interface JsonSchema {
  type?: JsonType | JsonType[]
  required?: string[]
  properties?: Record<string, JsonSchema | boolean>
  additionalProperties?: JsonSchema | boolean
  enum?: unknown[]
  items?: JsonSchema | boolean
  anyOf?: (JsonSchema | boolean)[]
  minimum?: number
  description?: string
}
type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null'

/** A vocabulary's schemas: one per event name, one for any other name, one for Identify. */
export interface SpecSchema {
  /** The `name` of the spec these schemas describe. */
  spec: string
  title?: string
  /** Schemas for the `properties` of track calls, by event name. */
  events: Record<string, JsonSchema>
  /** For the properties of any other event name; absent: the vocabulary sends no other name. */
  otherEvents?: JsonSchema
  /** For an Identify call `{ userId?, anonymousId?, traits }`. */
  identify?: JsonSchema
}

/** One call that breaks its spec's schema. */
export interface ConformanceViolation {
  /** The call's position in the list checked. */
  index: number
  /** Its event name (`Identify` for an Identify call). */
  event: string
  spec: string
  /** What is wrong, one entry per problem, e.g. `properties.rating: expected string, got number`. */
  errors: string[]
}

/**
 * The schemas of every built-in spec, by spec name (the spec's `name`).
 *
 * @example
 * specSchemas['screeb-copilot'].events.screeb_copilot_satisfaction.required // ['rating_scale', 'rating', ...]
 */
export const specSchemas: Readonly<Record<string, SpecSchema>> = Object.fromEntries(
  [segmentCopilotSchema, segmentCopilotLegacySchema, segmentLiveChatSchema, watsonxAssistantSchema, screebCopilotSchema].map((schema) => [
    schema.spec,
    schema as SpecSchema,
  ]),
)

const typeOf = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value === 'number' && Number.isInteger(value) ? 'integer' : typeof value

const show = (value: unknown) => {
  const text = JSON.stringify(value)
  return text === undefined ? String(value) : text.length > 40 ? text.slice(0, 37) + '...' : text
}

/**
 * Validates a value against a JSON Schema (the subset in {@link JsonSchema}); returns what is wrong,
 * or nothing.
 *
 * @example
 * validateJson({ type: 'object', required: ['rating'], properties: { rating: { type: 'string' } } }, { rating: 4 })
 * // -> ['rating: expected string, got integer 4']
 */
export function validateJson(schema: JsonSchema | boolean, value: unknown, path = ''): string[] {
  const at = path || '(root)'
  if (schema === true) return []
  if (schema === false) return [`${at}: not allowed here`]
  const errors: string[] = []
  const actual = typeOf(value)
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type]
    const fits = types.some((type) => type === actual || (type === 'number' && actual === 'integer'))
    if (!fits) return [`${at}: expected ${types.join(' or ')}, got ${actual} ${show(value)}`]
  }
  if (schema.enum && !schema.enum.some((allowed) => allowed === value)) errors.push(`${at}: expected one of ${show(schema.enum)}, got ${show(value)}`)
  if (schema.minimum !== undefined && typeof value === 'number' && value < schema.minimum) errors.push(`${at}: expected at least ${schema.minimum}, got ${value}`)
  if (schema.anyOf && !schema.anyOf.some((option) => validateJson(option, value, path).length === 0)) {
    errors.push(`${at}: matches none of ${schema.anyOf.map((option) => show(option)).join(', ')}`)
  }
  if (actual === 'object') {
    const object = value as Record<string, unknown>
    const prefix = path ? path + '.' : ''
    for (const key of schema.required ?? []) if (object[key] === undefined) errors.push(`${prefix}${key}: required, missing`)
    for (const key of Object.keys(object)) {
      if (object[key] === undefined) continue
      const propertySchema = (schema.properties && {}.hasOwnProperty.call(schema.properties, key) ? schema.properties[key] : undefined) ?? schema.additionalProperties
      if (propertySchema !== undefined) errors.push(...validateJson(propertySchema, object[key], prefix + key))
    }
  }
  if (actual === 'array' && schema.items !== undefined) (value as unknown[]).forEach((item, index) => errors.push(...validateJson(schema.items!, item, `${path}[${index}]`)))
  return errors
}

const schemaOf = (spec: CopilotSpec | SpecSchema | string): SpecSchema => {
  if (typeof spec === 'object' && 'events' in spec) return spec
  const name = typeof spec === 'string' ? spec : spec.name
  const schema = specSchemas[name]
  if (!schema) throw new Error(`[react-copilot-analytics] No schemas for spec "${name}": pass your own SpecSchema to checkConformance().`)
  return schema
}

/**
 * Checks one call against a spec's schemas; returns what is wrong, or nothing.
 *
 * @example
 * checkCall({ type: 'track', event: 'screeb_copilot_satisfaction', properties: { rating: 4 } }, screebCopilot)
 */
export function checkCall(call: AnalyticsCall, spec: CopilotSpec | SpecSchema | string): string[] {
  const schema = schemaOf(spec)
  if (call.type === 'identify') {
    const { type: _type, ...identify } = call
    return schema.identify ? validateJson(schema.identify, identify) : []
  }
  const eventSchema = schema.events[call.event] ?? schema.otherEvents
  if (!eventSchema) return [`"${call.event}" is not an event of ${schema.spec} (it sends ${Object.keys(schema.events).map((name) => `"${name}"`).join(', ')})`]
  return validateJson(eventSchema, call.properties, 'properties')
}

/**
 * Checks recorded calls (e.g. `createMemoryAnalytics().calls`) against the schemas of the spec that
 * made them: a built-in spec, its name, or a {@link SpecSchema} of your own.
 *
 * @example
 * import { checkConformance, createMemoryAnalytics } from 'react-copilot-analytics/testing'
 * expect(checkConformance(analytics.calls, screebCopilot)).toEqual([])
 */
export function checkConformance(calls: readonly AnalyticsCall[], spec: CopilotSpec | SpecSchema | string): ConformanceViolation[] {
  const schema = schemaOf(spec)
  const violations: ConformanceViolation[] = []
  calls.forEach((call, index) => {
    const errors = checkCall(call, schema)
    if (errors.length) violations.push({ index, event: call.type === 'track' ? call.event : 'Identify', spec: schema.spec, errors })
  })
  return violations
}

/**
 * Throws a readable error listing every violation; for test code.
 *
 * @example
 * assertConformance(analytics.calls, segmentLiveChat)
 */
export function assertConformance(calls: readonly AnalyticsCall[], spec: CopilotSpec | SpecSchema | string): void {
  const violations = checkConformance(calls, spec)
  if (violations.length) throw new Error(formatViolations(violations))
}

/**
 * One line per problem.
 *
 * @example
 * formatViolations(checkConformance(calls, segmentCopilot))
 * // '#3 "Message Sent" (segment-ai-copilot): properties.role: required, missing'
 */
export function formatViolations(violations: readonly ConformanceViolation[]): string {
  return violations.flatMap((violation) => violation.errors.map((error) => `#${violation.index} "${violation.event}" (${violation.spec}): ${error}`)).join('\n')
}
