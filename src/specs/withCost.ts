import type { AnalyticsCall, CopilotEvent, CopilotSpec } from '../core/types'

/** USD per million tokens, input and output, as providers quote them. */
export interface ModelPrice {
  input: number
  output: number
}

/** Prices by model name, the `model` of the reply metadata (e.g. `'gpt-5.1'`). */
export type PriceTable = Readonly<Record<string, ModelPrice>>

const price = (value: unknown) => (typeof value === 'number' && value >= 0 && value < Infinity ? value : undefined)

/**
 * The cost of a reply in USD, from its model, its `input_tokens` and `output_tokens` and a price
 * table; undefined when one of them is unknown (a model missing from the table, a price that is not
 * a non-negative number): never guessed.
 *
 * @example
 * replyCost({ model: 'gpt-5.1', input_tokens: 1200, output_tokens: 300 }, { 'gpt-5.1': { input: 1.25, output: 10 } })
 * // 0.0045
 */
export function replyCost(properties: Readonly<Record<string, unknown>>, prices: PriceTable): number | undefined {
  const { model, input_tokens: input, output_tokens: output } = properties
  if (typeof model !== 'string' || typeof input !== 'number' || typeof output !== 'number') return undefined
  const entry: Partial<Record<string, unknown>> | undefined = Object.prototype.hasOwnProperty.call(prices, model) ? Object(prices[model]) : undefined
  const perInput = price(entry?.input)
  const perOutput = price(entry?.output)
  if (perInput === undefined || perOutput === undefined) return undefined
  // Rounded to a millionth of a cent: floating-point noise (0.30000000000000004) stays out of reports.
  return Math.round((input * perInput + output * perOutput) * 1e2) / 1e8
}

/**
 * A vocabulary that also sends `cost_usd` on each reply (Message Received, and its counterpart in
 * the other vocabularies) whose metadata gives a model in `prices` and both token counts. The price
 * table is yours: the package ships none, so the typical import pays nothing for it.
 *
 * @example
 * import { segmentCopilot } from 'react-copilot-analytics'
 * import { withCost } from 'react-copilot-analytics/core'
 * const spec = withCost(segmentCopilot, { 'gpt-5.1': { input: 1.25, output: 10 } })
 * <CopilotAnalyticsProvider analytics={analytics} spec={spec}>
 */
export function withCost(spec: CopilotSpec, prices: PriceTable): CopilotSpec {
  return {
    name: spec.name,
    map(event: CopilotEvent, context) {
      if (event.type !== 'message_received' || event.properties.cost_usd !== undefined) return spec.map(event, context)
      let cost: number | undefined
      try {
        cost = replyCost(event.properties, prices)
      } catch {
        // A price table whose getters throw costs the cost, never the event.
      }
      return spec.map(cost === undefined ? event : { ...event, properties: { ...event.properties, cost_usd: cost } }, context) as AnalyticsCall[]
    },
  }
}
