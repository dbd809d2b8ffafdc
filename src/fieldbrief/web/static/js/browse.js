// fieldbrief: the lists (articles with full-text search, actors, places) and the actor and place pages.
"use strict";

(() => {
  const {el, api, clear} = FB;
  const PAGE = 50;
  const SNIPPET = /\u0002([^\u0003]*)\u0003/g;  // the API marks search matches with these two characters

  function markLoaded() {
    document.body.setAttribute("data-loads", String(Number(document.body.getAttribute("data-loads") || 0) + 1));
  }

  function snippet(text) {
    const out = [];
    let last = 0;
    for (const match of text.matchAll(SNIPPET)) {
      out.push(text.slice(last, match.index), el("mark", {}, match[1]));
      last = match.index + match[0].length;
    }
    out.push(text.slice(last));
    return el("p", {class: "note"}, out);
  }

  // A list page: a search form, a list, a pager; `item` turns one API item into an <li>.
  function listPage(name, formId, fields, item) {
    const form = document.getElementById(formId);
    const p = FB.params();
    const state = {offset: 0};
    for (const f of fields) { state[f] = p.get(f) || ""; form.elements[f].value = state[f]; }
    const load = async () => {
      const query = {};
      for (const f of fields) query[f] = state[f];
      window.history.replaceState(null, "", window.location.pathname + FB.query(query));
      const list = document.getElementById(name);
      try {
        const page = await api(name, {...query, limit: PAGE, offset: state.offset});
        clear(list);
        for (const x of page.items) list.appendChild(item(x));
        document.getElementById(name + "-count").textContent = FB.plural(page.total, name.slice(0, -1)) +
          (page.query ? ` match ${page.query}` : "");
        FB.pager(document.getElementById(name + "-pager"), page, (offset) => { state.offset = offset; load(); });
      } catch (error) {
        FB.showError(list, error);
        document.getElementById(name + "-count").textContent = "";
      }
      markLoaded();
    };
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      for (const f of fields) state[f] = form.elements[f].value.trim();
      state.offset = 0;
      load();
    });
    load();
  }

  const articleItem = (a) => el("li", {"data-article": a.id},
    el("a", {href: FB.articleHref(a.id)}, a.title || "(untitled)"),
    el("div", {class: "ev-head"}, el("span", {}, a.outlet || "unknown outlet"), el("span", {}, a.published || "undated"),
      el("span", {}, FB.plural(a.events, "event")), el("span", {}, FB.plural(a.statements, "statement"))),
    a.snippet ? snippet(a.snippet) : null);

  const actorItem = (a) => el("li", {},
    el("a", {href: "/actors/" + encodeURIComponent(a.id)}, a.name),
    el("div", {class: "ev-head"}, el("span", {}, a.kind), a.actor ? el("code", {}, a.actor) : null,
      el("span", {}, FB.plural(a.articles || 0, "article")), el("span", {}, FB.plural(a.names || 0, "name"))));

  const placeItem = (p) => el("li", {},
    el("a", {href: "/places/" + encodeURIComponent(p.key)}, p.name),
    el("div", {class: "ev-head"}, el("span", {}, p.lat === null ? "not resolved" : `${p.feature || "place"}, ${p.country || "?"}`),
      p.admin1 ? el("span", {}, p.admin1) : null, el("span", {}, FB.plural(p.articles, "article")),
      el("span", {}, FB.plural(p.mentions, "mention")), el("span", {}, FB.plural(p.events, "event"))));

  function said(s) {
    return el("li", {},
      el("div", {class: "ev-head"}, el("span", {}, s.published || "undated"), el("span", {class: "tag"}, `${s.kind}, “${s.cue}”` + (s.channel ? ", " + s.channel : "")),
        s.claim_status ? FB.badge(s.claim_status) : null),
      el("div", {class: "ev-what"}, s.speaker + (s.mention && s.mention !== s.speaker ? ` (“${s.mention}”)` : "")),
      el("blockquote", {class: "quote"}, el("a", {href: FB.articleHref(s.article_id, s.start, s.end)}, s.content)),
      el("div", {class: "ev-head"}, el("a", {href: FB.articleHref(s.article_id)}, s.title || "(untitled)"), el("span", {}, s.outlet || "")));
  }

  function mention(m) {
    return el("li", {},
      el("div", {class: "ev-head"}, el("span", {}, m.published || "undated"), el("span", {}, m.outlet || "")),
      el("blockquote", {class: "quote"}, m.before, el("a", {href: FB.articleHref(m.article_id, m.start, m.end)}, el("mark", {}, m.name)), m.after),
      el("a", {href: FB.articleHref(m.article_id)}, m.title || "(untitled)"));
  }

  function events(view) {
    const list = document.getElementById("did");
    for (const e of view.events.items) list.appendChild(FB.eventItem(e));
    if (!view.events.items.length) list.appendChild(el("li", {class: "note"}, "None."));
    document.getElementById("did-count").textContent = `(${view.events.total})`;
    if (view.timeline) FB.timeline.draw(document.getElementById("timeline"), view.timeline, {height: 110});
  }

  async function actorPage(node) {
    try {
      const view = await api("actors/" + encodeURIComponent(node.dataset.entity));
      document.getElementById("actor-names").textContent = "Written as: " + view.names.join(", ");
      document.getElementById("actor-on-map").setAttribute("href", "/" + FB.query({actor: view.filter.actors[0]}));
      const list = document.getElementById("said");
      for (const s of view.statements.items) list.appendChild(said(s));
      if (!view.statements.items.length) list.appendChild(el("li", {class: "note"}, "None."));
      document.getElementById("said-count").textContent = `(${view.statements.total})`;
      events(view);
    } catch (error) {
      FB.showError(node, error);
    }
    markLoaded();
  }

  async function placePage(node) {
    try {
      const view = await api("places/" + encodeURIComponent(node.dataset.place));
      document.title = view.name + " · fieldbrief";
      document.getElementById("place-name").textContent = view.name;
      document.getElementById("place-resolution").textContent = view.lat === null || view.lat === undefined
        ? "Not resolved to a location. Written as: " + view.names.join(", ")
        : `${view.feature || "place"}${view.admin1 ? ", " + view.admin1 : ""}${view.country ? ", " + view.country : ""} · ` +
          `${view.lat}, ${view.lon} · ${FB.GEO_PRECISION[view.events.items.length ? view.events.items[0].geo_precision : 2] || ""}` +
          (view.geonameid ? ` · GeoNames ${view.geonameid}` : "") + " · written as: " + view.names.join(", ");
      if (view.filter) document.getElementById("place-on-map").setAttribute("href", "/" + FB.query({lat: view.filter.at[0], lon: view.filter.at[1], place: view.name}));
      const list = document.getElementById("mentions");
      for (const m of view.mentions.items) list.appendChild(mention(m));
      document.getElementById("mentions-count").textContent = `(${view.mentions.total})`;
      events(view);
    } catch (error) {
      FB.showError(node, error);
    }
    markLoaded();
  }

  document.addEventListener("DOMContentLoaded", () => {
    const page = document.body.dataset.page;
    const actor = document.getElementById("actor");
    const place = document.getElementById("place");
    if (actor) actorPage(actor);
    else if (place) placePage(place);
    else if (page === "articles") listPage("articles", "article-search", ["q"], articleItem);
    else if (page === "actors") listPage("actors", "actor-search", ["q", "kind"], actorItem);
    else if (page === "places") listPage("places", "place-search", ["q"], placeItem);
  });
})();
