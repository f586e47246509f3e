import type { Metadata } from "next";
import { EventLog } from "@/components/EventLog";

// create-next-app's layout without next/font/google (it downloads fonts at build time).
export const metadata: Metadata = {
  title: "Support copilot",
  description: "react-copilot-analytics in a Next.js App Router app",
};

export default function RootLayout({ children }: LayoutProps<"/">) {
  return (
    <html lang="en">
      <body>
        {children}
        <EventLog />
      </body>
    </html>
  );
}
