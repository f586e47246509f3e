import { Suspense } from "react";
import { ChatApp } from "@/components/ChatApp";
import { loadChat } from "@/lib/chatStore";

export default function Page({ params }: PageProps<"/chat/[id]">) {
  return (
    <Suspense fallback={<p>Loading the chat…</p>}>
      <SavedChat params={params} />
    </Suspense>
  );
}

/** The chat's saved messages come from the server, so another tab or device opens the same chat. */
async function SavedChat({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ChatApp id={id} initialMessages={await loadChat(id)} />;
}
