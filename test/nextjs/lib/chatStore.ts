import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { UIMessage } from "ai";

// A file per chat: the simplest store that survives across requests and route bundles.
const dir = join(process.cwd(), ".chats");
const file = (id: string) => join(dir, `${encodeURIComponent(id)}.json`);

export async function loadChat(id: string): Promise<UIMessage[]> {
  try {
    return JSON.parse(await readFile(file(id), "utf8"));
  } catch {
    return [];
  }
}

export async function saveChat(id: string, messages: UIMessage[]): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(file(id), JSON.stringify(messages));
}
