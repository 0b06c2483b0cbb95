/**
 * Where the command line writes, and what a caller that runs it in-process (the launchers, the
 * tests) gives it and learns from it: `main` in cli.ts takes one.
 */
export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  /** Colours only on a terminal and without NO_COLOR. */
  color: boolean;
  /**
   * The files and folders of the running program itself when they lie among the files a command
   * reads (the offline package unzipped inside a workshop): `compile` and `validate` neither
   * read nor list them, as they pass over the output folder.
   */
  programFiles?: readonly string[];
  /**
   * Called by `compile` with the output folder's absolute path once its outputs are written:
   * the folder comes from the workshop's configuration, so a caller that opens it learns it here.
   */
  onWritten?: (out: string) => void;
}
