#!/usr/bin/env node
import module from "node:module";

// Node 22.1 and later keep the code they compiled between runs (the offline package's runtime
// has it): a run then does not compile again the code it loads. Node 20 has no such cache.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

// Imported once the cache is on, so that the program's own code goes through it.
const { main } = await import("./cli.js");

// A reader that stops early (`atelier validate … | head`) closes the pipe: the rest of the
// output has nowhere to go, which is no error of the command.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code !== "EPIPE") throw e;
  });
}

process.exitCode = await main(process.argv.slice(2));
