import path from "node:path";
import type { NextConfig } from "next";

// create-next-app 16.4's defaults (cacheComponents and partialPrefetching on), plus the app's own
// folder as Turbopack's root: it sits inside this repository, which has a lockfile of its own.
const nextConfig: NextConfig = {
  cacheComponents: true,
  partialPrefetching: true,
  turbopack: { root: path.resolve(__dirname) },
};

export default nextConfig;
