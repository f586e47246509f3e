import { convertToModelMessages, createIdGenerator, stepCountIs, streamText, tool, type UIMessage } from "ai";
import { MockLanguageModelV4, simulateReadableStream } from "ai/test";
import { z } from "zod";
import { saveChat } from "@/lib/chatStore";

type StreamPart = Awaited<ReturnType<MockLanguageModelV4["doStream"]>>["stream"] extends ReadableStream<infer P> ? P : never;

const usage = {
  inputTokens: { total: 10, noCache: 10, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 8, text: 8, reasoning: 0 },
};

const text = (...deltas: string[]): StreamPart[] => [
  { type: "text-start", id: "t" },
  ...deltas.map((delta): StreamPart => ({ type: "text-delta", id: "t", delta })),
  { type: "text-end", id: "t" },
  { type: "finish", finishReason: { unified: "stop", raw: "stop" }, usage },
];

// The AI SDK's own mock model, no network: the first question gets a tool call (checkStock) and
// then an answer that uses its result; later questions a plain answer, streamed in pieces.
const model = new MockLanguageModelV4({
  doStream: async ({ prompt }) => {
    const last = prompt.at(-1);
    const questions = prompt.filter((message) => message.role === "user").length;
    const parts: StreamPart[] =
      last?.role === "tool"
        ? text("The blue kettle ", "is in stock: ", "12 left.")
        : questions === 1
          ? [
              { type: "tool-call", toolCallId: "call-1", toolName: "checkStock", input: JSON.stringify({ item: "blue kettle" }) },
              { type: "finish", finishReason: { unified: "tool-calls", raw: "tool_calls" }, usage },
            ]
          : questions === 2
            ? text("It ships ", "in two days.")
            : text("Yes, all ", "major cards.");
    return { stream: simulateReadableStream({ chunks: [{ type: "stream-start", warnings: [] }, ...parts], initialDelayInMs: 50, chunkDelayInMs: 30 }) };
  },
});

export async function POST(request: Request) {
  const { id, messages }: { id: string; messages: UIMessage[] } = await request.json();
  const result = streamText({
    model,
    messages: await convertToModelMessages(messages),
    tools: {
      checkStock: tool({
        description: "How many of an item are in stock",
        inputSchema: z.object({ item: z.string() }),
        execute: async ({ item }) => ({ item, inStock: 12 }),
      }),
    },
    stopWhen: stepCountIs(2),
  });
  return result.toUIMessageStreamResponse({
    originalMessages: messages,
    // Server-side ids, so the saved chat and the browser agree on every message's id.
    generateMessageId: createIdGenerator({ prefix: "msg", size: 16 }),
    onFinish: ({ messages }) => saveChat(id, messages),
  });
}
