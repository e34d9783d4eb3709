// Crisis first, with no Python and no WebAssembly: plain DOM code.
//
// The page's HTML shows every question, so without JavaScript the "right now" question
// (safety_now) is visible to everyone. With JavaScript, a question that depends on
// another answer (data-show-when-name / data-show-when-above, from the questionnaire's
// show_when) is hidden, and left out of the answers, until that answer is above its
// threshold. The crisis panel appears in its live region (role="alert") the moment the
// trigger answer (PHQ-9 item 9) is above 0, so it is seen and announced at once.

export function setUpCrisis(form, region, template) {
  const trigger = region ? region.dataset.trigger : null;
  const above = region ? Number(region.dataset.above) : 0;

  function answerAbove(name, threshold) {
    const checked = form.querySelector(`input[name="${CSS.escape(name)}"]:checked`);
    return checked !== null && Number(checked.value) > threshold;
  }

  function panel() {
    return template.content.firstElementChild.cloneNode(true);
  }

  function update() {
    for (const question of form.querySelectorAll("[data-show-when-name]")) {
      const show = answerAbove(question.dataset.showWhenName, Number(question.dataset.showWhenAbove));
      question.hidden = !show;
      for (const input of question.querySelectorAll("input")) input.disabled = !show;
    }
    if (!region) return;
    const inCrisis = answerAbove(trigger, above);
    // Filled once when it first applies (and not again on every click), so it is
    // announced once; emptied when the answer goes back to "Not at all".
    if (inCrisis && !region.firstElementChild) region.append(panel());
    if (!inCrisis && region.firstElementChild) region.replaceChildren();
  }

  form.addEventListener("change", update);
  form.addEventListener("reset", () => setTimeout(update, 0));
  update();
  return { panel, update };
}
