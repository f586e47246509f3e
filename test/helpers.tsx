import { StrictMode, type ReactNode } from 'react'
import { render } from '@testing-library/react'
import { CopilotAnalyticsProvider, type CopilotAnalyticsError, type CopilotAnalyticsProviderProps } from '../src/entries'
import { createMemoryAnalytics, type MemoryAnalytics } from '../src/entries/testing'

/** The track calls as [event, properties] pairs: the shape most assertions want. */
export const tracks = (analytics: MemoryAnalytics) =>
  analytics.calls.flatMap((call) => (call.type === 'track' ? [[call.event, call.properties] as const] : []))

/** A recorder, an error sink and a StrictMode provider around whatever a test renders. */
export function setup(props: Partial<CopilotAnalyticsProviderProps> = {}) {
  const analytics = createMemoryAnalytics()
  const errors: CopilotAnalyticsError[] = []
  const Wrapper = ({ children }: { children?: ReactNode }) => (
    <StrictMode>
      <CopilotAnalyticsProvider analytics={analytics} conversationId="c1" onError={(error) => errors.push(error)} {...props}>
        {children}
      </CopilotAnalyticsProvider>
    </StrictMode>
  )
  return {
    analytics,
    errors,
    Wrapper,
    render: (ui: ReactNode) => render(ui, { wrapper: Wrapper }),
  }
}
