import type { NextConfig } from 'next';

// A static export: the gateway (Spring Boot) serves web/out from the jar's static/ folder at "/",
// so the page and the API share one origin and need no CORS.
const config: NextConfig = {
  output: 'export',
  reactStrictMode: true,
  poweredByHeader: false,
  images: { unoptimized: true },
};

export default config;
