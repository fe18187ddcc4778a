// A static SPA: nothing renders on a server, the shell is prerendered once.
export const ssr = false;
export const prerender = true;
