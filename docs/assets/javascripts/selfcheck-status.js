// What the page says about itself: the engine's state at the top of the page, and what
// happened to a press of the button right beside the button, where the person is looking.
// Both are live regions (role="status") that exist from the start, so screen readers
// announce each new message; each says different things, so nothing is announced twice.

export function createStatus({ engineLine, pressLine, button, slowBox, text }) {
  const label = button.textContent;

  function setBusy(busy) {
    button.dataset.busy = busy ? "true" : "false";
    if (busy) button.setAttribute("aria-busy", "true");
    else button.removeAttribute("aria-busy");
    button.textContent = busy ? text.submit_busy : label;
  }

  return {
    // The engine: loading, ready or failed (top of the page).
    engine(state) {
      engineLine.textContent = { loading: text.status_loading, ready: text.status_ready, failed: text.status_failed }[state] || "";
    },
    // Still loading after a long time, with nobody waiting for a result yet.
    engineSlow() {
      engineLine.textContent = text.status_loading_slow;
    },
    // A press while the engine loads: it is kept, and the result will come by itself.
    waiting() {
      setBusy(true);
      slowBox.hidden = true;
      pressLine.textContent = text.status_waiting;
    },
    // The same press, a long while later: still loading, and what to do meanwhile.
    stillWaiting() {
      setBusy(true);
      slowBox.hidden = false;
      pressLine.textContent = text.status_still_waiting;
    },
    // The press was answered (a result, problems, or a failure): `message` says which.
    settle(message = "") {
      setBusy(false);
      slowBox.hidden = true;
      pressLine.textContent = message;
    },
  };
}
