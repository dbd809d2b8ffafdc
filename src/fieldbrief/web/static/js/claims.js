// fieldbrief: claims, listed (contested side by side, corroborated with their origins, single-source searchable)
// and one at a time with each member's evidence in its sentence.
"use strict";

(() => {
  const {el, api, clear} = FB;
  const TABS = [["contested", "Contested"], ["corroborated", "Corroborated"], ["single-source", "Single-source"], ["", "All"]];
  const PAGE = 20;

  function member(m, withContext) {
    const quote = withContext
      ? el("blockquote", {class: "quote"}, el("span", {class: "context"}, m.before || ""),
        el("a", {href: FB.articleHref(m.article_id, m.start, m.end)}, el("mark", {}, m.text)),
        el("span", {class: "context"}, m.after || ""))
      : el("blockquote", {class: "quote"}, el("a", {href: FB.articleHref(m.article_id, m.start, m.end)}, m.text));
    return el("div", {class: "member", "data-article": m.article_id},
      el("div", {}, el("span", {class: "who"}, m.speaker || m.outlet || "the report"),
        m.value ? el("span", {class: "tag"}, m.value) : null),
      quote,
      el("div", {class: "src"}, (m.outlet || "unknown outlet") + " · ",
        el("a", {href: FB.articleHref(m.article_id)}, m.title || "(untitled)"),
        m.published ? " · " + m.published : "",
        m.origin_id && m.origin_id !== m.article_id ? " · copy of " + m.origin_id : ""),
    );
  }

  function sides(claim, withContext) {
    const s = claim.sides || {affirms: claim.members.filter((m) => m.side === "affirms"),
      disputes: claim.members.filter((m) => m.side === "disputes")};
    return el("div", {class: "sides"},
      el("section", {class: "side affirms"}, el("h4", {}, "Affirms (" + s.affirms.length + ")"), s.affirms.map((m) => member(m, withContext))),
      el("section", {class: "side disputes"}, el("h4", {}, "Disputes (" + s.disputes.length + ")"), s.disputes.map((m) => member(m, withContext))),
    );
  }

  // Members grouped by independent origin: copies of one report count once.
  function byOrigin(claim, withContext) {
    const groups = new Map();
    for (const m of claim.members) {
      if (!groups.has(m.origin_id)) groups.set(m.origin_id, []);
      groups.get(m.origin_id).push(m);
    }
    return el("ol", {class: "origins"}, [...groups.entries()].map(([origin, members], i) =>
      el("li", {}, el("div", {class: "note"}, `Origin ${i + 1}` + (members.length > 1 ? ` (${members.length} copies)` : "")),
        members.map((m) => member(m, withContext)))));
  }

  function claimItem(c) {
    const outlets = [...new Set(c.members.map((m) => m.outlet || "unknown outlet"))];
    return el("li", {"data-claim": c.id, "data-status": c.status},
      el("div", {class: "ev-head"}, FB.badge(c.status), el("span", {}, FB.plural(c.origins.length, "independent origin")),
        el("span", {}, outlets.join(", ")), c.event_type ? el("span", {class: "tag"}, c.event_type) : null),
      el("h3", {}, el("a", {href: "/claims/" + encodeURIComponent(c.id)}, c.summary)),
      c.why ? el("p", {class: "note"}, "Disagreement: " + c.why) : null,
      c.status === "contested" ? sides(c, false) : c.status === "corroborated" ? byOrigin(c, false)
        : c.members.map((m) => member(m, false)),
    );
  }

  async function listPage() {
    const p = FB.params();
    const state = {status: p.has("status") ? p.get("status") : "contested", q: p.get("q") || "", offset: 0};
    const form = document.getElementById("claim-search");
    const tabs = document.getElementById("claim-tabs");
    form.elements.q.value = state.q;
    const load = async () => {
      window.history.replaceState(null, "", "/claims" + FB.query({status: state.status, q: state.q}));
      for (const tab of tabs.children) tab.setAttribute("aria-selected", String(tab.dataset.status === state.status));
      const list = document.getElementById("claims");
      try {
        const page = await api("claims", {status: state.status, q: state.q, limit: PAGE, offset: state.offset});
        clear(list);
        for (const c of page.items) list.appendChild(claimItem(c));
        FB.paintSwatches(list);
        const counts = Object.entries(page.by_status).map(([s, n]) => `${n} ${s}`).join(", ");
        document.getElementById("claims-count").textContent =
          `${FB.plural(page.total, "claim")} shown here` + (counts ? ` (in the store: ${counts})` : "");
        FB.pager(document.getElementById("claims-pager"), page, (offset) => { state.offset = offset; load(); });
      } catch (error) {
        FB.showError(list, error);
      }
      document.body.setAttribute("data-loads", String(Number(document.body.getAttribute("data-loads") || 0) + 1));
    };
    for (const [status, label] of TABS) {
      const tab = el("button", {type: "button", role: "tab", "data-status": status}, label);
      tab.addEventListener("click", () => { state.status = status; state.offset = 0; load(); });
      tabs.appendChild(tab);
    }
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      state.q = form.elements.q.value.trim();
      state.offset = 0;
      load();
    });
    await load();
  }

  async function detailPage(node) {
    const body = document.getElementById("claim-body");
    try {
      const c = await api("claims/" + encodeURIComponent(node.dataset.claim));
      const outlets = [...new Set(c.members.map((m) => m.outlet || "unknown outlet"))];
      FB.append(body, [
        el("p", {class: "meta"}, `${FB.plural(c.origins.length, "independent origin")} · ${FB.plural(c.members.length, "report")} · ${outlets.join(", ")}` +
          (c.event_type ? ` · ${c.event_type}` : "") + ` · ${c.kind}`),
        c.why ? el("p", {}, el("strong", {}, "What the sides disagree on: "), c.why) : null,
        c.status === "contested" ? sides(c, true) : byOrigin(c, true),
      ]);
    } catch (error) {
      FB.showError(body, error);
    }
    document.body.setAttribute("data-loads", "1");
  }

  document.addEventListener("DOMContentLoaded", () => {
    const detail = document.getElementById("claim");
    if (detail) detailPage(detail);
    else listPage();
  });
})();
