import { StrictMode } from 'react'
import type { Preview } from '@storybook/react-vite'

const preview: Preview = {
  // Every demo runs under StrictMode (double effects in development), in Storybook and in the
  // story tests alike: the events the log shows are the ones a StrictMode app really sends.
  decorators: [
    (Story) => (
      <StrictMode>
        <Story />
      </StrictMode>
    ),
  ],
  parameters: {
    layout: 'fullscreen',
    // The sidebar in reading order: what this is, the demos, then the guides as the README lists them.
    options: {
      storySort: {
        order: [
          'Introduction',
          'Demos',
          'Guides',
          ['Exactly once', 'Frameworks', 'Response-time metrics', 'Vocabularies', 'Privacy and consent', 'Delivery', 'Event log and demos', 'Testing your app', 'Performance', 'Error codes', 'API reference', 'Development'],
        ],
      },
    },
  },
}
export default preview
