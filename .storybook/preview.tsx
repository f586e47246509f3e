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
  parameters: { layout: 'fullscreen' },
}
export default preview
