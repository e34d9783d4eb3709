// The self-check page, on the main thread. Plain DOM code, no dependencies.
//
// What it does, in order of importance:
// 1. Crisis first: the moment PHQ-9 item 9 is answered above 0, a crisis panel appears
//    (a live region, so it is announced) and the "right now" question is shown. This
//    needs no Python and no WebAssembly (crisis.js).
// 2. Starts the engine (selfcheck-worker.js: Pyodide in a module Web Worker) as soon as
//    the page opens, with a feature test, a time limit and error handling, and shows a
//    calm status. If it cannot start, the page says so and offers the printable
//    questions, the clinic's contact and the crisis lines.
// 3. On submit, posts the raw form values to the worker and shows the result it returns
//    (or the list of answers to check). The words come from the engine; this file only
//    places them.
//
// Privacy: answers are read from the form only when the person asks for a result, go to
// the worker by postMessage (inside this tab), and are never put in a URL, a cookie,
// web storage, IndexedDB or a request. The form never navigates.

import { setUpCrisis } from "./crisis.js";

const READY_TIMEOUT_MS = 20000;
const RESULT_HEADING_ID = "selfcheck-result-heading";
// The engine's urgency -> the care card's style (NHS: emergency, urgent, non-urgent).
const CARE_CARD_STYLES = { emergency: "emergency", today: "urgent", soon: "non-urgent", routine: "non-urgent" };
const EVALUATE_TIMEOUT_MS = 10000;

const form = document.getElementById("selfcheck");
if (form) main(form);

