/* regiokaart: print buttons, checklists kept in this browser, the social map filters and search.
   Nothing typed or ticked here is sent anywhere: state lives in localStorage and in the URL only. */
(function () {
  "use strict";

  function onReady(fn) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fn);
    else fn();
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  /* ---------- print ---------- */
  function initPrint() {
    document.querySelectorAll("[data-rk-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
    /* Browsers without ::details-content: open the data tables for printing, close them after. */
    var opened = [];
    window.addEventListener("beforeprint", function () {
      document.querySelectorAll("details.rk-chart-data:not([open])").forEach(function (d) { d.open = true; opened.push(d); });
    });
    window.addEventListener("afterprint", function () {
      opened.forEach(function (d) { d.open = false; });
      opened = [];
    });
  }

  /* ---------- checklists (localStorage only) ---------- */
  function readStore(key) {
    try { return JSON.parse(window.localStorage.getItem(key) || "{}") || {}; } catch (e) { return {}; }
  }
  function writeStore(key, value) {
    try { window.localStorage.setItem(key, JSON.stringify(value)); return true; } catch (e) { return false; }
  }
  function announce(key, message) {
    document.querySelectorAll('[data-rk-status="' + key + '"]').forEach(function (node) { node.textContent = message; });
  }

  function initChecklists() {
    document.querySelectorAll("[data-rk-storage]").forEach(function (list) {
      var key = list.getAttribute("data-rk-storage");
      var state = readStore(key);
      list.querySelectorAll('input[type="checkbox"]').forEach(function (box) {
        box.checked = Boolean(state[box.id]);
        box.addEventListener("change", function () {
          var current = readStore(key);
          if (box.checked) current[box.id] = true; else delete current[box.id];
          announce(key, writeStore(key, current) ? "Opgeslagen in deze browser." : "Opslaan is niet gelukt in deze browser.");
        });
      });
    });
    document.querySelectorAll("[data-rk-clear]").forEach(function (button) {
      button.addEventListener("click", function () {
        var key = button.getAttribute("data-rk-clear");
        try { window.localStorage.removeItem(key); } catch (e) { /* storage unavailable */ }
        document.querySelectorAll('[data-rk-storage="' + key + '"] input[type="checkbox"]').forEach(function (box) { box.checked = false; });
        announce(key, "Uw vinkjes zijn gewist.");
      });
    });
  }

  /* ---------- social map ---------- */
  function initSocialMap() {
    var root = document.querySelector("[data-rk-socialmap]");
    if (!root) return;
    var form = document.getElementById("rk-filters");
    var status = document.getElementById("rk-status");
    var cards = document.getElementById("rk-cards");
    var suitableList = document.getElementById("rk-cards-suitable");
    var unsuitableList = document.getElementById("rk-cards-unsuitable");
    var unsuitableTitle = document.getElementById("rk-unsuitable-title");
    var contra = document.getElementById("rk-contra");
    var table = document.getElementById("rk-table");
    var facets = Array.prototype.map.call(form.querySelectorAll("fieldset[data-rk-facet]"), function (fs) {
      return fs.getAttribute("data-rk-facet");
    }).filter(function (key) { return key !== "profiel"; });

    fetch(root.getAttribute("data-rk-socialmap"))
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (data) { start(data.aanbod); })
      .catch(function () {
        status.textContent = "De filters konden niet worden geladen; hieronder staat het volledige aanbod als tabel.";
      });

    function readState() {
      var params = new URLSearchParams(window.location.search);
      var state = { q: params.get("q") || "", profiel: params.get("profiel") || "", filters: {} };
      facets.forEach(function (key) { state.filters[key] = params.getAll(key); });
      return state;
    }

    function writeForm(state) {
      form.elements.q.value = state.q;
      form.querySelectorAll('input[name="profiel"]').forEach(function (radio) { radio.checked = radio.value === state.profiel; });
      facets.forEach(function (key) {
        form.querySelectorAll('input[name="' + key + '"]').forEach(function (box) {
          box.checked = state.filters[key].indexOf(box.value) !== -1;
        });
      });
    }

    function formState() {
      var state = { q: form.elements.q.value.trim(), profiel: "", filters: {} };
      var checkedProfile = form.querySelector('input[name="profiel"]:checked');
      state.profiel = checkedProfile ? checkedProfile.value : "";
      facets.forEach(function (key) {
        state.filters[key] = Array.prototype.map.call(form.querySelectorAll('input[name="' + key + '"]:checked'), function (box) { return box.value; });
      });
      return state;
    }

    function writeUrl(state) {
      var params = new URLSearchParams();
      if (state.q) params.set("q", state.q);
      if (state.profiel) params.set("profiel", state.profiel);
      facets.forEach(function (key) { state.filters[key].forEach(function (value) { params.append(key, value); }); });
      var query = params.toString();
      window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
    }

    function matchesFacet(offer, key, selected) {
      if (!selected.length) return true;
      var values = offer.filters[key] || [];
      return selected.some(function (value) { return values.indexOf(value) !== -1; });
    }

    function matchesText(offer, q) {
      if (!q) return true;
      return q.toLowerCase().split(/\s+/).every(function (word) { return offer.zoektekst.indexOf(word) !== -1; });
    }

    function matches(offer, state, except) {
      if (!matchesText(offer, state.q)) return false;
      return facets.every(function (key) { return key === except || matchesFacet(offer, key, state.filters[key]); });
    }

    function card(offer, state, unsuitable) {
      var item = el("li", { "class": "rk-card" + (unsuitable ? " rk-card-unsuitable" : "") });
      var heading = el("h3");
      heading.appendChild(el("a", { href: offer.url }, offer.naam));
      item.appendChild(heading);
      if (unsuitable) {
        var warning = el("p", { "class": "rk-card-warning" });
        warning.appendChild(el("strong", {}, "Niet geschikt bij dit gezinsprofiel."));
        if (offer.contra_reden) warning.appendChild(document.createTextNode(" " + offer.contra_reden));
        item.appendChild(warning);
      } else if (state.profiel && offer.past.indexOf(state.profiel) !== -1) {
        item.appendChild(el("p", { "class": "rk-card-suits" }, "Past bij dit gezinsprofiel volgens de bron."));
      }
      item.appendChild(el("p", {}, offer.samenvatting));
      var meta = [];
      if (offer.aanbieders.length) meta.push(offer.aanbieders.join(", "));
      meta.push(offer.werkgebied);
      meta.push("Effectiviteit: " + offer.effectiviteit_label);
      item.appendChild(el("p", { "class": "rk-meta" }, meta.join(" · ")));
      return item;
    }

    function render(state, offers) {
      var visible = offers.filter(function (offer) { return matches(offer, state, null); });
      var unsuitable = state.profiel ? visible.filter(function (o) { return o.contra.indexOf(state.profiel) !== -1; }) : [];
      var suitable = visible.filter(function (o) { return unsuitable.indexOf(o) === -1; });
      if (state.profiel) {
        suitable.sort(function (a, b) {
          return (b.past.indexOf(state.profiel) !== -1) - (a.past.indexOf(state.profiel) !== -1);
        });
      }
      suitableList.replaceChildren.apply(suitableList, suitable.map(function (o) { return card(o, state, false); }));
      unsuitableList.replaceChildren.apply(unsuitableList, unsuitable.map(function (o) { return card(o, state, true); }));
      unsuitableList.hidden = unsuitableTitle.hidden = unsuitable.length === 0;
      contra.hidden = !state.profiel;
      contra.querySelectorAll("[data-rk-contra]").forEach(function (block) {
        block.hidden = block.getAttribute("data-rk-contra") !== state.profiel;
      });
      var message = suitable.length + " van " + offers.length + " aanbod" + (state.profiel ? " passend of niet uitgesloten" : "") + ".";
      if (unsuitable.length) message += " " + unsuitable.length + " niet geschikt bij het gekozen gezinsprofiel.";
      status.textContent = message;
      updateCounts(state, offers);
    }

    function updateCounts(state, offers) {
      facets.forEach(function (key) {
        var base = offers.filter(function (offer) { return matches(offer, state, key); });
        form.querySelectorAll('input[name="' + key + '"]').forEach(function (box) {
          var count = base.filter(function (offer) { return (offer.filters[key] || []).indexOf(box.value) !== -1; }).length;
          var target = form.querySelector('[data-rk-count="' + key + ":" + box.value + '"]');
          if (target) target.textContent = "(" + count + ")";
        });
      });
      var visible = offers.filter(function (offer) { return matches(offer, state, null); });
      form.querySelectorAll('input[name="profiel"]').forEach(function (radio) {
        if (!radio.value) return;
        var target = form.querySelector('[data-rk-count="profiel:' + radio.value + '"]');
        var excluded = visible.filter(function (o) { return o.contra.indexOf(radio.value) !== -1; }).length;
        if (target) target.textContent = excluded ? "(" + excluded + " niet geschikt)" : "";
      });
    }

    function start(offers) {
      form.hidden = false;
      cards.hidden = false;
      table.hidden = true;
      var state = readState();
      writeForm(state);
      render(state, offers);
      function update() {
        var next = formState();
        writeUrl(next);
        render(next, offers);
      }
      form.addEventListener("change", update);
      form.addEventListener("input", function (event) { if (event.target.name === "q") update(); });
      form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
      document.getElementById("rk-reset").addEventListener("click", function () {
        writeForm({ q: "", profiel: "", filters: facets.reduce(function (acc, key) { acc[key] = []; return acc; }, {}) });
        update();
        form.elements.q.focus();
      });
    }
  }

  /* ---------- search (Pagefind, self-hosted) ---------- */
  function initSearch() {
    var form = document.getElementById("rk-search-form");
    if (!form) return;
    var input = document.getElementById("rk-search-q");
    var status = document.getElementById("rk-search-status");
    var list = document.getElementById("rk-search-results");
    var pagefind = null;

    function load() {
      if (!pagefind) {
        var siteRoot = new URL("../", window.location.href);
        pagefind = import(new URL("pagefind/pagefind.js", siteRoot).href).then(function (module) {
          /* Result links relative to this site, so the portal also works in a sub-folder of an intranet. */
          return Promise.resolve(module.options({ baseUrl: siteRoot.pathname })).then(function () { return module; });
        });
      }
      return pagefind;
    }

    function run(query) {
      list.replaceChildren();
      if (!query) { status.textContent = ""; return; }
      status.textContent = "Zoeken…";
      load().then(function (module) {
        return module.search(query);
      }).then(function (search) {
        return Promise.all(search.results.slice(0, 20).map(function (r) { return r.data(); })).then(function (items) {
          status.textContent = search.results.length + " resultaten voor “" + query + "”.";
          items.forEach(function (item) {
            var li = el("li");
            var link = el("a", { href: item.url }, (item.meta && item.meta.title) || item.url);
            var heading = el("h2");
            heading.appendChild(link);
            li.appendChild(heading);
            var excerpt = el("p");
            /* Pagefind's excerpt is escaped page text with <mark> around the hits. */
            excerpt.innerHTML = item.excerpt;
            li.appendChild(excerpt);
            list.appendChild(li);
          });
        });
      }).catch(function () {
        status.textContent = "Zoeken is niet gelukt. Probeer het opnieuw of gebruik de navigatie.";
      });
    }

    var params = new URLSearchParams(window.location.search);
    input.value = params.get("q") || "";
    run(input.value.trim());
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var query = input.value.trim();
      window.history.replaceState(null, "", window.location.pathname + (query ? "?q=" + encodeURIComponent(query) : ""));
      run(query);
    });
  }


  /* ---------- self-scan (answers stay in this browser) ---------- */
  function initSelfScan() {
    var root = document.querySelector("[data-rk-scan]");
    if (!root) return;
    var config = JSON.parse(root.getAttribute("data-rk-scan"));
    var storageKey = "regiokaart:zelfscan:" + config.region;
    var backupKey = storageKey + ":vorige";
    var form = document.getElementById("rk-scan-form");
    var steps = Array.prototype.slice.call(form.querySelectorAll("[data-rk-step]"));
    var status = document.getElementById("rk-scan-status");
    var alertBox = document.getElementById("rk-scan-alert");
    var prev = document.getElementById("rk-prev");
    var next = document.getElementById("rk-next");
    var questionIds = Object.keys(config.questions);
    var current = 0;
    var comparisons = [];
    var saveTimer = null;

    root.querySelector(".rk-scan-steps").hidden = false;
    root.querySelector(".rk-progress").hidden = false;
    root.querySelector(".rk-step-nav").hidden = false;

    function emptyState() { return { municipality: "", date: "", answers: {}, notes: {}, step: 0 }; }

    function loadState() {
      try {
        var stored = JSON.parse(window.localStorage.getItem(storageKey) || "null");
        return stored && typeof stored === "object" ? Object.assign(emptyState(), stored) : emptyState();
      } catch (e) { return emptyState(); }
    }

    function collect() {
      var state = emptyState();
      state.municipality = form.elements.municipality.value;
      state.date = form.elements.date.value;
      state.step = current;
      questionIds.forEach(function (id) {
        var checked = form.querySelector('input[name="antwoord-' + id + '"]:checked');
        if (checked) state.answers[id] = checked.value === "nvt" ? "nvt" : Number(checked.value);
        var note = form.elements["notitie-" + id];
        if (note && note.value.trim()) state.notes[id] = note.value;
      });
      return state;
    }

    function apply(state) {
      form.elements.municipality.value = state.municipality || "";
      form.elements.date.value = state.date || "";
      questionIds.forEach(function (id) {
        form.querySelectorAll('input[name="antwoord-' + id + '"]').forEach(function (radio) {
          radio.checked = String(state.answers[id]) === radio.value;
        });
        var note = form.elements["notitie-" + id];
        if (note) note.value = state.notes[id] || "";
      });
    }

    function save(announceSaved) {
      var ok = true;
      try { window.localStorage.setItem(storageKey, JSON.stringify(collect())); } catch (e) { ok = false; }
      if (announceSaved) status.textContent = ok ? "Opgeslagen in deze browser." : "Opslaan in deze browser is niet gelukt.";
      updateProgress();
    }

    function scheduleSave() {
      window.clearTimeout(saveTimer);
      saveTimer = window.setTimeout(function () { save(true); }, 400);
    }

    function updateProgress() {
      var answered = Object.keys(collect().answers).length;
      document.getElementById("rk-progress").value = answered;
      document.getElementById("rk-progress-text").textContent = answered + " van " + questionIds.length + " vragen beantwoord";
    }

    function showError(message, field) {
      alertBox.textContent = message;
      if (field) {
        field.setAttribute("aria-invalid", "true");
        var hint = document.getElementById(field.getAttribute("aria-describedby"));
        if (hint) hint.hidden = false;
        field.focus();
      }
    }

    function clearError() {
      alertBox.textContent = "";
      var field = form.elements.municipality;
      field.removeAttribute("aria-invalid");
      document.getElementById("rk-municipality-error").hidden = true;
    }

    function show(index, moveFocus) {
      if (index > 0 && !form.elements.municipality.value) {
        show(0, false);
        showError("Kies eerst de gemeente waarvoor u de scan invult.", form.elements.municipality);
        return;
      }
      clearError();
      current = Math.max(0, Math.min(index, steps.length - 1));
      steps.forEach(function (step, i) { step.hidden = i !== current; });
      root.querySelectorAll("[data-rk-goto]").forEach(function (button) {
        if (Number(button.getAttribute("data-rk-goto")) === current) button.setAttribute("aria-current", "step");
        else button.removeAttribute("aria-current");
      });
      prev.hidden = current === 0;
      next.hidden = current === steps.length - 1;
      if (current === steps.length - 1) renderResults();
      if (moveFocus) steps[current].querySelector("h2").focus();
      save(false);
    }

    /* scores: the same rule as generator/selfscan_scores.py */
    function scores(answers) {
      var result = [];
      for (var n = 1; n <= 10; n++) result.push({ standard: n, sum: 0, answered: 0, total: 0 });
      questionIds.forEach(function (id) {
        var answer = answers[id];
        config.questions[id].standards.forEach(function (n) {
          var row = result[n - 1];
          row.total += 1;
          if (answer === 1 || answer === 2 || answer === 3 || answer === 4) { row.sum += answer; row.answered += 1; }
        });
      });
      result.forEach(function (row) { row.mean = row.answered ? Math.round((row.sum / row.answered) * 100) / 100 : null; });
      return result;
    }

    function formatScore(mean) { return mean === null ? "–" : mean.toFixed(1).replace(".", ","); }

    function svgChart(rows) {
      var ns = "http://www.w3.org/2000/svg";
      var width = 640, rowHeight = 30, left = 190;
      var svg = document.createElementNS(ns, "svg");
      svg.setAttribute("viewBox", "0 0 " + width + " " + (rows.length * rowHeight + 10));
      svg.setAttribute("role", "img");
      svg.setAttribute("class", "rk-chart");
      svg.setAttribute("aria-label", "Gemiddelde score per kwaliteitsstandaard: " + rows.map(function (r) {
        return "standaard " + r.standard + " " + (r.mean === null ? "geen antwoord" : formatScore(r.mean));
      }).join("; "));
      rows.forEach(function (row, i) {
        var y = 5 + i * rowHeight;
        var label = document.createElementNS(ns, "text");
        label.setAttribute("x", left - 8); label.setAttribute("y", y + 19); label.setAttribute("text-anchor", "end");
        label.setAttribute("class", "rk-chart-text"); label.setAttribute("font-size", "14");
        label.textContent = "Kwaliteitsstandaard " + row.standard;
        svg.appendChild(label);
        var length = row.mean === null ? 0 : (width - left - 60) * row.mean / 4;
        var bar = document.createElementNS(ns, "rect");
        bar.setAttribute("x", left); bar.setAttribute("y", y + 5); bar.setAttribute("height", 20);
        bar.setAttribute("width", length.toFixed(1)); bar.setAttribute("class", "rk-bar");
        svg.appendChild(bar);
        var value = document.createElementNS(ns, "text");
        value.setAttribute("x", left + length + 6); value.setAttribute("y", y + 19);
        value.setAttribute("class", "rk-chart-text"); value.setAttribute("font-size", "14");
        value.textContent = formatScore(row.mean);
        svg.appendChild(value);
      });
      return svg;
    }

    function renderResults() {
      var state = collect();
      var rows = scores(state.answers);
      document.getElementById("rk-report-meta").textContent =
        "Gemeente " + (state.municipality || "onbekend") + (state.date ? ", scan van " + state.date : "") + ".";
      document.getElementById("rk-score-chart").replaceChildren(svgChart(rows));
      var body = document.querySelector("#rk-score-table tbody");
      body.replaceChildren.apply(body, rows.map(function (row) {
        var tr = el("tr");
        tr.appendChild(el("th", { scope: "row" }, "Kwaliteitsstandaard " + row.standard));
        tr.appendChild(el("td", {}, formatScore(row.mean)));
        tr.appendChild(el("td", {}, row.answered + " van " + row.total));
        return tr;
      }));
      var weak = 0;
      root.querySelectorAll("[data-rk-advice]").forEach(function (item) {
        var answer = state.answers[item.getAttribute("data-rk-advice")];
        var isWeak = answer === 1 || answer === 2;
        item.hidden = !isWeak;
        if (isWeak) { weak += 1; item.querySelector("[data-rk-answer-label]").textContent = answer + ". " + config.scale[String(answer)]; }
      });
      document.getElementById("rk-no-advice").hidden = weak > 0;
      var answersBody = document.querySelector("#rk-answers-table tbody");
      answersBody.replaceChildren.apply(answersBody, questionIds.map(function (id) {
        var answerValue = state.answers[id];
        var tr = el("tr");
        tr.appendChild(el("th", { scope: "row" }, config.questions[id].text));
        tr.appendChild(el("td", {}, answerValue === undefined ? "Niet beantwoord" : (answerValue === "nvt" ? "" : answerValue + ". ") + config.scale[String(answerValue)]));
        tr.appendChild(el("td", {}, state.notes[id] || ""));
        return tr;
      }));
      renderComparison(rows);
    }

    /* export */
    function exportObject() {
      var state = collect();
      return {
        format: config.format, format_version: config.format_version, data_version: config.data_version,
        region: config.region, municipality: state.municipality,
        date: state.date || new Date().toISOString().slice(0, 10),
        answers: state.answers, notes: state.notes
      };
    }

    function download(name, type, text) {
      var url = URL.createObjectURL(new Blob([text], { type: type }));
      var a = el("a", { href: url, download: name });
      document.body.appendChild(a);
      a.click();
      a.remove();
      window.setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    }

    function fileBase(data) {
      return "zelfscan-" + (data.municipality || "gemeente").toLowerCase().replace(/[^a-z0-9]+/g, "-") + "-" + data.date;
    }

    function csvCell(value) { return '"' + String(value === undefined || value === null ? "" : value).replace(/"/g, '""') + '"'; }

    function exportCsv() {
      var data = exportObject();
      var lines = [["gemeente", "datum", "kwaliteitsstandaarden", "vraag_id", "vraag", "antwoord", "antwoord_tekst", "notitie"].map(csvCell).join(";")];
      questionIds.forEach(function (id) {
        var answer = data.answers[id];
        lines.push([data.municipality, data.date, config.questions[id].standards.join(" "), id, config.questions[id].text,
          answer === undefined ? "" : answer, answer === undefined ? "" : config.scale[String(answer)], data.notes[id] || ""].map(csvCell).join(";"));
      });
      download(fileBase(data) + ".csv", "text/csv;charset=utf-8", "\ufeff" + lines.join("\r\n") + "\r\n");
      status.textContent = "CSV-bestand gemaakt.";
    }

    /* import: read and check a JSON export; never touches the current answers */
    function parseExport(file) {
      return file.text().then(function (text) {
        var data;
        try { data = JSON.parse(text); } catch (e) { throw new Error(file.name + ": dit is geen geldig JSON-bestand."); }
        if (!data || data.format !== config.format) throw new Error(file.name + ": dit is geen export van de zelfscan.");
        if (data.format_version !== config.format_version) {
          throw new Error(file.name + ": formaatversie " + data.format_version + " wordt niet ondersteund; deze zelfscan leest versie " + config.format_version + ".");
        }
        if (!data.answers || typeof data.answers !== "object" || typeof data.municipality !== "string") {
          throw new Error(file.name + ": de antwoorden ontbreken of zijn onleesbaar.");
        }
        var answers = {};
        Object.keys(data.answers).forEach(function (id) {
          var value = data.answers[id];
          if (config.questions[id] && (value === "nvt" || value === 1 || value === 2 || value === 3 || value === 4)) answers[id] = value;
        });
        var notes = {};
        Object.keys(data.notes || {}).forEach(function (id) { if (config.questions[id] && typeof data.notes[id] === "string") notes[id] = data.notes[id]; });
        return { name: file.name, municipality: data.municipality, date: String(data.date || ""), answers: answers, notes: notes,
                 otherQuestions: data.data_version !== config.data_version };
      });
    }

    function renderComparison(rows) {
      var box = document.getElementById("rk-compare");
      box.hidden = comparisons.length === 0;
      if (!comparisons.length) return;
      var head = document.querySelector("#rk-compare-table thead");
      var tr = el("tr");
      tr.appendChild(el("th", { scope: "col" }, "Kwaliteitsstandaard"));
      comparisons.forEach(function (c) { tr.appendChild(el("th", { scope: "col" }, c.municipality + " " + c.date)); });
      tr.appendChild(el("th", { scope: "col" }, "Huidige scan"));
      tr.appendChild(el("th", { scope: "col" }, "Verschil met " + comparisons[comparisons.length - 1].date));
      head.replaceChildren(tr);
      var earlier = comparisons.map(function (c) { return scores(c.answers); });
      var body = document.querySelector("#rk-compare-table tbody");
      body.replaceChildren.apply(body, rows.map(function (row, i) {
        var line = el("tr");
        line.appendChild(el("th", { scope: "row" }, "Kwaliteitsstandaard " + row.standard));
        earlier.forEach(function (s) { line.appendChild(el("td", {}, formatScore(s[i].mean))); });
        line.appendChild(el("td", {}, formatScore(row.mean)));
        var last = earlier[earlier.length - 1][i].mean;
        var diff = row.mean === null || last === null ? "–" : (row.mean - last > 0 ? "+" : "") + formatScore(Math.round((row.mean - last) * 100) / 100);
        line.appendChild(el("td", { "data-rk-diff": String(row.standard) }, diff));
        return line;
      }));
    }

    function importForCompare(files) {
      Promise.all(Array.prototype.map.call(files, function (file) {
        return parseExport(file).then(function (data) { return { ok: data }; }, function (error) { return { error: error.message }; });
      })).then(function (results) {
        var errors = results.filter(function (r) { return r.error; }).map(function (r) { return r.error; });
        var loaded = results.filter(function (r) { return r.ok; }).map(function (r) { return r.ok; });
        comparisons = comparisons.concat(loaded).sort(function (a, b) { return a.date < b.date ? -1 : 1; });
        renderResults();
        if (errors.length) alertBox.textContent = errors.join(" ") + " Uw eigen antwoorden zijn niet veranderd.";
        else alertBox.textContent = "";
        if (loaded.length) {
          var warn = loaded.some(function (c) { return c.otherQuestions; }) ? " Let op: een bestand is gemaakt met een andere versie van de vragen; alleen vragen die nog bestaan tellen mee." : "";
          status.textContent = loaded.length + " eerdere scan(s) geladen voor de vergelijking." + warn;
        }
      });
    }

    function restore(file) {
      parseExport(file).then(function (data) {
        try { window.localStorage.setItem(backupKey, JSON.stringify(collect())); } catch (e) { /* no backup possible */ }
        apply({ municipality: data.municipality, date: data.date, answers: data.answers, notes: data.notes });
        save(false);
        document.getElementById("rk-undo-restore").hidden = false;
        alertBox.textContent = "";
        status.textContent = "De scan uit " + data.name + " staat nu als huidige scan. Uw vorige antwoorden zijn bewaard; u kunt ze terugzetten.";
        renderResults();
      }, function (error) {
        alertBox.textContent = error.message + " Uw eigen antwoorden zijn niet veranderd.";
      });
    }

    /* wire up */
    var state = loadState();
    apply(state);
    show(state.municipality ? state.step || 0 : 0, false);
    updateProgress();
    form.addEventListener("change", function (event) {
      if (event.target.type === "file") return;
      if (event.target.name === "municipality" && event.target.value) clearError();
      scheduleSave();
    });
    form.addEventListener("input", function (event) { if (event.target.tagName === "TEXTAREA") scheduleSave(); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    prev.addEventListener("click", function () { show(current - 1, true); });
    next.addEventListener("click", function () { show(current + 1, true); });
    root.querySelectorAll("[data-rk-goto]").forEach(function (button) {
      button.addEventListener("click", function () { show(Number(button.getAttribute("data-rk-goto")), true); });
    });
    document.getElementById("rk-export-json").addEventListener("click", function () {
      var data = exportObject();
      download(fileBase(data) + ".json", "application/json", JSON.stringify(data, null, 2) + "\n");
      status.textContent = "JSON-bestand gemaakt.";
    });
    document.getElementById("rk-export-csv").addEventListener("click", exportCsv);
    document.getElementById("rk-import-compare").addEventListener("change", function (event) {
      if (event.target.files.length) importForCompare(event.target.files);
      event.target.value = "";
    });
    document.getElementById("rk-import-restore").addEventListener("change", function (event) {
      if (event.target.files.length) restore(event.target.files[0]);
      event.target.value = "";
    });
    document.getElementById("rk-undo-restore").addEventListener("click", function () {
      var backup = null;
      try { backup = JSON.parse(window.localStorage.getItem(backupKey) || "null"); } catch (e) { backup = null; }
      if (backup) { apply(Object.assign(emptyState(), backup)); save(false); renderResults(); }
      document.getElementById("rk-undo-restore").hidden = true;
      status.textContent = "Uw vorige antwoorden staan weer terug.";
    });
    var clearButton = document.getElementById("rk-clear");
    var confirmButton = document.getElementById("rk-clear-confirm");
    clearButton.addEventListener("click", function () {
      confirmButton.hidden = false;
      confirmButton.focus();
      status.textContent = "Weet u het zeker? Kies 'Ja, wis alle antwoorden en notities' om te wissen.";
    });
    confirmButton.addEventListener("click", function () {
      try { window.localStorage.removeItem(storageKey); } catch (e) { /* nothing stored */ }
      apply(emptyState());
      comparisons = [];
      confirmButton.hidden = true;
      updateProgress();
      show(0, true);
      status.textContent = "Uw antwoorden en notities zijn gewist.";
    });
  }

  onReady(function () {
    initSelfScan();
    initPrint();
    initChecklists();
    initSocialMap();
    initSearch();
  });
})();
