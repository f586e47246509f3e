// What the route handler example (chatRoute.example.ts) imports from your app: declared here for the
// type check, and provided by its test (test/server/chatRoute.test.ts) with a mock model and a
// Segment client that posts to the local collector.
import type { Analytics } from '@segment/analytics-node'
import type { LanguageModel } from 'ai'

/** Your model, e.g. `openai('gpt-5.1')`. */
export declare const model: LanguageModel
/** Your Segment server client: `new Analytics({ writeKey: process.env.SEGMENT_WRITE_KEY! })`, once per process. */
export declare const segment: Analytics
/** Your session lookup. */
export declare function currentUserId(request: Request): Promise<string>
