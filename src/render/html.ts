/**
 * HTML built safely: markup only comes from `el`, which escapes every string it is given, so
 * that input text can never become markup; templates are filled in one pass.
 */

/** Markup that is safe to insert: built by `el` from escaped parts. */
export class SafeHtml {
  constructor(readonly html: string) {}
}

export type Child = SafeHtml | string | number | null | undefined | false | readonly Child[];
export type Attrs = Record<string, string | number | boolean | null | undefined>;

/** `&`, `<`, `>`, `"` and `'` as entities: safe in text and in quoted attribute values. */
export function escapeHtml(text: string): string {
  if (!/[&<>"']/.test(text)) return text;
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

const VOID = new Set(["br", "meta", "col"]);
const SVG_EMPTY = new Set(["rect", "line", "path", "circle"]);

function renderChild(c: Child): string {
  if (c === null || c === undefined || c === false) return "";
  if (c instanceof SafeHtml) return c.html;
  if (Array.isArray(c)) return c.map(renderChild).join("");
  return escapeHtml(String(c));
}

export function el(tag: string, attrs: Attrs | null, ...children: Child[]): SafeHtml {
  const a = Object.entries(attrs ?? {})
    .filter(([, v]) => v !== null && v !== undefined && v !== false)
    .map(([k, v]) => (v === true ? ` ${k}` : ` ${k}="${escapeHtml(String(v))}"`))
    .join("");
  if (children.length === 0 && VOID.has(tag)) return new SafeHtml(`<${tag}${a}>`);
  if (children.length === 0 && SVG_EMPTY.has(tag)) return new SafeHtml(`<${tag}${a}/>`);
  return new SafeHtml(`<${tag}${a}>${children.map(renderChild).join("")}</${tag}>`);
}

/**
 * Fills `{{name}}` slots with markup in one pass, so that text inserted in a slot is never read
 * as a slot, and a `$&` in it is not a replacement pattern.
 */
export function fillTemplate(template: string, slots: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => slots[name] ?? whole);
}
