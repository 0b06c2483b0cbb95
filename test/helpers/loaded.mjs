// `node --import ./test/helpers/loaded.mjs …`: every file the program loads is appended to the
// file named by ATELIER_LOADED, from Node's own module loader (the hook runs for each load).
import { register } from "node:module";

register(
  `data:text/javascript,${encodeURIComponent(`
import { appendFileSync } from "node:fs";
export async function load(url, context, next) {
  if (url.startsWith("file:")) appendFileSync(${JSON.stringify(process.env.ATELIER_LOADED)}, url + "\\n");
  return next(url, context);
}`)}`,
);
