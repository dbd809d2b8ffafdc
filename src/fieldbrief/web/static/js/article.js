// fieldbrief: one article, its cleaned text with statements, events, places and claim evidence highlighted.
// Hovering or focusing a highlight explains it; ?start=&end= marks the span a link pointed at and scrolls to it.
"use strict";

(() => {
  const {el, api, clear} = FB;
  const KIND_CLASS = {statement: "st", event: "ev", place: "pl", claim: "cl", target: "tg"};

  function spansOf(a, target) {
    const spans = [];
    // a quote split by its attribution is highlighted in its parts, the speaker's own words, not ", she said,"
    for (const s of a.statements) {
      for (const [start, end] of (s.parts && s.parts.length ? s.parts : [[s.start, s.end]])) {
        spans.push({kind: "statement", start: start, end: end, rec: s});
      }
    }
    for (const e of a.events) spans.push({kind: "event", start: e.start, end: e.end, rec: e});
    for (const p of a.places) spans.push({kind: "place", start: p.start, end: p.end, rec: p});
    for (const m of a.claims) spans.push({kind: "claim", start: m.start, end: m.end, rec: m});
    if (target) spans.push({kind: "target", start: target[0], end: target[1], rec: null});
    const n = a.text.length;
    return spans.filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.end <= n && s.start < s.end);
  }

  // The text cut at every span boundary; each piece knows which spans cover it.
  function pieces(text, spans) {
    const cuts = new Set([0, text.length]);
    for (const s of spans) { cuts.add(s.start); cuts.add(s.end); }
    const points = [...cuts].sort((x, y) => x - y);
    const out = [];
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i], b = points[i + 1];
      out.push({start: a, end: b, covering: spans.filter((s) => s.start <= a && s.end >= b)});
    }
    return out;
  }

  function claimsByRecord(a) {
    const map = new Map();
    for (const m of a.claims) {
      if (!m.record_id) continue;
      if (!map.has(m.record_id)) map.set(m.record_id, []);
      map.get(m.record_id).push(m);
    }
    return map;
  }

  function short(span) {
    const r = span.rec;
    if (span.kind === "statement") return `statement by ${r.speaker.name} (${r.kind}, ${r.cue})`;
    if (span.kind === "event") return `event: ${r.type}${r.acled ? " / " + r.acled.event_type : ""}, ${r.status}`;
    if (span.kind === "place") return `place: ${r.name}${r.feature ? " (" + r.feature + ")" : ""}`;
    if (span.kind === "claim") return `evidence of a ${r.status} claim`;
    return "the passage you followed";
  }

  function rows(pairs) {
    return el("dl", {}, pairs.filter(([, v]) => v !== null && v !== undefined && v !== "").map(([k, v]) => [el("dt", {}, k), el("dd", {}, v)]));
  }

  function claimLinks(list) {
    return (list || []).map((m) => el("div", {}, FB.badge(m.status), " ",
      el("a", {href: "/claims/" + encodeURIComponent(m.claim_id)}, m.summary), m.side === "disputes" ? " (disputes it)" : ""));
  }

  function explainOne(span, claims) {
    const r = span.rec;
    if (span.kind === "statement") {
      const who = r.speaker;
      return [el("h3", {}, "Statement"), rows([
        ["speaker", who.name + (who.mention && who.mention !== who.name ? ` (written “${who.mention}”)` : "")],
        ["speaker is", who.kind + (who.actor ? ", " + who.actor : "") + (who.outlet ? ", speaking to " + who.outlet : "")],
        ["how", `${r.kind} ${r.mode ? "(" + r.mode + ") " : ""}· “${r.cue}”` + (r.channel ? " · " + r.channel : "")],
        ...(r.factuality && r.factuality !== "asserted" ? [["said?", `${r.factuality}: not something the speaker is said to have said`]] : []),
        ...(r.attribution && r.attribution !== "sourced" ? [["source", r.attribution === "unattributed" ? "the text gives none" : "in the text, not resolved: read the sentence"]] : []),
        ["says", r.content],
      ]), claimLinks(claims.get(r.id))];
    }
    if (span.kind === "event") {
      const place = r.place ? `${r.place.name}${r.place.feature ? " (" + r.place.feature + ")" : ""}` +
        (r.place.lat !== null && r.place.lat !== undefined ? ` at ${r.place.lat}, ${r.place.lon}` : ", not located") : null;
      const date = r.date ? `${r.date.text ? "“" + r.date.text + "” → " : ""}${FB.when(r.date.start, r.date.end, r.date.precision)}` : "no date in the text";
      return [el("h3", {}, "Event"), rows([
        ["type", r.type + (r.mode ? " (" + r.mode + ")" : "")],
        ["ACLED", r.acled ? `${r.acled.event_type} / ${r.acled.sub_event_type}` : "no ACLED type"],
        ["actor", r.actor ? r.actor.name + (r.actor.actor ? " (" + r.actor.actor + ")" : "") : null],
        ["target", r.target ? r.target.name + (r.target.actor ? " (" + r.target.actor + ")" : "") : null],
        ["where", place],
        ["when", date],
        ["status", r.status],
        ["according to", r.according_to || "the report itself"],
        ["deaths", r.fatalities],
        ["captured", r.captured],
      ]), claimLinks(claims.get(r.id))];
    }
    if (span.kind === "place") {
      const key = r.lat !== null && r.lat !== undefined ? "@" + r.lat + "," + r.lon : "~" + r.name;
      return [el("h3", {}, "Place"), rows([
        ["written", r.name],
        ["resolved to", r.lat !== null && r.lat !== undefined ? `${r.feature || "place"} at ${r.lat}, ${r.lon}` : "not resolved"],
        ["country", r.country],
        ["province", r.admin1],
        ["district", r.admin2],
        ["role", r.role],
        ["GeoNames", r.geonameid],
      ]), el("a", {href: "/places/" + encodeURIComponent(key)}, "Everything at this place")];
    }
    if (span.kind === "claim") {
      return [el("h3", {}, "Claim evidence"), claimLinks([r])];
    }
    return [el("h3", {}, "The passage you followed"), el("p", {class: "note"}, "Highlighted because the link you followed points here.")];
  }

  function explain(piece, claims) {
    const panel = document.getElementById("explain");
    clear(panel);
    panel.appendChild(el("h2", {}, "Explanation"));
    const order = ["target", "claim", "statement", "event", "place"];
    // a statement's or event's claims are listed with it; only claims on plain sentences stand alone
    const covering = piece.covering.filter((s) => s.kind !== "claim" || !s.rec.record_id)
      .sort((x, y) => order.indexOf(x.kind) - order.indexOf(y.kind));
    for (const span of covering) FB.append(panel, explainOne(span, claims));
  }

  function render(a, target) {
    const box = document.getElementById("article-text");
    clear(box);
    const claims = claimsByRecord(a);
    let first = null;
    for (const piece of pieces(a.text, spansOf(a, target))) {
      const text = a.text.slice(piece.start, piece.end);
      if (!piece.covering.length) { box.appendChild(document.createTextNode(text)); continue; }
      const kinds = [...new Set(piece.covering.map((s) => KIND_CLASS[s.kind]))];
      const node = el("span", {class: "hl " + kinds.join(" "), tabindex: 0, "data-start": piece.start, "data-end": piece.end,
        title: piece.covering.map(short).join("\n")}, text);
      node.addEventListener("mouseenter", () => explain(piece, claims));
      node.addEventListener("focus", () => explain(piece, claims));
      if (kinds.includes("tg") && first === null) { first = node; node.id = "hl"; }
      box.appendChild(node);
    }
    if (first) {
      first.scrollIntoView({block: "center"});
      first.focus({preventScroll: true});
      explain(pieces(a.text, spansOf(a, target)).find((p) => p.start === Number(first.dataset.start)), claims);
    }
  }

  function sidebar(a) {
    const source = document.getElementById("article-source");
    const href = FB.safeHref(a.url);
    FB.append(source, [href ? el("a", {href: href, rel: "noopener noreferrer", target: "_blank"}, "Source: " + a.url)
      : "Source: " + (a.url || a.source), a.sources.length > 1 ? ` (also read from ${a.sources.length - 1} other file(s))` : ""]);
    const dated = document.getElementById("article-date");
    if (a.published && a.published_from) {
      const evidence = (a.published_evidence || []).map((e) => `“${e.text}” (${e.field})`).join(", ");
      dated.textContent = `Publication date ${a.published} from ${a.published_from}` + (evidence ? `: ${evidence}` : "");
    } else if (!a.published) {
      dated.textContent = "No publication date: events without a date of their own are not on the timeline.";
    }
    const removed = document.getElementById("removed");
    for (const r of a.removed) removed.appendChild(el("li", {}, el("span", {class: "tag"}, r.kind), " ", r.reason ? `(${r.reason}) ` : "", r.text));
    if (!a.removed.length) removed.appendChild(el("li", {}, "Nothing was removed."));
    const toggle = document.getElementById("toggle-removed");
    toggle.textContent = `Show what cleaning removed (${a.removed.length})`;
    toggle.addEventListener("click", () => {
      const open = removed.hidden;
      removed.hidden = !open;
      toggle.setAttribute("aria-expanded", String(open));
    });
    const list = document.getElementById("article-claims");
    const seen = new Map();
    for (const m of a.claims) if (!seen.has(m.claim_id)) seen.set(m.claim_id, m);
    for (const m of seen.values()) {
      list.appendChild(el("li", {}, FB.badge(m.status), " ", el("a", {href: "/claims/" + encodeURIComponent(m.claim_id)}, m.summary)));
    }
    if (!seen.size) list.appendChild(el("li", {class: "note"}, "None yet."));
    const origin = document.getElementById("article-origin");
    if (a.origin.id !== a.id) {
      FB.append(origin, ["A copy or light rewrite of ", el("a", {href: FB.articleHref(a.origin.id)}, a.origin.id),
        ` (similarity ${a.origin.similarity.toFixed(2)}): it counts with it as one independent origin.`]);
    } else {
      origin.appendChild(document.createTextNode("Its own origin."));
    }
    if (a.origin.copies.length) {
      origin.appendChild(el("ul", {}, a.origin.copies.map((c) => el("li", {}, el("a", {href: FB.articleHref(c.id)}, c.title || c.id), " · " + (c.outlet || "")))));
    }
  }

  document.addEventListener("DOMContentLoaded", async () => {
    const node = document.getElementById("article");
    const p = FB.params();
    const start = Number.parseInt(p.get("start"), 10);
    const end = Number.parseInt(p.get("end"), 10);
    const target = Number.isInteger(start) && Number.isInteger(end) && end > start ? [start, end] : null;
    try {
      const a = await api("articles/" + encodeURIComponent(node.dataset.article));
      sidebar(a);
      render(a, target);
    } catch (error) {
      FB.showError(document.getElementById("article-text"), error);
    }
    document.body.setAttribute("data-loads", "1");
  });
})();
