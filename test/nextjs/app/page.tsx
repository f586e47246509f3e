import { Home } from "@/components/Home";

// A static page (prerendered at build time) whose client component renders the provider.
export default function Page() {
  return <Home />;
}
