// fieldbrief: add articles from the browser (paste, or upload files) and follow their analysis.
"use strict";

(() => {
  const {el, api, clear} = FB;
  const POLL_MS = 800;
  let polling = null;

  function say(text, isError) {
    const node = document.getElementById("add-message");
    node.textContent = text;
    node.classList.toggle("error", Boolean(isError));
  }

  function limit() { return Number(document.getElementById("limit").dataset.bytes); }

  function progress(job) {
    if (job.state === "queued") return el("span", {}, "waiting for the jobs before it");
    if (job.state === "analysing") {
      return el("span", {}, el("progress", {max: job.total || 1, value: job.analysed}), ` analysed ${job.analysed} of ${job.total}`);
    }
    if (job.state === "linking") {
      const l = job.linking || {};
      return el("span", {}, el("progress", {max: l.total || 1, value: l.done || 0}), " linking claims around the new articles");
    }
    if (job.state === "failed") return el("span", {class: "message error"}, "failed: " + job.error);
    const l = job.linking || {};
    const added = Object.entries(l.claims_added || {}).map(([s, n]) => `${n} ${s}`).join(", ");
    return el("span", {}, `${job.added} added, ${job.updated} updated, ${job.unchanged} unchanged, ${job.rejected.length} rejected` +
      (l.full ? " · all claims recomputed" : l.changed ? ` · claims recomputed around ${FB.plural(l.changed, "article")} ` +
        `and ${FB.plural(l.neighbours || 0, "neighbour")}: ${l.claims_removed || 0} replaced by ${added || "none"}` : ""));
  }

  function jobItem(job) {
    return el("li", {"data-job": job.id, "data-state": job.state},
      el("div", {class: "ev-head"}, el("span", {class: "tag"}, job.state), el("span", {}, job.label), el("span", {}, job.created)),
      el("div", {}, progress(job)),
      job.articles.length ? el("ul", {}, job.articles.map((a) => el("li", {},
        el("a", {href: FB.articleHref(a.id), "data-new-article": a.id}, a.title || a.id),
        ` · ${a.result} · ${FB.plural(a.events, "event")}, ${FB.plural(a.statements, "statement")}`))) : null,
      job.rejected.length ? el("ul", {}, job.rejected.map((r) => el("li", {class: "note"}, `rejected ${r.source}: [${r.code}] ${r.reason}`))) : null,
    );
  }

  async function refreshJobs() {
    const list = document.getElementById("jobs");
    try {
      const jobs = await api("jobs");
      clear(list);
      for (const job of jobs) list.appendChild(jobItem(job));
      if (!jobs.length) list.appendChild(el("li", {class: "note"}, "No jobs yet."));
      const running = jobs.some((j) => j.state === "queued" || j.state === "analysing" || j.state === "linking");
      if (running && polling === null) polling = window.setInterval(refreshJobs, POLL_MS);
      if (!running && polling !== null) { window.clearInterval(polling); polling = null; FB.loadSummary(); }
    } catch (error) {
      FB.showError(list, error);
    }
  }

  async function submitPaste(event) {
    event.preventDefault();
    const form = event.target;
    const data = new FormData(form);
    const body = {content: String(data.get("content") || ""), format: data.get("format") || "text"};
    for (const key of ["title", "outlet", "published"]) if (data.get(key)) body[key] = data.get(key);
    const size = new Blob([JSON.stringify(body)]).size;
    if (size > limit()) { say(`That is ${size.toLocaleString()} bytes, over the ${limit().toLocaleString()}-byte limit: split it.`, true); return; }
    try {
      const job = await api("jobs", null, {method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(body)});
      say(`Analysing (job ${job.id})…`);
      form.reset();
      refreshJobs();
    } catch (error) {
      say("Not added: " + error.message, true);
    }
  }

  async function submitUpload(event) {
    event.preventDefault();
    const form = event.target;
    const files = [...form.elements.files.files];
    if (!files.length) { say("Choose one or more files first.", true); return; }
    const published = form.elements.published.value;
    const outlet = form.elements.outlet.value.trim();
    const messages = [];
    for (const file of files) {
      if (file.size > limit()) {
        messages.push(`${file.name}: ${file.size.toLocaleString()} bytes is over the ${limit().toLocaleString()}-byte limit, not sent`);
        continue;
      }
      try {
        const job = await api("jobs/upload", {filename: file.name, published: published, outlet: outlet},
          {method: "POST", headers: {"Content-Type": "application/octet-stream"}, body: file});
        messages.push(`${file.name}: analysing (job ${job.id}, ${FB.plural(job.total, "document")})`);
      } catch (error) {
        messages.push(`${file.name}: not added: ${error.message}`);
      }
    }
    say(messages.join(" · "), messages.some((m) => m.includes("not ")));
    form.reset();
    refreshJobs();
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.getElementById("paste").addEventListener("submit", submitPaste);
    document.getElementById("upload").addEventListener("submit", submitUpload);
    refreshJobs();
  });
})();
