// The embeddable self-check (embed/self-check/), inside a clinic's own page. Two jobs:
//
// 1. Height: the embedding page cannot see how tall this document is, so its frame would
//    either clip it or show a second scroll bar. Whenever the page's height changes (a
//    result appears, a section opens), it posts {type: "ketamine-selfcheck:height", height: N}
//    to the embedding page, and nothing else: never an answer, a score or a result. It posts
//    only to the origins the clinic listed (extra.clinic.embed_origins), so no other page
//    that frames it learns even the height. Where a browser supports the new frame-sizing
//    opt-in (<meta name="responsive-embedded-sizing">), it also asks it to resize.
// 2. Links: every link to another page (articles, sources, the full site) opens in a new
//    tab, so the self-check and its answers stay in place. Phone links (tel:, sms:) and
//    links within the page are left alone.

const data = JSON.parse(document.getElementById("selfcheck-embed-data").textContent);
const framed = window.parent !== window;

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

// Where the browser says who is framing this page (Chromium, Safari), post only there;
// elsewhere post to each listed origin (the browser drops any that does not match).
function targets() {
  const parentOrigin = location.ancestorOrigins && location.ancestorOrigins[0];
  if (parentOrigin) return data.origins.filter((origin) => origin === parentOrigin);
  return data.origins;
}

let lastHeight = 0;
function reportHeight() {
  const height = Math.ceil(document.body.getBoundingClientRect().height);
  if (!framed || height === lastHeight || !Number.isFinite(height)) return;
  lastHeight = height;
  for (const origin of targets()) window.parent.postMessage({ type: data.message, height }, origin);
  if (typeof window.requestResize === "function") {
    try {
      window.requestResize();
    } catch (error) {
      // Not opted in, or not supported: the posted height does the job.
    }
  }
}

if (framed) {
  new ResizeObserver(reportHeight).observe(document.body);
  reportHeight();
}
