// The suite-wide conformance check: every call any test or story makes through a built-in spec is
// checked against that spec's schemas, and a test that produced a non-conforming call fails.
//
// How: each built-in spec object's `map` is wrapped (the tracker calls `spec.map(event, options)`
// through the object, so the default spec is covered too). The wrapper knows the producing spec
// exactly, even when several fan out, and sees the provider `properties` in the context, so it checks
// the properties as the tracker will send them (provider properties under the spec's). No hook in
// the library: the production code path is the one under test.
import { afterEach } from 'vitest'
import { compact } from '../src/core/compact'
import type { AnalyticsCall, CopilotSpec } from '../src/core/types'
import { segmentCopilot, segmentCopilotLegacy, segmentLiveChat, screebCopilot, watsonxAssistant } from '../src/entries/core'
import { checkCall } from '../src/entries/testing'

export const builtInSpecs: readonly CopilotSpec[] = [segmentCopilot, segmentCopilotLegacy, segmentLiveChat, watsonxAssistant, screebCopilot]

let violations: string[] = []
/** How many calls were checked since the start of the test file (so a test can prove the check ran). */
export let checkedCalls = 0

/** Returns and forgets the violations found so far (for a test that produces one on purpose). */
export function takeViolations(): string[] {
  const found = violations
  violations = []
  return found
}

export function installConformanceCheck(): void {
  for (const spec of builtInSpecs) {
    const map = spec.map
    if ((map as { conformance?: true }).conformance) continue
    const checked: CopilotSpec['map'] & { conformance?: true } = function (this: CopilotSpec, event, context) {
      const calls = map.call(this, event, context)
      for (const call of calls) {
        const sent: AnalyticsCall = call.type === 'track' ? { ...call, properties: compact({ ...context?.properties, ...call.properties }) } : call
        checkedCalls++
        for (const error of checkCall(sent, spec)) violations.push(`"${sent.type === 'track' ? sent.event : 'Identify'}" (${spec.name}): ${error}`)
      }
      return calls
    }
    checked.conformance = true
    ;(spec as { map: CopilotSpec['map'] }).map = checked
  }
  afterEach(() => {
    const found = takeViolations()
    if (found.length) throw new Error(`Calls that break their spec's schema:\n${found.join('\n')}`)
  })
}
