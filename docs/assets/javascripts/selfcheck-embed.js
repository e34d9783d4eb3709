// The embeddable self-check (embed/self-check/), inside a clinic's own page.
//
// It sends the embedding page nothing: no message, no height. Whatever a frame
// posts, any script on the clinic's page can read (a tag manager, an ad pixel, a session
// recorder), and even a height gives answers away: the crisis panel appears the moment PHQ-9
// item 9 is above 0, and each result has its own length. So the frame has a fixed height
// (README, "Embedding the self-check"), this page scrolls inside it, and the self-check
// brings its own result into view within the frame.
//
// Two jobs:
//
// 1. Scrolling stays inside the frame. A browser brings an element into view
//    (element.focus(), element.scrollIntoView()) by scrolling every page around the frame
//    too, the clinic's page included, which would then see when something appeared and
//    where: a result, the list of unanswered questions. In a frame, both scroll this
//    document only.
//    A link within the page (a result's [1] to its sources) scrolls this document to its
//    target too, rather than navigating to a #fragment: that would scroll the pages around
//    the frame and add an entry to the tab's history, whose length the clinic's page can
//    read.
// 2. Links: every link to another page (articles, sources, the full site) opens in a new
//    tab, so the self-check and its answers stay in place. Phone links (tel:, sms:) are
//    left alone.

// How far to scroll this document so `element` shows at `block` ("start", "center", "end"
// or "nearest", as scrollIntoView means them); 0 when "nearest" and already in view.
function distanceTo(element, block) {
  const box = element.getBoundingClientRect();
  const top = box.top - (parseFloat(getComputedStyle(element).scrollMarginTop) || 0);
  if (block === "end") return box.bottom - innerHeight;
  if (block === "center") return box.top + box.height / 2 - innerHeight / 2;
  if (block === "nearest") {
    if (top >= 0 && box.bottom <= innerHeight) return 0;
    return top < 0 || box.height > innerHeight ? top : box.bottom - innerHeight;
  }
  return top;
}

if (window.parent !== window) {
  const focus = HTMLElement.prototype.focus;
  HTMLElement.prototype.focus = function focusInFrame(options) {
    focus.call(this, { ...options, preventScroll: true });
    if (!options?.preventScroll) window.scrollBy(0, distanceTo(this, "nearest"));
  };
  Element.prototype.scrollIntoView = function scrollIntoViewInFrame(options) {
    const block = options === false ? "end" : (typeof options === "object" && options?.block) || "start";
    window.scrollBy({ top: distanceTo(this, block), behavior: options?.behavior || "auto" });
  };
}

document.addEventListener("click", (event) => {
  const link = event.target.closest?.('a[href^="#"]');
  if (window.parent === window || !link || event.defaultPrevented) return;
  const target = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
  if (!target) return;
  event.preventDefault();
  target.scrollIntoView({ block: "start" });
  // Where the next Tab goes from, as after following the link.
  if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
  target.focus({ preventScroll: true });
});

function openInNewTab(root) {
  const links = root.matches?.("a[href]") ? [root] : root.querySelectorAll ? root.querySelectorAll("a[href]") : [];
  for (const link of links) {
    const href = link.getAttribute("href") || "";
    if (href.startsWith("#") || /^(tel|sms|mailto):/i.test(href)) continue;
    link.target = "_blank";
    link.relList.add("noopener");
  }
}

openInNewTab(document.body);
new MutationObserver((changes) => {
  for (const change of changes) for (const node of change.addedNodes) if (node.nodeType === 1) openInNewTab(node);
}).observe(document.body, { childList: true, subtree: true });
