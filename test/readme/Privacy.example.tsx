import { CopilotAnalyticsProvider, redactPII } from '../../src/entries'
import { analytics } from './analytics'
import { Chat } from './Chat'

export function PrivateChat() {
  return (
    <CopilotAnalyticsProvider
      analytics={analytics}
      privacy={{
        captureBodies: true, // false: no message_body, prompt or response, in any vocabulary
        redact: (text) => redactPII(text).replace(/ACME-\d{6}/g, '[account]'),
        maxBodyBytes: 16 * 1024, // the default
      }}
    >
      <Chat />
    </CopilotAnalyticsProvider>
  )
}
