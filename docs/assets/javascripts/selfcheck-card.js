// The result on screen: the engine's card (selfcheck/card.py) turned into DOM, in the
// card's own order, with the card's own words. Nothing is chosen here: which boxes, which
// actions, which numbers and headings all come from the card. The only words of the
// page's own are its chrome (buttons, "Source 2", "opens in a new tab"), from the site's
// locale.
//
// Order (after the NHS care card): the heading (its urgency label first, for screen
// readers), the one emergency action, the crisis lines, the headline and summary; then
// each section (scores, why, next steps), the consultation line, the clinic's box, the
// sources, the disclaimer, and the Print / Start again buttons.

import { el, fill } from "./selfcheck-dom.js";

export const RESULT_HEADING_ID = "selfcheck-result-heading";
const NON_URGENT = "non-urgent";
const STYLES = new Set(["emergency", "urgent", NON_URGENT]);

// A link to a page of this site, relative to the page showing it (clinics host the site
// under sub-paths): `site.root` leads from this page to the site's root ("../"), and
// `site.elsewhere` holds the pages a translation does not have yet, linked in the main
// language (both from sitebuild/selfcheck_page.py).
export function siteHref(site, link) {
  const page = (site.elsewhere && site.elsewhere[link.path]) || site.root + link.path;
  return page + (link.fragment ? `#${link.fragment}` : "");
}

// Links that leave the page open in a new tab, so the answers stay on this one without the
// browser having to keep them for Back (the form keeps no history: autocomplete="off").
const NEW_TAB = { target: "_blank", rel: "noopener" };

function newTabNote(text) {
  return el("span", { class: "md-visually-hidden" }, ` ${text.new_tab}`);
}

// A web page (a chat, a booking page) opens in a new tab; a call or a text dials. The same
// markup as overrides/partials/crisis-action.html.
const EXTERNAL_KINDS = new Set(["chat", "book"]);

// An action's accessible name is the engine's label when it gives one: the visible words
// first, then the service they reach ("Call 116 123, Samaritans"), so a speech user can say
// what they see (WCAG 2.5.3, Label in Name: the engine's tests check every label starts
// with its visible words). A web page (chat, booking) also says it opens in a new tab. The
// same markup as overrides/partials/crisis-action.html.
export function actionLink(action, text, { primary = action.kind === "call" } = {}) {
  const external = EXTERNAL_KINDS.has(action.kind);
  const name = action.label && external ? `${action.label} ${text.new_tab}` : action.label;
  const link = el(
    "a",
    {
      class: primary ? "md-button md-button--primary" : "md-button",
      href: action.href,
      "aria-label": name,
      "data-kind": action.kind,
      ...(external ? { target: "_blank", rel: "noopener noreferrer" } : {}),
    },
    action.text,
  );
  if (external && !action.label) link.append(newTabNote(text));
  return link;
}

function crisisLine(line, text) {
  const classes = ["crisis-lines__item"];
  if (line.emergency) classes.push("crisis-lines__item--emergency");
  if (!line.actions.length) classes.push("crisis-lines__item--local");
  const item = el(
    "li",
    { class: classes.join(" "), "data-line": line.id },
    el("strong", { class: "crisis-lines__name" }, line.name),
    el("span", { class: "crisis-lines__description" }, line.description),
  );
  if (line.actions.length) {
    item.append(el("span", { class: "crisis-lines__actions" }, ...line.actions.map((action) => actionLink(action, text))));
  }
  return item;
}

export function crisisGroups(crisis, text, headingLevel = "h3") {
  const parts = [];
  for (const group of crisis.groups) {
    if (group.heading) parts.push(el(headingLevel, { class: "selfcheck-crisis-panel__group" }, group.heading));
    parts.push(el("ul", { class: "crisis-lines" }, ...group.lines.map((line) => crisisLine(line, text))));
  }
  return parts;
}

