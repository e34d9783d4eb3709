// The result on paper: a one-page summary to take to an appointment, from the engine's
// card (card.print and the card itself). Shown only by the print stylesheet, in place of
// the questions. For any crisis result it carries the emergency action and every crisis
// line with its number written out (a printout cannot be tapped), and the clinic's contact
// when there is one. The date is the engine's, in the result's language.

import { el } from "./selfcheck-dom.js";

const B = "selfcheck-print-summary";

function numbers(citations) {
  return citations && citations.length ? ` [${citations.join(", ")}]` : "";
}

// On paper nothing can be tapped: each line's number is written out beside its name
// (line.number, from the engine), and a web page's address after its words ("Chat online
// (988lifeline.org)"). Calls and texts need no more than the number and the description.
function webAddress(action) {
  const web = /^https?:\/\/(?:www\.)?(.*?)\/?$/i.exec(action.href);
  return web ? `${action.text} (${web[1]})` : null;
}

function lineOnPaper(line) {
  const name = line.number ? `${line.name}, ${line.number}: ` : `${line.name}: `;
  const web = line.actions.map(webAddress).filter(Boolean);
  return el("li", { "data-line": line.id }, el("strong", {}, name), [line.description, ...web].join(" "));
}

function crisisBlock(card) {
  const block = el("div", { class: `${B}__crisis` });
  if (card.emergency_action) block.append(el("p", { class: `${B}__emergency` }, card.emergency_action.label || card.emergency_action.text));
  if (card.crisis) {
    block.append(el("p", {}, card.crisis.lead));
    for (const group of card.crisis.groups) {
      if (group.heading) block.append(el("p", { class: `${B}__group` }, group.heading));
      block.append(el("ul", {}, ...group.lines.map(lineOnPaper)));
    }
  }
  return block;
}

function sectionBlock(part) {
  return [
    el("h2", {}, part.heading),
    el(
      "ul",
      { class: `${B}__items`, "data-section": part.id },
      ...part.items.map((entry) => el("li", {}, entry.text + (entry.note ? ` ${entry.note}` : "") + numbers(entry.citations))),
    ),
  ];
}

// The clinic's contact, on one line: name (bold), phone, address, website.
function contactBlock(contact) {
  const rest = [contact.phone, contact.address, contact.website].filter(Boolean);
  return el("p", { class: `${B}__contact` }, el("strong", {}, contact.name), ...rest.map((part) => ` · ${part}`));
}

function answersTable(print) {
  const table = el("table", { class: `${B}__answers` });
  for (const group of print.answers) {
    const body = el("tbody");
    body.append(el("tr", { class: `${B}__section` }, el("th", { colspan: "2", scope: "rowgroup" }, group.section)));
    for (const row of group.rows) body.append(el("tr", {}, el("th", { scope: "row" }, row.question), el("td", {}, row.answer)));
    table.append(body);
  }
  return table;
}

export function renderPrint(card, { text }) {
  const print = card.print;
  const parts = [
    el("h1", {}, print.title),
    el("p", { class: `${B}__date` }, print.date || text.print_date_blank),
    el("p", { class: `${B}__headline` }, `${card.label} ${card.heading}`),
    el("p", {}, card.headline),
  ];
  if (card.emergency_action || card.crisis) parts.push(crisisBlock(card));
  for (const part of card.sections) parts.push(...sectionBlock(part));
  if (print.contact) parts.push(contactBlock(print.contact));
  // (An urgent result prints crisis help only: the engine gives it no answers to list.)
  if (print.answers.length) parts.push(el("h2", {}, print.answers_heading), answersTable(print));
  parts.push(
    el("h2", {}, print.notes_heading),
    el("div", { class: `${B}__notes` }, ...[1, 2, 3].map(() => el("div", { class: `${B}__line` }))),
    el("p", { class: `${B}__small` }, `${print.not_diagnosis} ${card.disclaimer}`),
  );
  if (card.sources) {
    parts.push(el("ol", { class: `${B}__sources` }, ...card.sources.items.map((s) => el("li", { value: s.n }, s.citation))));
  }
  return parts;
}
