"use client";
import { useRouter } from "next/navigation";
import { CopilotAnalyticsProvider, useFeedback } from "react-copilot-analytics";
import { analytics } from "@/lib/analytics";

export const USER_ID = "user-1";

/** The landing page, prerendered at build time: the provider renders there with a given conversationId. */
export function Home() {
  const router = useRouter();
  return (
    <CopilotAnalyticsProvider analytics={analytics} conversationId="landing-page" userId={USER_ID}>
      <h1>Support copilot</h1>
      <button onClick={() => router.push(`/chat/${crypto.randomUUID()}`)}>New chat</button>
      <PageFeedback />
    </CopilotAnalyticsProvider>
  );
}

function PageFeedback() {
  const { rating, submit } = useFeedback();
  return (
    <p>
      Was this page helpful?{" "}
      <button aria-pressed={rating === 1} onClick={() => submit(1)}>
        Yes
      </button>
    </p>
  );
}