function main(form) {
  const data = JSON.parse(document.getElementById("selfcheck-data").textContent);
  const t = data.text;
  const $ = (id) => document.getElementById(id);
  const status = $("selfcheck-status");
  const submitButton = $("selfcheck-submit");
  const problemsBox = $("selfcheck-problems");
  const failedBox = $("selfcheck-failed");
  const resultBox = $("selfcheck-result");
  const printSummary = $("selfcheck-print-summary");
  const page = $("selfcheck-page");

  // The script runs: the form can now be submitted (to this script, never to a URL).
  $("selfcheck-js-needed").hidden = true;
  submitButton.disabled = false;
  $("selfcheck-print-date").textContent = fill(t.print_date, { date: today(data.lang) });

  const crisis = setUpCrisis(form, $("selfcheck-crisis-now"), $("selfcheck-crisis-template"));
  setUpExclusiveBoxes(form);

  document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-action]");
    if (!button) return;
    if (button.dataset.action === "print") window.print();
    if (button.dataset.action === "start-again") startAgain();
  });

  // ---------------------------------------------------------------- the engine

  let state = "loading"; // loading | ready | failed
  let failedBy = null; // "timeout" may still recover; anything else is final
  let worker = null;
  let nextId = 1;
  const pending = new Map(); // request id -> {resolve, timer}
  let waitingSubmit = false;

  setStatus(t.status_loading);
  startEngine();

  function startEngine() {
    if (!webAssemblyWorks() || typeof Worker !== "function") {
      fail("no-webassembly");
      return;
    }
    try {
      worker = new Worker(new URL("selfcheck-worker.js", import.meta.url), { type: "module" });
    } catch (error) {
      fail("worker");
      return;
    }
    const timer = setTimeout(() => fail("timeout"), READY_TIMEOUT_MS);
    worker.addEventListener("message", (event) => {
      const message = event.data || {};
      if (message.type === "ready") {
        clearTimeout(timer);
        becomeReady();
      } else if (message.type === "failed") {
        clearTimeout(timer);
        fail("start");
      } else if (pending.has(message.id)) {
        const request = pending.get(message.id);
        pending.delete(message.id);
        clearTimeout(request.timer);
        request.resolve(message);
      }
    });
    worker.addEventListener("error", (event) => {
      event.preventDefault();
      clearTimeout(timer);
      fail("worker");
    });
    worker.addEventListener("messageerror", () => {
      clearTimeout(timer);
      fail("worker");
    });
  }

  function becomeReady() {
    if (state === "failed" && failedBy !== "timeout") return;
    const late = state === "failed";
    state = "ready";
    form.dataset.engine = "ready";
    failedBox.hidden = true;
    page.dataset.failed = "false";
    setStatus(late ? t.status_late_ready : t.status_ready);
    if (waitingSubmit) {
      waitingSubmit = false;
      evaluate();
    }
  }

  function fail(reason) {
    if (state === "failed") return;
    if (state === "ready" && reason === "timeout") return;
    state = "failed";
    failedBy = reason;
    form.dataset.engine = "failed";
    page.dataset.failed = "true";
    if (reason !== "timeout" && worker) {
      worker.terminate();
      worker = null;
    }
    // Any request still waiting will never be answered.
    for (const [id, request] of pending) {
      clearTimeout(request.timer);
      pending.delete(id);
      request.resolve({ id, ok: false, fatal: true });
    }
    failedBox.hidden = false;
    setStatus(t.status_failed);
    if (waitingSubmit) {
      waitingSubmit = false;
      failedBox.focus();
    }
  }

  function request(message) {
    return new Promise((resolve) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        resolve({ id, ok: false, fatal: true });
      }, EVALUATE_TIMEOUT_MS);
      pending.set(id, { resolve, timer });
      try {
        worker.postMessage({ id, ...message });
      } catch (error) {
        clearTimeout(timer);
        pending.delete(id);
        resolve({ id, ok: false, fatal: true });
      }
    });
  }

  // ---------------------------------------------------------------- submitting

  form.addEventListener("submit", (event) => {
    event.preventDefault(); // never navigate: answers must not reach a URL
    clearProblems();
    if (state === "ready") {
      evaluate();
    } else if (state === "loading") {
      waitingSubmit = true;
      setStatus(t.status_waiting);
    } else {
      failedBox.focus();
      failedBox.scrollIntoView({ block: "start" });
    }
  });

  // After a result, a changed answer keeps every other answer and marks the result as
  // out of date until the person asks again.
  form.addEventListener("change", () => {
    if (!resultBox.hidden) resultBox.dataset.stale = "true";
  });

  let busy = false;
  async function evaluate() {
    if (busy) return;
    busy = true;
    const snapshot = answersForPrint();
    const reply = await request({ type: "evaluate", form: formValues(), settings: data.settings });
    busy = false;
    if (reply.ok) {
      showResult(reply.result, snapshot);
    } else if (reply.errors && reply.errors.length) {
      showProblems(reply.errors, reply.more);
    } else {
      showEngineError();
    }
  }

  // The raw form values, as the engine's form helper takes them: one string per
  // answered radio group, a list for each group of check boxes. Questions that are
  // hidden (the "right now" question while item 9 is 0) are not sent.
  function formValues() {
    const values = {};
    for (const question of form.querySelectorAll(".selfcheck-question")) {
      if (question.hidden) continue;
      const name = question.dataset.name;
      const checked = [...question.querySelectorAll("input:checked")].map((input) => input.value);
      if (question.dataset.type === "multiple") {
        if (checked.length) values[name] = checked;
      } else if (checked.length) {
        values[name] = checked[0];
      }
    }
    return values;
  }

  // ---------------------------------------------------------------- problems

  function clearProblems() {
    problemsBox.hidden = true;
    problemsBox.replaceChildren();
    for (const note of form.querySelectorAll(".selfcheck-question__problem")) note.remove();
    for (const question of form.querySelectorAll(".selfcheck-question--problem")) {
      question.classList.remove("selfcheck-question--problem");
      const fieldset = question.querySelector("fieldset");
      const ids = (fieldset.getAttribute("aria-describedby") || "").split(" ").filter((id) => id && !id.startsWith("problem-"));
      if (ids.length) fieldset.setAttribute("aria-describedby", ids.join(" "));
      else fieldset.removeAttribute("aria-describedby");
    }
  }

  // Bad answers: one list of the engine's sentences, each naming its question in the
  // question's own words (problem.text) and linking to it, plus the same sentence beside
  // the question. Never a key name: a problem the page cannot place still gets its
  // sentence, or a general one.
  function showProblems(problems, more) {
    clearProblems();
    hideResult();
    const list = el("ul", { class: "selfcheck-problems__list" });
    for (const problem of problems) {
      const question = questionFor(problem);
      const text = problem.text || (problem.question ? fill(t.problem_item, { question: problem.question }) : t.problem_unplaced);
      const item = el("li");
      if (question) {
        const link = el("a", { href: `#${question.id}` }, text);
        link.addEventListener("click", (event) => {
          event.preventDefault(); // focus the question without touching the URL
          const input = question.querySelector("input:not([disabled])");
          question.scrollIntoView({ block: "start" });
          if (input) input.focus();
        });
        item.append(link);
        markQuestion(question, text);
      } else {
        item.textContent = text;
      }
      list.append(item);
    }
    // The engine lists at most 50; then one line says how many more.
    if (more) list.append(el("li", { class: "selfcheck-problems__more" }, more));
    problemsBox.append(
      el("h2", { class: "selfcheck-problems__heading" }, t.problems_heading),
      el("p", {}, t.problems_lead),
      list,
    );
    problemsBox.hidden = false;
    setStatus(t.status_problems);
    problemsBox.focus();
  }

  // The question a problem is about: its form field (problem.field, e.g. "phq9-3"), else
  // the first shown question for its answer key ("phq9" for the whole list).
  function questionFor(problem) {
    const byField = problem.field && document.getElementById(`q-${problem.field}`);
    if (byField) return byField;
    const key = String(problem.key || "").split("[")[0];
    return [...form.querySelectorAll(".selfcheck-question")].find((q) => !q.hidden && q.dataset.answerKey === key) || null;
  }

  function markQuestion(question, text) {
    question.classList.add("selfcheck-question--problem");
    const id = `problem-${question.dataset.name}`;
    let note = document.getElementById(id);
    if (!note) {
      note = el("p", { class: "selfcheck-question__problem", id });
      question.querySelector("legend").after(note);
      const fieldset = question.querySelector("fieldset");
      const ids = (fieldset.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
      fieldset.setAttribute("aria-describedby", [id, ...ids].join(" "));
    }
    note.textContent = note.textContent ? `${note.textContent} ${text}` : text;
  }

  function showEngineError() {
    hideResult();
    problemsBox.replaceChildren(el("p", { class: "selfcheck-problems__heading" }, t.engine_error));
    problemsBox.hidden = false;
    setStatus(t.engine_error);
    problemsBox.focus();
  }

  // ---------------------------------------------------------------- the result

  function hideResult() {
    resultBox.hidden = true;
    resultBox.replaceChildren();
    delete resultBox.dataset.tier;
    delete resultBox.dataset.urgency;
    delete resultBox.dataset.crisis;
    delete resultBox.dataset.stale;
    resultBox.removeAttribute("aria-labelledby");
    printSummary.replaceChildren();
    page.dataset.result = "false";
  }

  function showResult(result, answers) {
    clearProblems();
    const parts = [];
    const card = careCard(result);
    parts.push(card);
    parts.push(el("p", { class: "selfcheck-stale" }, t.stale));

    // Scores with their bands.
    const scoreList = el("ul", { class: "selfcheck-scores" });
    for (const line of scoreLines(result)) scoreList.append(el("li", {}, line));
    parts.push(el("h3", {}, t.scores_heading), scoreList);
    // What a score cannot show (e.g. how serious thoughts of self-harm are), from the engine.
    for (const key of ["phq9", "gad7"]) {
      const note = result.scores[key] && result.scores[key].note;
      if (note) parts.push(el("p", { class: "selfcheck-score-note" }, note));
    }

    // Why: each reason, the article that explains it, and its numbered sources.
    const sourceOrder = [];
    const reasons = el("ul", { class: "selfcheck-reasons" });
    for (const reason of result.reasons) {
      const item = el("li", { class: "selfcheck-reason" }, el("p", {}, reason.text));
      const links = el("p", { class: "selfcheck-reason__links" });
      const article = reason.article && data.articles[reason.article];
      if (article) links.append(el("a", { href: article.href }, fill(t.read_more, { title: article.title })));
      for (const id of reason.sources || []) {
        if (!data.sources[id]) continue;
        if (!sourceOrder.includes(id)) sourceOrder.push(id);
        const n = sourceOrder.indexOf(id) + 1;
        links.append(" ", el("a", { href: `#result-source-${n}`, class: "selfcheck-cite", "data-source": String(n) }, `[${n}]`));
      }
      if (links.childNodes.length) item.append(links);
      reasons.append(item);
    }
    parts.push(el("h3", {}, t.reasons_heading), reasons);

    parts.push(el("h3", {}, t.steps_heading), list("ul", result.next_steps, "selfcheck-steps"));

    // The clinic's contact (or generic wording) and the engine's consultation prompt.
    const clinic = cloneTemplate("selfcheck-clinic-template", "result-");
    const clinicHeading = clinic.querySelector("h2");
    if (clinicHeading) clinicHeading.after(el("p", { class: "selfcheck-consult" }, result.consult));
    parts.push(clinic);

    if (sourceOrder.length) {
      const sources = el("ol", { class: "selfcheck-sources" });
      sourceOrder.forEach((id, i) => {
        const source = data.sources[id];
        const item = el("li", { id: `result-source-${i + 1}` }, `${source.citation} `);
        if (source.url) item.append(el("a", { href: source.url, rel: "noopener noreferrer" }, t.source_link));
        sources.append(item);
      });
      parts.push(el("h3", {}, t.sources_heading), sources);
    }

    parts.push(el("p", { class: "selfcheck-disclaimer" }, result.disclaimer));
    parts.push(
      el(
        "p",
        { class: "selfcheck-actions" },
        el("button", { type: "button", class: "md-button md-button--primary", "data-action": "print" }, t.print_button),
        el("button", { type: "button", class: "md-button", "data-action": "start-again" }, t.start_again),
      ),
    );

    resultBox.replaceChildren(...parts);
    resultBox.setAttribute("aria-labelledby", RESULT_HEADING_ID);
    resultBox.dataset.tier = result.tier;
    resultBox.dataset.urgency = result.urgency;
    resultBox.dataset.crisis = result.crisis ? "true" : "false";
    delete resultBox.dataset.stale;
    resultBox.hidden = false;
    page.dataset.result = "true";
    buildPrintSummary(result, answers, sourceOrder);
    setStatus(t.status_result);
    resultBox.focus();
  }

  // The care card (after the NHS pattern), styled by how soon to talk to someone:
  // emergency (call now: red and black), today (urgent: red), soon and routine
  // (non-urgent: blue). Its heading starts with words only a screen reader hears
  // ("Emergency advice:"), so the announced result says how urgent it is first. Both
  // come from the engine (result.care_card). With crisis true, the crisis lines come
  // straight after the heading: the very list the page rendered at build time
  // (partials/crisis-lines.html, in the crisis template), in the same order.
  function careCard(result) {
    const careCard = result.care_card;
    // An urgency this page does not know is never shown as non-urgent in a crisis.
    const style = CARE_CARD_STYLES[result.urgency] || (result.crisis ? "emergency" : "non-urgent");
    const heading = el("h2", { class: "care-card__heading", id: RESULT_HEADING_ID });
    heading.append(el("span", { class: "md-visually-hidden" }, `${careCard.label} `), document.createTextNode(careCard.heading));
    const content = el("div", { class: "care-card__content" });
    if (result.crisis) {
      const panel = crisis.panel();
      panel.querySelector(".selfcheck-crisis-panel__heading").remove(); // the card's heading says it
      for (const node of panel.querySelectorAll(".selfcheck-crisis-panel__form-only")) node.remove();
      content.append(panel);
    }
    content.append(el("p", { class: "care-card__headline" }, result.headline), el("p", {}, result.summary));
    return el("div", { class: `care-card care-card--${style}`, "data-urgency": result.urgency }, heading, content);
  }

  // Scores with their bands. The contract fixes the two screeners' keys; the engine
  // gives total, max and the band's label. GAD-7 may be skipped.
  function scoreLines(result) {
    return ["phq9", "gad7"].map((key) => {
      const score = result.scores[key];
      const name = (score && score.name) || t[`score_name_${key}`];
      return score
        ? fill(t.score_line, { name, total: score.total, max: score.max, band: score.label })
        : fill(t.score_not_answered, { name });
    });
  }

  // ---------------------------------------------------------------- printing

  // What was answered, read from the form when the result was asked for: the section's,
  // question's and chosen answers' own wording, grouped by section.
  function answersForPrint() {
    const groups = [];
    for (const section of form.querySelectorAll(".selfcheck-section")) {
      const title = section.querySelector(".selfcheck-section__title").lastChild.textContent.trim();
      const rows = [];
      for (const question of section.querySelectorAll(".selfcheck-question")) {
        if (question.hidden) continue;
        const legend = question.querySelector("legend").textContent.trim().replace(/\s+/g, " ");
        const chosen = [...question.querySelectorAll("input:checked")].map((input) =>
          input.closest("label").textContent.trim().replace(/\s+/g, " "),
        );
        rows.push([legend, chosen.length ? chosen.join("; ") : t.print_not_answered]);
      }
      groups.push({ title, rows });
    }
    return groups;
  }

  function buildPrintSummary(result, answers, sourceOrder) {
    const table = el("table", { class: "selfcheck-print-summary__answers" });
    for (const group of answers) {
      const body = el("tbody");
      body.append(el("tr", { class: "selfcheck-print-summary__section" }, el("th", { colspan: "2", scope: "rowgroup" }, group.title)));
      for (const [question, answer] of group.rows) body.append(el("tr", {}, el("th", { scope: "row" }, question), el("td", {}, answer)));
      table.append(body);
    }
    const reasons = el("ul");
    for (const reason of result.reasons) {
      const numbers = (reason.sources || []).map((id) => sourceOrder.indexOf(id) + 1).filter((n) => n > 0);
      reasons.append(el("li", {}, numbers.length ? `${reason.text} [${numbers.join(", ")}]` : reason.text));
    }
    const sources = el("ol", { class: "selfcheck-print-summary__sources" });
    for (const id of sourceOrder) sources.append(el("li", {}, data.sources[id].citation));
    printSummary.replaceChildren(
      el("h1", {}, t.print_heading),
      el("p", { class: "selfcheck-print-summary__date" }, fill(t.print_date, { date: today(data.lang) })),
      el("h2", {}, t.print_result),
      el("p", { class: "selfcheck-print-summary__headline" }, `${result.care_card.label} ${result.care_card.heading}. ${result.headline}`),
      list("ul", scoreLines(result), "selfcheck-print-summary__scores"),
      reasons,
      el("h2", {}, t.print_answers),
      table,
      el("h2", {}, t.print_notes),
      el("div", { class: "selfcheck-print-summary__notes" }, ...[1, 2, 3].map(() => el("div", { class: "selfcheck-print-summary__line" }))),
      el("p", { class: "selfcheck-print-summary__small" }, `${t.print_not_diagnosis} ${result.disclaimer}`),
      sources,
    );
  }

  // ---------------------------------------------------------------- start again

  function startAgain() {
    form.reset();
    clearProblems();
    hideResult();
    crisis.update();
    waitingSubmit = false;
    setStatus(state === "ready" ? t.status_ready : state === "failed" ? t.status_failed : t.status_loading);
    const top = document.querySelector(".md-content h1") || form;
    if (!top.hasAttribute("tabindex")) top.setAttribute("tabindex", "-1");
    window.scrollTo(0, 0);
    top.focus();
  }

  // ---------------------------------------------------------------- helpers

  function setStatus(text) {
    status.textContent = text;
  }
}

