// Small DOM helpers shared by the self-check page's modules.

// An element with attributes and children. Attributes whose value is null, undefined or
// false are left out; children that are null or undefined are skipped. Text is always set
// as text (never parsed as HTML), so nothing from the engine or a setting can inject markup.
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? "" : String(value));
  }
  node.append(...children.filter((child) => child !== null && child !== undefined));
  return node;
}

// "{name}" placeholders in a site string, filled with values (unknown ones left as they are).
export function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (match, name) => (name in values ? String(values[name]) : match));
}

// Focus without the browser's own scrolling, then bring the element to the top of the
// screen, below the sticky header (the stylesheet's scroll-margin-top). A focused element
// taller than the screen would otherwise be centred, leaving its start above the screen.
export function focusAtTop(target, scrollTarget = target) {
  target.focus({ preventScroll: true });
  scrollTarget.scrollIntoView({ block: "start", inline: "nearest", behavior: "instant" });
}
