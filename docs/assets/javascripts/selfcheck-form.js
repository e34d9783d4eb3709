// Reading the self-check form, and knowing when it changed.

// The raw form values, as the engine's form reader takes them (selfcheck.answers_from_form):
// one string per answered single-choice question, a list for each question of check boxes.
// A single-choice question with more than one value ticked (only possible if the page was
// tampered with) sends them all, so the engine refuses it rather than the page choosing.
// Questions that are hidden (the "right now" question while item 9 is 0) are not sent.
export function readForm(form) {
  const values = {};
  for (const question of form.querySelectorAll(".selfcheck-question")) {
    if (question.hidden) continue;
    const name = question.dataset.name;
    const checked = [...question.querySelectorAll("input:checked")].map((input) => input.value);
    if (!checked.length) continue;
    values[name] = question.dataset.type === "multiple" || checked.length > 1 ? checked : checked[0];
  }
  return values;
}

// A counter that goes up whenever an answer changes (or the form is reset), so a reply
// can be matched with the answers it was worked out from.
export function watchGeneration(form) {
  let generation = 0;
  const bump = () => {
    generation += 1;
  };
  form.addEventListener("change", bump);
  form.addEventListener("input", bump);
  form.addEventListener("reset", bump);
  return {
    get current() {
      return generation;
    },
  };
}

// A check box marked exclusive ("None of these") stands alone: ticking it clears the
// others in its group, and ticking another clears it.
export function setUpExclusiveBoxes(form) {
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