// A check box marked exclusive ("None of these") stands alone: ticking it clears the
// others in its group, and ticking another clears it.
function setUpExclusiveBoxes(form) {
  form.addEventListener("change", (event) => {
    const box = event.target;
    if (box.type !== "checkbox" || !box.checked) return;
    const group = form.querySelectorAll(`input[type="checkbox"][name="${CSS.escape(box.name)}"]`);
    for (const other of group) {
      if (other === box) continue;
      if (box.dataset.exclusive === "true" || other.dataset.exclusive === "true") other.checked = false;
    }
  });
}

// Compiling (not just validating) the smallest module: a Content-Security-Policy without
// 'wasm-unsafe-eval' lets validate() pass but makes compiling throw, and Pyodide would
// then wait forever. This way such a page shows its failure state at once.
function webAssemblyWorks() {
  try {
    if (typeof WebAssembly !== "object" || typeof WebAssembly.Module !== "function") return false;
    // The magic number and version 1: the smallest valid module.
    return new WebAssembly.Module(new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00])) instanceof WebAssembly.Module;
  } catch (error) {
    return false;
  }
}

function cloneTemplate(id, prefix) {
  const fragment = document.getElementById(id).content.cloneNode(true);
  // Keep ids unique when the same partial is on the page twice.
  for (const node of fragment.querySelectorAll("[id]")) node.id = prefix + node.id;
  for (const node of fragment.querySelectorAll("[aria-labelledby]")) {
    node.setAttribute("aria-labelledby", node.getAttribute("aria-labelledby").split(" ").map((ref) => prefix + ref).join(" "));
  }
  const box = document.createElement("div");
  box.append(fragment);
  return box;
}

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

function list(tag, items, className) {
  return el(tag, { class: className }, ...items.map((item) => el("li", {}, item)));
}

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (match, name) => (name in values ? String(values[name]) : match));
}

function today(lang) {
  try {
    return new Date().toLocaleDateString(lang, { year: "numeric", month: "long", day: "numeric" });
  } catch (error) {
    return new Date().toISOString().slice(0, 10);
  }
}
