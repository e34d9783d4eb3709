// Answers the engine could not accept: one list of the engine's sentences, each naming its
// question in the question's own words (problem.text) and linking to it, plus the same
// sentence beside the question. Never a key name: a problem the page cannot place still
// gets its sentence, or a general one.

import { el, focusAtTop } from "./selfcheck-dom.js";

export function createProblemsView(form, box, text) {
  function clear() {
    box.hidden = true;
    box.replaceChildren();
    for (const note of form.querySelectorAll(".selfcheck-question__problem")) note.remove();
    for (const question of form.querySelectorAll(".selfcheck-question--problem")) {
      question.classList.remove("selfcheck-question--problem");
      const fieldset = question.querySelector("fieldset");
      const ids = (fieldset.getAttribute("aria-describedby") || "").split(" ").filter((id) => id && !id.startsWith("problem-"));
      if (ids.length) fieldset.setAttribute("aria-describedby", ids.join(" "));
      else fieldset.removeAttribute("aria-describedby");
    }
  }

  function show(problems, more) {
    clear();
    const list = el("ul", { class: "selfcheck-problems__list" });
    for (const problem of problems) {
      const question = questionFor(problem);
      const sentence = problem.text || text.problem_unplaced;
      const item = el("li");
      if (question) {
        const link = el("a", { href: `#${question.id}` }, sentence);
        link.addEventListener("click", (event) => {
          event.preventDefault(); // focus the question without touching the URL
          const input = question.querySelector("input:not([disabled])");
          if (input) focusAtTop(input, question);
          else question.scrollIntoView({ block: "start" });
        });
        item.append(link);
        markQuestion(question, sentence);
      } else {
        item.textContent = sentence;
      }
      list.append(item);
    }
    // The engine lists at most 50; then one line says how many more.
    if (more) list.append(el("li", { class: "selfcheck-problems__more" }, more));
    box.append(el("h2", { class: "selfcheck-problems__heading" }, text.problems_heading), el("p", {}, text.problems_lead), list);
    box.hidden = false;
    focusAtTop(box);
  }

  // Something went wrong that is not about the answers (the engine stopped): say so calmly.
  function showEngineError() {
    clear();
    box.replaceChildren(el("p", { class: "selfcheck-problems__heading" }, text.engine_error));
    box.hidden = false;
    focusAtTop(box);
  }

  // The question a problem is about: its form field (problem.field, e.g. "phq9-3"), else
  // the first shown question for its answer key ("phq9" for the whole list).
  function questionFor(problem) {
    const byField = problem.field && document.getElementById(`q-${problem.field}`);
    if (byField && form.contains(byField)) return byField;
    const key = String(problem.key || "").split("[")[0];
    return [...form.querySelectorAll(".selfcheck-question")].find((q) => !q.hidden && q.dataset.answerKey === key) || null;
  }

  function markQuestion(question, sentence) {
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
    note.textContent = note.textContent ? `${note.textContent} ${sentence}` : sentence;
  }

  return { clear, show, showEngineError };
}
