/**
 * `react-copilot-analytics/dedupe`: deterministic Segment `messageId`s, so that Segment drops the
 * same event sent from two tabs or from browser and server. Opt-in, in its own entry: the typical
 * import does not carry it.
 * @packageDocumentation
 */
export { deterministicMessageIds, MESSAGE_ID_PREFIX, type DeterministicMessageIdsOptions } from '../dedupe/deterministicMessageIds'
export type { MessageIds } from '../core/options'
