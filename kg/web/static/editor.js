// The query editor: YASGUI on this server's /sparql (POST), the saved queries of /queries as a list
// that opens each one in its own tab and runs it, and result links to our own IRIs pointed at this
// server's pages. Without JavaScript (or without YASGUI) the plain form of editor.html still works.
(function () {
  "use strict";
  var root = document.getElementById("yasgui");
  var aside = document.getElementById("saved-queries");
  if (!root) return;
  if (!window.Yasgui) {
    document.documentElement.classList.remove("js");
    say("The interactive editor could not be loaded: the plain form still runs queries.");
    return;
  }
  var base = root.dataset.baseIri || "";
  var topicNs = root.dataset.topicNs || "";
  var endpoint = new URL(root.dataset.endpoint, location.href).href;
  var plain = document.getElementById("plain-query");

  // Only our own completions: the defaults ask prefix.cc and LOV over the network.
  Yasgui.Yasqe.defaults.autocompleters = ["prefixes", "variables"];
  Yasgui.Yasqe.defaults.prefixCcApi = new URL(root.dataset.prefixes, location.href).href;
  patchTableLinks();
  patchTableLiterals();
  labelLinks();

  var yasgui = new Yasgui(root, {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; }, keys: [] },
    yasqe: plain ? { value: plain.value } : {},
    persistenceId: "dipkg-editor",
  });
  window.dipkgEditor = yasgui;   // handy from the console

  fetch(root.dataset.catalogue, { headers: { Accept: "application/json" } })
    .then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
    .then(listSaved)
    .catch(function () { say("Saved queries could not be loaded here; they are in the catalogue."); });

  function listSaved(data) {
    var entries = (Array.isArray(data) ? data : data.queries || []).filter(function (q) { return q && q.name; });
    var ul = aside.querySelector("ul");
    entries.forEach(function (q) {
      var li = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = q.title || q.name;      // text, never markup
      button.dataset.name = q.name;
      button.addEventListener("click", function () { open(q); });
      li.appendChild(button);
      if (q.description) {
        var p = document.createElement("p");
        p.textContent = q.description;
        li.appendChild(p);
      }
      ul.appendChild(li);
    });
    say(entries.length + " saved queries: select one to open and run it in a new tab.");
  }

  // One tab per saved query: opening it again brings that tab back with the saved text.
  function open(q) {
    textOf(q).then(function (text) {
      var id = "saved-" + q.name.replace(/[^A-Za-z0-9_-]/g, "_");
      var tab = yasgui.getTab(id);
      if (tab) {
        yasgui.selectTabId(id);
        tab.setQuery(text);
      } else {
        tab = yasgui.addTab(true, { id: id, name: q.title || q.name, yasqe: { value: text } });
      }
      tab.query();
    }, function () { say("The text of “" + (q.title || q.name) + "” could not be loaded."); });
  }

  // The text of a saved query, ready to run here: /sparql knows no parameters, so each parameter
  // that has a default gets it through a VALUES line the user can edit (same typing as /queries).
  function textOf(q) {
    var text = q.sparql || q.query || q.text;
    var loaded = text ? Promise.resolve(text) : fetch("/queries/" + encodeURIComponent(q.name) + "?format=sparql")
      .then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.text(); });
    return loaded.then(function (t) {
      var params = parameters(q.parameters || q.params).filter(function (p) { return p.default != null && p.default !== ""; });
      var header = "# Saved query \"" + q.name + "\": also runs at /queries/" + q.name +
        (params.length ? " with its parameters in the URL.\n" : ".\n");
      var at = params.length ? groupStart(t) : -1;
      if (at < 0) return header + t;
      var values = params.map(function (p) {
        return "\n  VALUES ?" + p.name + " { " + term(p, String(p.default)) + " }  # parameter: change it here";
      }).join("");
      return header + t.slice(0, at + 1) + values + t.slice(at + 1);
    });
  }

  function parameters(params) {
    if (!params) return [];
    if (Array.isArray(params)) return params.filter(function (p) { return p && p.name; });
    return Object.keys(params).map(function (name) { return Object.assign({ name: name }, params[name]); });
  }

  function term(p, v) {
    var absolute = /^[a-z][a-z0-9+.-]*:/i.test(v);
    switch (p.type) {
      case "iri": return "<" + (absolute ? v : base + v.replace(/^\//, "")) + ">";
      case "topic": return "<" + (absolute ? v : topicNs + v) + ">";
      case "integer": return /^[+-]?\d+$/.test(v) ? v : literal(v);
      case "date":
        return literal(v) + "^^<http://www.w3.org/2001/XMLSchema#" +
          (/^\d{4}$/.test(v) ? "gYear" : /^\d{4}-\d{2}$/.test(v) ? "gYearMonth" : "date") + ">";
      case "langstring":
        var at = v.lastIndexOf("@");
        return at > 0 ? literal(v.slice(0, at)) + "@" + v.slice(at + 1) : literal(v);
      default: return literal(v);
    }
  }

  function literal(s) {
    return '"' + s.replace(/[\\"]/g, "\\$&").replace(/\n/g, "\\n").replace(/\r/g, "\\r") + '"';
  }

  // Where the query's WHERE group opens: the first "{" outside comments, strings and IRIs (after
  // the WHERE keyword for a CONSTRUCT, whose template comes first). -1 if there is none.
  function groupStart(t) {
    var form = null, where = false;
    for (var i = 0; i < t.length; i++) {
      var c = t[i], rest;
      if (c === "#") {
        i = t.indexOf("\n", i);
        if (i < 0) return -1;
      } else if (c === '"' || c === "'") {
        var quote = t.substr(i, 3) === c + c + c ? c + c + c : c, j = i + quote.length;
        while (j < t.length && t.substr(j, quote.length) !== quote) j += t[j] === "\\" ? 2 : 1;
        i = j + quote.length - 1;
      } else if (c === "<" && (rest = /^<[^<>"{}|^`\\\s]*>/.exec(t.slice(i)))) {
        i += rest[0].length - 1;
      } else if (/[A-Za-z]/.test(c) && !/[\w?$:.-]/.test(t[i - 1] || " ")) {
        var word = /^[A-Za-z]+/.exec(t.slice(i))[0], upper = word.toUpperCase();
        if (!form && /^(SELECT|CONSTRUCT|ASK|DESCRIBE)$/.test(upper)) form = upper;
        if (upper === "WHERE") where = true;
        i += word.length - 1;
      } else if (c === "{" && form && (form !== "CONSTRUCT" || where)) {
        return i;
      }
    }
    return -1;
  }

  // YASR's table writes IRIs into href='…' unescaped, and some IRIs come from documents (their
  // source URL): escape them. Our own IRIs link to this server's page for them (the path of the
  // IRI), so that following a result works on any deployment, local ones included. A link shows a
  // short form (a CURIE, or the path of our own IRIs) until labelLinks() puts the label in; the
  // IRI itself stays in its title and in every download.
  function patchTableLinks() {
    var Table = Yasgui.Yasr && Yasgui.Yasr.plugins && Yasgui.Yasr.plugins.table;
    if (!Table || !Table.prototype.getUriLinkFromBinding) return;
    Table.prototype.getUriLinkFromBinding = function (binding, prefixes) {
      var iri = binding.value, shown = iri;
      if (base && iri.indexOf(base) === 0) shown = iri.substring(base.length);
      else {
        for (var label in prefixes || {}) {
          if (iri.indexOf(prefixes[label]) === 0) { shown = label + ":" + iri.substring(prefixes[label].length); break; }
        }
      }
      var newWindow = this.config && this.config.openIriInNewWindow;
      return '<a class="iri" href="' + escape(local(iri)) + '" title="' + escape(iri) + '"' +
        (newWindow ? ' target="_blank" rel="noopener noreferrer"' : "") + ">" + escape(shown) + "</a>";
    };
  }

  // A literal as a person reads it: its text, without quotes, language tag or datatype ("2022-10-06",
  // not "2022-10-06"^^<…#date>); the datatype or language stays in a tooltip.
  function patchTableLiterals() {
    var Table = Yasgui.Yasr && Yasgui.Yasr.plugins && Yasgui.Yasr.plugins.table;
    if (!Table || !Table.prototype.formatLiteral) return;
    Table.prototype.formatLiteral = function (binding) {
      var kind = binding["xml:lang"] || (binding.datatype || "").replace(/^.*[#/]/, "");
      return kind ? '<span title="' + escape(kind) + '">' + escape(binding.value) + "</span>" : escape(binding.value);
    };
  }

  // Our IRIs in the table get their labels in the reader's language, asked of /labels in batches as
  // rows appear (YASR redraws on paging, sorting and filtering, hence the observer).
  function labelLinks() {
    var known = {}, asked = {}, timer = null;
    function apply() {
      var want = [];
      root.querySelectorAll(".yasr a.iri:not([data-labelled])").forEach(function (a) {
        var iri = a.getAttribute("title");
        if (iri in known) {
          a.dataset.labelled = "1";
          if (known[iri]) a.textContent = known[iri];
        } else if (!asked[iri]) {
          asked[iri] = true;
          want.push(iri);
        }
      });
      if (!want.length) return;
      fetch("/labels", { method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json" },
                         body: JSON.stringify(want) })
        .then(function (r) { return r.ok ? r.json() : {}; })
        .then(function (found) {
          want.forEach(function (iri) { known[iri] = found[iri] || null; });
          apply();
        }, function () { want.forEach(function (iri) { known[iri] = null; }); });
    }
    new MutationObserver(function () {
      clearTimeout(timer);
      timer = setTimeout(apply, 50);
    }).observe(root, { childList: true, subtree: true });
  }

  function local(iri) {
    return base && iri.indexOf(base) === 0 ? "/" + iri.substring(base.length) : iri;
  }

  function escape(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function say(message) {
    var status = aside && aside.querySelector(".status");
    if (status) status.textContent = message;
  }
})();
