import type { StorybookConfig } from '@storybook/react-vite'

const config: StorybookConfig = {
  // The introduction first, then the demos, then the guides of docs/ (rendered from their files).
  stories: ['../stories/Introduction.mdx', '../stories/**/*.stories.@(ts|tsx)', '../stories/guides/*.mdx'],
  // MDX pages need the docs addon.
  addons: ['@storybook/addon-docs'],
  framework: { name: '@storybook/react-vite', options: {} },
  // No network here or for most users' CI: telemetry would only wait on a host it cannot reach.
  core: { disableTelemetry: true },
  // A newcomer should land on our introduction and demos, not on Storybook's own onboarding checklist.
  features: { sidebarOnboardingChecklist: false, menuOnboardingChecklist: false },
}
export default config
