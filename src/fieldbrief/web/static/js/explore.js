// fieldbrief: the map and timeline view. Filters live in the page's address (shareable); the map, the timeline
// and the event list are all answered by the API, filtered and paginated on the server.
"use strict";

(() => {
  const {el, api, clear} = FB;
  const LIST_PAGE = 25;
  const MULTI = ["type", "status", "claim_status", "actor"];
  const state = {filters: readFilters(), offset: 0, map: null, markers: null, fitted: false, facets: null};

  function readFilters() {
    const p = FB.params();
    const f = {date_from: p.get("date_from") || "", date_to: p.get("date_to") || "", size: p.get("size") || "events",
      lat: p.get("lat") || "", lon: p.get("lon") || "", place: p.get("place") || ""};
    for (const key of MULTI) f[key] = p.getAll(key);
    return f;
  }

  function writeFilters() {
    const url = window.location.pathname + FB.query(state.filters);
    window.history.replaceState(null, "", url);
  }

  // The API's filter parameters: `dates` false for the timeline, which shows the whole span around a selection.
  function apiParams(dates, at) {
    const f = state.filters;
    const out = {type: f.type, status: f.status, claim_status: f.claim_status, actor: f.actor};
    if (dates) { out.date_from = f.date_from; out.date_to = f.date_to; }
    if (at && f.lat && f.lon) { out.lat = f.lat; out.lon = f.lon; }
    return out;
  }

  // -- the filter form ---------------------------------------------------------------------------------------
  function buildForm(facets) {
    const form = document.getElementById("filters");
    for (const box of form.querySelectorAll(".choices")) {
      clear(box);
      const param = box.dataset.param;
      for (const item of facets[box.dataset.facet] || []) {
        const input = el("input", {type: "checkbox", name: param, value: item.value,
          checked: state.filters[param].includes(item.value)});
        const swatch = param === "type" ? el("span", {class: "swatch", "data-type": item.value}) : null;
        box.appendChild(el("label", {}, input, swatch, `${item.value} (${item.events})`));
      }
    }
    FB.paintSwatches(form);
    const list = document.getElementById("actor-choices");
    clear(list);
    for (const a of facets.actors) list.appendChild(el("option", {value: a.value}, `${a.label || a.value} (${a.events})`));
    form.elements.date_from.value = state.filters.date_from;
    form.elements.date_to.value = state.filters.date_to;
    form.elements.actor.value = state.filters.actor[0] || "";
    form.elements.size.value = state.filters.size;
    if (facets.from) { form.elements.date_from.min = facets.from; form.elements.date_to.min = facets.from; }
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const data = new FormData(form);
      state.filters.date_from = data.get("date_from") || "";
      state.filters.date_to = data.get("date_to") || "";
      for (const key of ["type", "status", "claim_status"]) state.filters[key] = data.getAll(key);
      const actor = String(data.get("actor") || "").trim();
      state.filters.actor = actor ? [actor] : [];
      state.filters.size = data.get("size") || "events";
      refresh();
    });
    form.elements.size.addEventListener("change", () => { state.filters.size = form.elements.size.value; refresh(); });
    document.getElementById("reset").addEventListener("click", () => {
      state.filters = {date_from: "", date_to: "", size: "events", lat: "", lon: "", place: "", type: [], status: [],
        claim_status: [], actor: []};
      buildForm(state.facets);
      refresh();
    });
  }

  function legend() {
    const node = document.getElementById("legend");
    clear(node);
    for (const type of Object.keys(FB.TYPE_COLOURS)) {
      if (type === "Statements") continue;  // a series of the actor pages' timelines, never on the map
      node.appendChild(el("span", {}, el("span", {class: "swatch", "data-type": type}), type));
    }
    node.appendChild(el("span", {}, el("span", {class: "hollow filled"}), "town or village"));
    node.appendChild(el("span", {}, el("span", {class: "hollow"}), "area (district, valley): approximate"));
    node.appendChild(el("span", {}, el("span", {class: "hollow dashed"}), "province, region or country: centre only"));
    FB.paintSwatches(node);
  }

  // -- the map ---------------------------------------------------------------------------------------------------
  async function buildMap() {
    const map = L.map("map", {worldCopyJump: true, minZoom: 2, maxZoom: 12, zoomSnap: 0.5, preferCanvas: false});
    map.attributionControl.addAttribution("Outlines: Natural Earth (public domain)");
    map.setView([25, 40], 2);
    const outline = await (await fetch("/api/outline")).json();
    L.geoJSON(outline, {interactive: false, style: {color: "#9aa0aa", weight: 0.6, fillColor: "#f3f0e8", fillOpacity: 1}})
      .addTo(map);
    state.map = map;
    state.markers = L.featureGroup().addTo(map);
  }

  function radius(m) {
    const value = state.filters.size === "origins" ? m.origins : state.filters.size === "fatalities" ? m.fatalities : m.events;
    return Math.min(34, 5 + 3.2 * Math.sqrt(value || 0));
  }

  function popup(m) {
    const types = Object.entries(m.types).sort((a, b) => b[1] - a[1]);
    const here = el("button", {type: "button"}, "List the events here");
    here.addEventListener("click", () => {
      state.filters.lat = String(m.lat);
      state.filters.lon = String(m.lon);
      state.filters.place = m.place;
      state.offset = 0;
      writeFilters();
      loadEvents();
    });
    const key = "@" + m.lat + "," + m.lon;
    return el("div", {class: "popup"},
      el("strong", {}, m.place || "(unnamed place)"),
      el("div", {class: "note"}, (m.feature || "place") + (m.country ? ", " + m.country : "") + " — " + FB.GEO_PRECISION[m.geo_precision]),
      el("ul", {}, types.map(([t, n]) => el("li", {}, el("span", {class: "swatch", "data-type": t}), `${t}: ${n}`))),
      el("div", {}, `${FB.plural(m.events, "event")} · ${FB.plural(m.origins, "independent origin")}` +
        (m.fatalities ? ` · ${FB.plural(m.fatalities, "reported death")}` : "")),
      el("p", {}, here, " ", el("a", {href: "/places/" + encodeURIComponent(key)}, "Place page")),
    );
  }

  function drawMarkers(data) {
    state.markers.clearLayers();
    // the largest first, so that a small marker over a large one stays on top, where it can be clicked
    const ordered = [...data.markers].sort((a, b) => radius(b) - radius(a));
    for (const m of ordered) {
      const colour = FB.typeColour(m.type);
      const marker = L.circleMarker([m.lat, m.lon], {
        radius: radius(m), color: m.geo_precision === 1 ? "#1d2330" : colour, weight: m.geo_precision === 1 ? 1 : 2.5,
        fillColor: colour, fillOpacity: m.geo_precision === 1 ? 0.8 : 0.12,
        dashArray: m.geo_precision === 3 ? "5 4" : null, className: "event-marker",
      });
      const content = popup(m);
      FB.paintSwatches(content);
      marker.bindPopup(content);
      marker.bindTooltip(el("span", {}, `${m.place}: ${FB.plural(m.events, "event")}`));
      marker.addTo(state.markers);
      const path = marker.getElement();
      if (path) {
        path.setAttribute("data-place", m.place);
        path.setAttribute("data-lat", m.lat);
        path.setAttribute("data-lon", m.lon);
        path.setAttribute("data-events", m.events);
        path.setAttribute("data-type", m.type);
        path.setAttribute("data-precision", m.geo_precision);
        path.setAttribute("tabindex", "0");
        path.setAttribute("role", "button");
        path.setAttribute("aria-label", `${m.place}: ${FB.plural(m.events, "event")}, mostly ${m.type}`);
        path.addEventListener("keydown", (event) => { if (event.key === "Enter" || event.key === " ") marker.openPopup(); });
      }
    }
    if (!state.fitted && data.markers.length) {
      const precise = data.markers.filter((m) => m.geo_precision < 3);
      const shown = precise.length ? precise : data.markers;
      state.map.fitBounds(L.latLngBounds(shown.map((m) => [m.lat, m.lon])).pad(0.3), {maxZoom: 7});
      state.fitted = true;
    }
    const note = document.getElementById("map-note");
    note.textContent = `${FB.plural(data.located, "event")} at ${FB.plural(data.markers.length, "location")}` +
      (data.unlocated ? `; ${FB.plural(data.unlocated, "event")} without a place are in the list but not on the map` : "") + ".";
  }

  // -- the list and the timeline ---------------------------------------------------------------------------------
  async function loadEvents() {
    const list = document.getElementById("events");
    const scope = document.getElementById("events-scope");
    clear(scope);
    if (state.filters.lat && state.filters.lon) {
      const remove = el("button", {type: "button", "aria-label": "Show events everywhere"}, "×");
      remove.addEventListener("click", () => {
        state.filters.lat = state.filters.lon = state.filters.place = "";
        state.offset = 0;
        writeFilters();
        loadEvents();
      });
      scope.appendChild(el("span", {class: "chip"}, "at " + (state.filters.place || state.filters.lat + ", " + state.filters.lon), remove));
    }
    const ticket = (state.eventsTicket = (state.eventsTicket || 0) + 1);
    list.setAttribute("aria-busy", "true");
    try {
      const page = await api("events", {...apiParams(true, true), limit: LIST_PAGE, offset: state.offset});
      if (ticket !== state.eventsTicket) return;  // a later request is on its way: its answer wins
      list.removeAttribute("aria-busy");
      clear(list);
      for (const e of page.items) list.appendChild(FB.eventItem(e));
      if (!page.items.length) list.appendChild(el("li", {class: "note"}, "No events match these filters."));
      document.getElementById("events-count").textContent = `(${page.total})`;
      FB.pager(document.getElementById("events-pager"), page, (offset) => { state.offset = offset; loadEvents(); });
    } catch (error) {
      list.removeAttribute("aria-busy");
      FB.showError(list, error);
    }
  }

  async function loadTimeline() {
    const node = document.getElementById("timeline");
    const data = await api("timeline", apiParams(false, false));
    document.getElementById("timeline-unit").textContent = data.total ? `(events per ${data.unit})` : "";
    const clearButton = document.getElementById("clear-span");
    clearButton.hidden = !(state.filters.date_from || state.filters.date_to);
    FB.timeline.draw(node, data, {
      selection: [state.filters.date_from, state.filters.date_to],
      onSelect: (from, to) => {
        state.filters.date_from = from;
        state.filters.date_to = to;
        const form = document.getElementById("filters");
        form.elements.date_from.value = from;
        form.elements.date_to.value = to;
        refresh();
      },
    });
    document.getElementById("timeline-note").textContent =
      (data.undated ? `${FB.plural(data.undated, "event")} with no date at all (neither their own nor their report's) are not on the timeline. ` : "") +
      "Events with no date of their own stand at their report's publication date (\u201creported\u201d); " +
      "paler bars: dated only to a week, month or year.";
  }

  async function refresh() {
    writeFilters();
    state.offset = 0;
    const errors = document.getElementById("map-note");
    try {
      const [data] = await Promise.all([api("map", apiParams(true, false)), loadTimeline(), loadEvents()]);
      drawMarkers(data);
    } catch (error) {
      errors.textContent = "Could not load the map: " + error.message;
    }
    state.loads = (state.loads || 0) + 1;
    document.body.setAttribute("data-loads", String(state.loads));
  }

  document.addEventListener("DOMContentLoaded", async () => {
    legend();
    document.getElementById("clear-span").addEventListener("click", () => {
      state.filters.date_from = state.filters.date_to = "";
      const form = document.getElementById("filters");
      form.elements.date_from.value = form.elements.date_to.value = "";
      refresh();
    });
    try {
      state.facets = await api("facets");
      buildForm(state.facets);
      await buildMap();
    } catch (error) {
      document.getElementById("map-note").textContent = "Could not load: " + error.message;
      return;
    }
    await refresh();
  });
})();
