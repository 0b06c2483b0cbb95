/**
 * Markdown for input text: whatever a group typed is shown as text, never as markup, in the
 * report and the matrix alike.
 */

/**
 * Input text made inert in Markdown: backslash, emphasis, code, link, table and strike-through
 * characters escaped, HTML and entities neutralised, a leading block marker (`#`, `>`, `-`, `+`,
 * `=`, `1.`) escaped, and line breaks as `<br>` so the text stays on its table row or list item.
 */
export function escapeMarkdown(text: string): string {
  return text
    .trim()
    .split(/\r\n|\r|\n/)
    .map((line) =>
      line
        .replace(/\\/g, "\\\\")
        .replace(/[`*_[\]|~]/g, "\\$&")
        .replace(/&(?=#?\w+;)/g, "&amp;")
        .replace(/</g, "&lt;")
        .replace(/\t/g, " "),
    )
    .map((line, i) => (i === 0 ? escapeLeading(line) : line))
    .join("<br>");
}

function escapeLeading(line: string): string {
  return line
    .replace(/^\s+/, "")
    .replace(/^(#{1,6}(?=\s|$)|>|[-+](?=\s|$))/, "\\$1")
    .replace(/^(\d{1,9})([.)])(?=\s|$)/, "$1\\$2");
}
