// The article page: select an event or a quote (its button, or a click on its words in the
// text) to light up its evidence: an event's trigger, actor, recipient, date and place; a
// quote's words, speaker and cue. Escape clears. The page reads fine without this script.
"use strict";
(function () {
  const text = document.getElementById("article-text");
  if (!text) return;
  const segments = Array.from(text.querySelectorAll(".seg"));
  const status = document.getElementById("selection-status");
  const ROLES = ["actor", "recipient", "date", "place"];
  const LIT = ["lit"].concat(ROLES.map((r) => "lit-" + r));

  function facts(seg) { return (seg.dataset.facts || "").split(" ").filter(Boolean); }

  function clear() {
    segments.forEach((seg) => seg.classList.remove(...LIT));
    document.querySelectorAll("button[data-select]").forEach((b) => b.setAttribute("aria-pressed", "false"));
    document.querySelectorAll("dl.detail").forEach((d) => { d.hidden = true; });
  }

  function select(id) {
    clear();
    let lit = 0;
    segments.forEach((seg) => {
      const here = facts(seg);
      if (here.includes(id)) { seg.classList.add("lit"); lit++; }
      ROLES.forEach((role) => { if (here.includes(id + ":" + role)) { seg.classList.add("lit-" + role); lit++; } });
    });
    document.querySelectorAll('button[data-select="' + CSS.escape(id) + '"]').forEach((b) => b.setAttribute("aria-pressed", "true"));
    const detail = document.getElementById("detail-" + id);
    if (detail) detail.hidden = false;
    const first = text.querySelector(".seg.lit");
    if (first) first.scrollIntoView({ block: "nearest", behavior: "smooth" });
    if (status) status.textContent = id + " selected: " + lit + " piece" + (lit === 1 ? "" : "s") + " of text lit. Escape clears.";
  }

  document.addEventListener("click", (ev) => {
    const button = ev.target.closest("button[data-select]");
    if (button) {
      if (button.getAttribute("aria-pressed") === "true") { clear(); } else { select(button.dataset.select); }
      return;
    }
    const seg = ev.target.closest(".seg");
    if (seg) {
      // the innermost selectable fact: an event's trigger first, then a quote
      const here = facts(seg);
      const id = here.find((f) => /^v\d+$/.test(f)) || here.find((f) => /^q\d+$/.test(f));
      if (id) select(id);
    }
  });
  document.addEventListener("keydown", (ev) => { if (ev.key === "Escape") clear(); });
})();
