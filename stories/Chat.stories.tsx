import type { Meta, StoryObj } from '@storybook/react-vite'
import { CopilotAnalyticsProvider, TrackedMessage } from '../src'

const meta: Meta = { title: 'Chat' }
export default meta

/** Placeholder demo: two tracked messages on the embedded in-memory recorder (nothing leaves the page). */
export const Basic: StoryObj = {
  render: () => (
    <CopilotAnalyticsProvider>
      <TrackedMessage id="m1" role="user" body="What's the best stock in the Nasdaq right now?" />
      <TrackedMessage id="m2" role="assistant" body="I can't give financial advice, but here is how to compare them." />
    </CopilotAnalyticsProvider>
  ),
}
