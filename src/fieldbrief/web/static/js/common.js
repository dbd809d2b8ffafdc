// fieldbrief: helpers shared by every page.
// Everything that came from an article is put on the page as text: `el` builds elements with textContent and
// setAttribute only, never innerHTML; links take only http(s) or same-site addresses (`safeHref`).
"use strict";

const FB = (() => {
  const TYPE_COLOURS = {
    "Battles": "#c0392b",
    "Violence against civilians": "#8e44ad",
    "Explosions/Remote violence": "#e67e22",
    "Riots": "#b7950b",
    "Protests": "#2471a3",
    "Strategic developments": "#17a589",
    "Other": "#7f8c8d",
    "Statements": "#34495e",
  };
  const PRECISION = {
    day: "", week: "the week of", month: "in the month of", year: "in the year of",
    reported: "reported",
  };
  const GEO_PRECISION = {
    1: "a town or village: the point is the place",
    2: "an area (district, valley): the point is its centre",
    3: "a province, region or country: the point is only its centre",
  };

  function safeHref(url) {
    if (typeof url !== "string") return null;
    if (/^https?:\/\/[^\s]+$/i.test(url)) return url;
    if (url.startsWith("/") && !url.startsWith("//")) return url;
    return null;
  }

  // el("a", {href: "/x", class: "y"}, "text", childNode, null, [more...])
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (/^on/i.test(name)) throw new Error("no event handlers through attributes");
      if (name === "href" || name === "src") {
        const safe = safeHref(String(value));
        if (safe) node.setAttribute(name, safe);
        continue;
      }
      node.setAttribute(name, value === true ? "" : String(value));
    }
    append(node, children);
    return node;
  }

  function append(node, children) {
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      if (Array.isArray(child)) append(node, child);
      else if (child instanceof Node) node.appendChild(child);
      else node.appendChild(document.createTextNode(String(child)));
    }
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
    return node;
  }

  function query(params) {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(params || {})) {
      const values = Array.isArray(value) ? value : [value];
      for (const v of values) if (v !== null && v !== undefined && v !== "") search.append(key, String(v));
    }
    const text = search.toString();
    return text ? "?" + text : "";
  }

  async function api(path, params, options) {
    const response = await fetch("/api/" + path + query(params), options);
    let body = null;
    try { body = await response.json(); } catch (e) { body = null; }
    if (!response.ok) {
      const message = body && body.error ? body.error.message : response.status + " " + response.statusText;
      const error = new Error(message);
      error.status = response.status;
      throw error;
    }
    return body;
  }

  function typeColour(type) { return TYPE_COLOURS[type] || TYPE_COLOURS.Other; }

  function when(day, dayEnd, precision) {
    if (!day) return "undated";
    if (precision === "reported") return "on or before " + day + " (report date)";
    if (precision && precision !== "day" && PRECISION[precision]) {
      return PRECISION[precision] + " " + day + (dayEnd && dayEnd !== day ? " – " + dayEnd : "");
    }
    return day;
  }

  function articleHref(articleId, start, end) {
    const where = start !== undefined && start !== null ? query({start: start, end: end}) + "#hl" : "";
    return "/articles/" + encodeURIComponent(articleId) + where;
  }

  function badge(status) {
    return status ? el("span", {class: "badge status-" + status}, status) : null;
  }

  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  function pager(node, page, onPage) {
    clear(node);
    if (!page || page.total <= page.limit) {
      if (page && page.total) node.appendChild(el("span", {}, page.total + " in all"));
      return;
    }
    const first = page.offset + 1;
    const last = Math.min(page.offset + page.limit, page.total);
    const prev = el("button", {type: "button", disabled: page.offset === 0}, "← previous");
    const next = el("button", {type: "button", disabled: last >= page.total}, "next →");
    prev.addEventListener("click", () => onPage(Math.max(0, page.offset - page.limit)));
    next.addEventListener("click", () => onPage(page.offset + page.limit));
    append(node, [prev, el("span", {}, first + "–" + last + " of " + page.total), next]);
  }

  function showError(node, error) {
    clear(node);
    node.appendChild(el("p", {class: "message error", role: "alert"}, error.message || String(error)));
  }

  // One event as a list item: what, who, where, when, status, according to whom, and its evidence, one click away.
  function eventItem(e) {
    const what = e.type + (e.mode ? " (" + e.mode + ")" : "") + (e.acled_type ? " · " + (e.acled_sub_type || e.acled_type) : "");
    const who = [e.actor, e.target ? "→ " + e.target : null].filter(Boolean).join(" ");
    const head = el("div", {class: "ev-head"},
      el("span", {}, el("span", {class: "swatch", "data-type": e.acled_type || "Other"}), when(e.day, e.day_end, e.precision)),
      e.place ? el("span", {}, "at " + e.place + (e.geo_precision > 1 ? " (approx.)" : "")) : el("span", {}, "no place"),
      el("span", {class: "tag"}, e.status + (e.according_to ? ", according to " + e.according_to : "")),
      e.fatalities !== null && e.fatalities !== undefined ? el("span", {class: "tag"}, plural(e.fatalities, "death")) : null,
      e.captured ? el("span", {class: "tag"}, e.captured + " captured") : null,
      e.claim_status ? el("a", {href: "/claims/" + encodeURIComponent(e.claim_id)}, badge(e.claim_status)) : null,
    );
    paintSwatches(head);
    return el("li", {"data-event": e.id},
      head,
      el("div", {class: "ev-what"}, what + (who ? " · " + who : "")),
      el("blockquote", {class: "quote"}, el("a", {href: articleHref(e.article_id, e.start, e.end)}, e.evidence)),
      el("div", {class: "ev-head"}, el("a", {href: articleHref(e.article_id)}, e.title || "(untitled)"),
        el("span", {}, e.outlet || "unknown outlet")),
    );
  }

  // Colours are set through the DOM (CSSOM), which the Content-Security-Policy allows; never through markup.
  function paintSwatches(node) {
    for (const swatch of node.querySelectorAll(".swatch[data-type]")) {
      swatch.style.background = typeColour(swatch.getAttribute("data-type"));
    }
  }

  async function loadSummary() {
    const node = document.getElementById("store-summary");
    if (!node) return;
    try {
      const s = await api("summary");
      const claims = s.claims || {};
      let text = plural(s.articles, "article") + " · " + plural(s.events, "event") + " · " +
        (claims.contested || 0) + " contested, " + (claims.corroborated || 0) + " corroborated claims";
      if (s.links_pending) text += " · linking " + plural(s.links_pending, "article") + "…";
      node.textContent = text;
    } catch (error) {
      node.textContent = "store unavailable: " + error.message;
    }
  }

  function params() { return new URLSearchParams(window.location.search); }

  document.addEventListener("DOMContentLoaded", loadSummary);

  return {
    TYPE_COLOURS, GEO_PRECISION, el, append, clear, api, query, typeColour, when, articleHref, badge, plural,
    pager, showError, eventItem, paintSwatches, safeHref, params, loadSummary,
  };
})();
