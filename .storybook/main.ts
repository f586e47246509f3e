import type { StorybookConfig } from '@storybook/react-vite'

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.@(ts|tsx)'],
  framework: { name: '@storybook/react-vite', options: {} },
  // No network here or for most users' CI: telemetry would only wait on a host it cannot reach.
  core: { disableTelemetry: true },
}
export default config
