// The self-check page, on the main thread: wires the page's modules together. Plain DOM
// code, no dependencies; every word comes from the engine's card or the site's locale.
//
// 1. Crisis first (crisis.js): the moment PHQ-9 item 9 is answered above 0, a crisis panel
//    appears and the "right now" question is shown. No Python, no WebAssembly.
// 2. The engine (selfcheck-engine-client.js, selfcheck-worker.js) starts as soon as the
//    page opens. Loading is a state, not a failure: a press of the button while it loads
//    is kept, and the result appears by itself when the engine is ready, however long that
//    takes. Only a real failure (no WebAssembly, a file that does not load) shows the
//    failure box, with the printable questions and the crisis lines.
// 3. On a press: the raw form values (selfcheck-form.js) go to the worker with today's
//    date, and the engine's card comes back: shown by selfcheck-card.js (focus on its
//    heading, at the top of the screen), printed by selfcheck-print.js; or the answers to
//    check (selfcheck-problems.js).
//
// Privacy: answers are read from the form only when the person asks for a result, go to
// the worker by postMessage (inside this tab), and are never put in a URL, a cookie, web
// storage, IndexedDB or a request. The form never navigates, and the browser is asked not
// to keep its answers (autocomplete="off"); links from a result open in a new tab.

import { setUpCrisis } from "./crisis.js";
import { RESULT_HEADING_ID, renderCard } from "./selfcheck-card.js";
import { focusAtTop } from "./selfcheck-dom.js";
import { startEngine } from "./selfcheck-engine-client.js";
import { readForm, setUpExclusiveBoxes, watchGeneration } from "./selfcheck-form.js";
import { renderPrint } from "./selfcheck-print.js";
import { createProblemsView } from "./selfcheck-problems.js";
import { createStatus } from "./selfcheck-status.js";

// Nobody waiting yet: after this long, the status at the top says it is still loading.
const LOADING_NOTE_MS = 20000;
// Someone waiting for a result: after this long, the line by the button says it is still
// loading and offers the printable questions and the crisis lines meanwhile.
const STILL_WAITING_MS = 15000;

const form = document.getElementById("selfcheck");
if (form) main(form);

