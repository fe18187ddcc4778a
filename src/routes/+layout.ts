// A static SPA: nothing renders on a server, the shell is prerendered once. (The feed worker is
// started earlier still, from src/hooks.client.ts.)
export const ssr = false;
export const prerender = true;
