/**
 * Text encoded to UTF-8 as it comes, a megabyte at a time: a large output (a sheet, a table, a
 * JSON document) is never one string, which was slow to build and to encode, and past V8's
 * length limit for the largest. `full` receives each filled buffer, and the buffer is reused once
 * it returns: it must write or copy the bytes then.
 */
export function utf8Writer(full: (bytes: Buffer) => void): {
  add(text: string): void;
  end(): void;
} {
  const buffer = Buffer.allocUnsafe(1 << 20);
  let used = 0;
  return {
    add(text) {
      // A UTF-16 unit takes at most 3 bytes in UTF-8.
      if (used + text.length * 3 > buffer.length) {
        if (used > 0) full(buffer.subarray(0, used));
        used = 0;
        if (text.length * 3 > buffer.length) {
          full(Buffer.from(text));
          return;
        }
      }
      used += buffer.write(text, used);
    },
    end() {
      if (used > 0) full(buffer.subarray(0, used));
      used = 0;
    },
  };
}
