import { StrictMode } from 'react'
import { render } from '@testing-library/react'
import { expect, test } from 'vitest'
import { CopilotAnalyticsProvider, TrackedMessage, screebCopilot } from '../../src/entries'
import { assertConformance, checkConformance, createMemoryAnalytics } from '../../src/entries/testing'

test('the chat sends what Screeb expects', () => {
  const analytics = createMemoryAnalytics()
  render(
    <StrictMode>
      <CopilotAnalyticsProvider analytics={analytics} spec={screebCopilot} conversationId="c1">
        <TrackedMessage id="m1" role="user" body="Where is my order?" />
        <TrackedMessage id="m2" role="assistant" body="It ships tomorrow." />
      </CopilotAnalyticsProvider>
    </StrictMode>,
  )
  expect(analytics.events()).toEqual(['screeb_copilot_user_prompt', 'screeb_copilot_response'])
  expect(checkConformance(analytics.calls, screebCopilot)).toEqual([])
  // or assertConformance, which throws one line per problem, e.g.
  // #2 "screeb_copilot_satisfaction" (screeb-copilot): properties.rating_scale: required, missing
  assertConformance(analytics.calls, screebCopilot)
})