function careCard(card, text) {
  // A style this page does not know is never shown as non-urgent in a crisis.
  const style = STYLES.has(card.style) ? card.style : card.crisis ? "emergency" : NON_URGENT;
  const heading = el(
    "h2",
    { class: "care-card__heading", id: RESULT_HEADING_ID, tabindex: "-1" },
    el("span", { class: "md-visually-hidden" }, `${card.label} `),
    card.heading,
  );
  const content = el("div", { class: "care-card__content" });
  if (card.emergency_action) {
    content.append(el("p", { class: "care-card__action crisis-emergency-action" }, actionLink(card.emergency_action, text, { primary: true })));
  }
  if (card.crisis) {
    content.append(
      el(
        "div",
        { class: "selfcheck-crisis-panel" },
        el("p", { class: "selfcheck-crisis-panel__lead" }, card.crisis.lead),
        ...crisisGroups(card.crisis, text),
      ),
    );
  }
  content.append(el("p", { class: "care-card__headline" }, card.headline), el("p", { class: "care-card__summary" }, card.summary));
  return el("div", { class: `care-card care-card--${style}`, "data-urgency": card.urgency }, heading, content);
}

function citationLinks(numbers, text) {
  return numbers.map((n) =>
    el("a", { href: `#result-source-${n}`, class: "selfcheck-cite", "aria-label": fill(text.cite_label, { n }) }, `[${n}]`),
  );
}

function item(entry, text, site) {
  const node = el("li", { class: "selfcheck-item" }, el("p", { class: "selfcheck-item__text" }, entry.text));
  if (entry.note) node.append(el("p", { class: "selfcheck-item__note" }, entry.note));
  const links = [];
  if (entry.link) {
    links.push(el("a", { href: siteHref(site, entry.link), ...NEW_TAB }, entry.link.text, newTabNote(text)));
  }
  for (const cite of citationLinks(entry.citations || [], text)) links.push(" ", cite);
  if (links.length) node.append(el("p", { class: "selfcheck-item__links" }, ...links));
  return node;
}

function section(part, text, site) {
  const headingId = `result-section-${part.id}`;
  return el(
    "section",
    { class: "selfcheck-result-section", "data-section": part.id, "aria-labelledby": headingId },
    el("h3", { id: headingId }, part.heading),
    el("ul", { class: `selfcheck-items selfcheck-items--${part.id}` }, ...part.items.map((entry) => item(entry, text, site))),
  );
}

function clinicBox(clinic, text, site) {
  const box = el(
    "aside",
    { class: "clinic-cta", "aria-labelledby": "result-clinic-heading" },
    el("h2", { id: "result-clinic-heading" }, clinic.heading),
    el("p", {}, clinic.text),
  );
  if (clinic.disclosure) {
    const disclosure = el("p", { class: "clinic-cta__disclosure" }, clinic.disclosure.text);
    if (clinic.disclosure.link) {
      const link = clinic.disclosure.link;
      disclosure.append(" ", el("a", { href: siteHref(site, link), ...NEW_TAB }, link.text, newTabNote(text)));
    }
    box.append(disclosure);
  }
  if (clinic.actions.length) {
    box.append(el("p", { class: "clinic-cta__actions" }, ...clinic.actions.map((action, i) => actionLink(action, text, { primary: i === 0 }))));
  }
  return box;
}

function sourcesList(sources, text) {
  const list = el("ol", { class: "selfcheck-sources" });
  for (const source of sources.items) {
    const entry = el("li", { id: `result-source-${source.n}`, value: source.n }, `${source.citation} `);
    if (source.url) entry.append(el("a", { href: source.url, target: "_blank", rel: "noopener noreferrer" }, text.source_link, newTabNote(text)));
    list.append(entry);
  }
  return el(
    "section",
    { class: "selfcheck-result-section", "data-section": "sources", "aria-labelledby": "result-section-sources" },
    el("h3", { id: "result-section-sources" }, sources.heading),
    list,
  );
}

// Every node of the result, in order. `site`: how to reach the site's pages from this one
// ({root, elsewhere}, see siteHref).
export function renderCard(card, { text, site }) {
  const parts = [careCard(card, text), el("p", { class: "selfcheck-stale" }, text.stale)];
  for (const part of card.sections) parts.push(section(part, text, site));
  parts.push(el("p", { class: "selfcheck-consult" }, card.consult));
  if (card.clinic) parts.push(clinicBox(card.clinic, text, site));
  if (card.sources) parts.push(sourcesList(card.sources, text));
  parts.push(
    el("p", { class: "selfcheck-disclaimer" }, card.disclaimer),
    el(
      "p",
      { class: "selfcheck-actions" },
      el("button", { type: "button", class: "md-button md-button--primary", "data-action": "print" }, text.print_button),
      el("button", { type: "button", class: "md-button", "data-action": "start-again" }, text.start_again),
    ),
  );
  return parts;
}
