// Stands for the reader's own model setup in the documented examples (imported as './model'): the
// AI SDK's mock model, no network, answering every question with a short text.
import { MockLanguageModelV3, simulateReadableStream } from 'ai/test'
import type { LanguageModelV3StreamPart } from '@ai-sdk/provider'

export const MODEL_ID = 'gpt-5.1'

export const model = new MockLanguageModelV3({
  modelId: MODEL_ID,
  doStream: async () => ({
    stream: simulateReadableStream<LanguageModelV3StreamPart>({
      chunks: [
        { type: 'stream-start', warnings: [] },
        { type: 'text-start', id: 't' },
        { type: 'text-delta', id: 't', delta: 'Twelve left.' },
        { type: 'text-end', id: 't' },
        {
          type: 'finish',
          finishReason: { unified: 'stop', raw: 'stop' },
          usage: { inputTokens: { total: 1200, noCache: 1200, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 300, text: 300, reasoning: 0 } },
        },
      ],
    }),
  }),
})
