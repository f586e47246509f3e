"use client";
import { useState } from "react";
import { useChat } from "@ai-sdk/react";
import { DefaultChatTransport, isToolUIPart, type UIMessage } from "ai";
import { CopilotAnalyticsProvider, useConversation, useFeedback } from "react-copilot-analytics";
import { useChatTracking } from "react-copilot-analytics/ai-sdk";
import { analytics } from "@/lib/analytics";
import { USER_ID } from "@/components/Home";

const transport = new DefaultChatTransport({ api: "/api/chat" });

/** One chat: useChat and the provider share the chat's id, so a reopened chat is the same conversation. */
export function ChatApp({ id, initialMessages }: { id: string; initialMessages: UIMessage[] }) {
  return (
    <CopilotAnalyticsProvider analytics={analytics} conversationId={id} userId={USER_ID}>
      <Chat id={id} initialMessages={initialMessages} />
    </CopilotAnalyticsProvider>
  );
}

function Chat({ id, initialMessages }: { id: string; initialMessages: UIMessage[] }) {
  const chat = useChat({ id, messages: initialMessages, transport });
  useChatTracking(chat);
  const { messageCount, isStarted, isEnded, end } = useConversation();
  const [input, setInput] = useState("");
  return (
    <main>
      <ol>
        {chat.messages.map((message) => (
          <Message key={message.id} message={message} />
        ))}
      </ol>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!input.trim()) return;
          chat.sendMessage({ text: input });
          setInput("");
        }}
      >
        <input aria-label="Message" value={input} onChange={(event) => setInput(event.target.value)} />
        <button type="submit" disabled={chat.status !== "ready"}>
          Send
        </button>
      </form>
      <p data-testid="conversation">
        {`${isStarted ? "Started" : "Not started"}, ${messageCount} messages${isEnded ? ", ended" : ""}`}
      </p>
      <button onClick={end} disabled={isEnded}>
        End chat
      </button>
    </main>
  );
}

function Message({ message }: { message: UIMessage }) {
  const { rating, submit } = useFeedback(message.id);
  return (
    <li data-role={message.role}>
      {message.parts.map((part, i) =>
        part.type === "text" ? (
          <span key={i}>{part.text}</span>
        ) : isToolUIPart(part) ? (
          <em key={i}>{`[tool ${part.toolCallId}: ${part.state}] `}</em>
        ) : null,
      )}
      {message.role === "assistant" && (
        <button aria-label="Good answer" aria-pressed={rating === 1} onClick={() => submit(1)}>
          👍
        </button>
      )}
    </li>
  );
}
