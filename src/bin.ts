#!/usr/bin/env node
import { main } from "./cli.js";

// A reader that stops early (`atelier validate … | head`) closes the pipe: the rest of the
// output has nowhere to go, which is no error of the command.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code !== "EPIPE") throw e;
  });
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