function main(form) {
  const data = JSON.parse(document.getElementById("selfcheck-data").textContent);
  const t = data.text;
  const $ = (id) => document.getElementById(id);
  const page = $("selfcheck-page");
  const submitButton = $("selfcheck-submit");
  const failedBox = $("selfcheck-failed");
  const resultBox = $("selfcheck-result");
  const printSummary = $("selfcheck-print-summary");

  // The script runs: the button takes the place of the line that says how to do without it.
  $("selfcheck-js-needed").hidden = true;
  $("selfcheck-nojs-submit").hidden = true;
  submitButton.hidden = false;
  submitButton.disabled = false;

  const crisis = setUpCrisis(form, $("selfcheck-crisis-now"), $("selfcheck-crisis-template"));
  setUpExclusiveBoxes(form);
  const generation = watchGeneration(form);
  const problems = createProblemsView(form, $("selfcheck-problems"), t);
  const status = createStatus({
    engineLine: $("selfcheck-status"),
    pressLine: $("selfcheck-submit-status"),
    button: submitButton,
    slowBox: $("selfcheck-slow"),
    text: t,
  });

  document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-action]");
    if (!button) return;
    if (button.dataset.action === "print") window.print();
    if (button.dataset.action === "start-again") startAgain();
  });

  // ---------------------------------------------------------------- the engine

  let waiting = false; // a press is waiting for the engine
  let stillWaitingTimer = null;

  status.engine("loading");
  const engine = startEngine({
    workerUrl: new URL("selfcheck-worker.js", import.meta.url),
    settings: data.settings,
    onChange: engineChanged,
  });
  setTimeout(() => {
    if (engine.state === "loading" && !waiting) status.engineSlow();
  }, LOADING_NOTE_MS);

  function engineChanged(state, failure) {
    form.dataset.engine = state;
    status.engine(state);
    if (state === "ready" && waiting) {
      send();
    } else if (state === "failed") {
      showFailure(failure);
    }
  }

  function showFailure(failure) {
    page.dataset.failed = "true";
    failedBox.dataset.failure = failure;
    failedBox.hidden = false;
    if (waiting) {
      stopWaiting();
      status.settle(t.status_failed);
      focusAtTop(failedBox);
    }
  }

  function stopWaiting() {
    waiting = false;
    clearTimeout(stillWaitingTimer);
  }

  // ---------------------------------------------------------------- asking for a result

  form.addEventListener("submit", (event) => {
    event.preventDefault(); // never navigate: answers must not reach a URL
    problems.clear();
    if (engine.state === "ready") {
      send();
    } else if (engine.state === "loading") {
      if (waiting) return; // already kept: a second press changes nothing
      waiting = true;
      status.waiting();
      stillWaitingTimer = setTimeout(() => status.stillWaiting(), STILL_WAITING_MS);
    } else {
      status.settle(t.status_failed);
      focusAtTop(failedBox);
    }
  });

  // After a result, a changed answer keeps every other answer and marks the result as
  // out of date until the person asks again.
  form.addEventListener("change", () => {
    if (!resultBox.hidden) resultBox.dataset.stale = "true";
  });

  let inFlight = false;
  let askAgain = false;

  // The form as it is now goes to the engine (answers changed while the engine loaded
  // count). A press while a reply is on its way is answered with the newer answers; a
  // reply to answers that changed meanwhile is shown marked out of date.
  async function send() {
    stopWaiting();
    if (inFlight) {
      askAgain = true;
      return;
    }
    inFlight = true;
    const asked = generation.current;
    const reply = await engine.evaluate(readForm(form), localToday());
    inFlight = false;
    if (askAgain) {
      askAgain = false;
      send();
      return;
    }
    if (reply.ok) {
      showResult(reply.result, asked !== generation.current);
    } else if (reply.errors && reply.errors.length) {
      hideResult();
      status.settle(t.status_problems);
      problems.show(reply.errors, reply.more);
    } else {
      hideResult();
      status.settle(t.engine_error);
      problems.showEngineError();
    }
  }

  // ---------------------------------------------------------------- the result

  function hideResult() {
    resultBox.hidden = true;
    resultBox.replaceChildren();
    for (const key of ["tier", "urgency", "crisis", "stale"]) delete resultBox.dataset[key];
    resultBox.removeAttribute("aria-labelledby");
    printSummary.replaceChildren();
    page.dataset.result = "false";
  }

  function showResult(result, stale) {
    problems.clear();
    const card = result.card;
    resultBox.replaceChildren(...renderCard(card, { text: t, site: { root: data.root, elsewhere: data.elsewhere } }));
    resultBox.setAttribute("aria-labelledby", RESULT_HEADING_ID);
    resultBox.dataset.tier = result.tier;
    resultBox.dataset.urgency = result.urgency;
    resultBox.dataset.crisis = result.crisis ? "true" : "false";
    if (stale) resultBox.dataset.stale = "true";
    else delete resultBox.dataset.stale;
    resultBox.hidden = false;
    page.dataset.result = "true";
    printSummary.replaceChildren(...renderPrint(card, { text: t }));
    status.settle(t.status_result);
    // The card's heading, at the top of the screen: an urgent card's heading and its
    // emergency action are what a person must see first, wherever the button was.
    focusAtTop($(RESULT_HEADING_ID), resultBox.firstElementChild);
  }

  // ---------------------------------------------------------------- start again

  function startAgain() {
    form.reset();
    problems.clear();
    hideResult();
    crisis.update();
    stopWaiting();
    status.settle("");
    status.engine(engine.state);
    const top = document.querySelector(".md-content h1") || form;
    if (!top.hasAttribute("tabindex")) top.setAttribute("tabindex", "-1");
    window.scrollTo(0, 0);
    top.focus({ preventScroll: true });
  }
}

// The device's own date, as the engine takes it ("YYYY-MM-DD"): the engine prints it in
// the result's language. Local, not UTC, so late evening is still today.
function localToday() {
  const now = new Date();
  const two = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`;
}
