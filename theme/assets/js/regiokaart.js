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

  onReady(function () {
    initPrint();
    initChecklists();
    initSocialMap();
    initSearch();
  });
})();
