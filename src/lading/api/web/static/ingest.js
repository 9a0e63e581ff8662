/* The ingest form: posts the text (or address) as JSON to /api/ingest with the bearer token typed in, and shows
 * what was stored. The token is sent with this one request and kept nowhere. */
(function () {
  "use strict";

  var form = document.getElementById("ingest-form");
  var out = document.getElementById("ingest-result");
  if (!form || !out) { return; }
  var api = form.getAttribute("data-api") || "/api/ingest";
  var textPart = form.querySelector(".mode-text");
  var urlPart = form.querySelector(".mode-url");

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text !== undefined) { node.textContent = String(text); }
    return node;
  }

  function mode() {
    var checked = form.querySelector("input[name=mode]:checked");
    return checked ? checked.value : "text";
  }

  function showMode() {
    var byUrl = mode() === "url";
    textPart.hidden = byUrl;
    urlPart.hidden = !byUrl;
    form.elements.text.required = !byUrl;
    form.elements.url.required = byUrl;
  }

  function say(failed, lines, ids) {
    while (out.firstChild) { out.removeChild(out.firstChild); }
    out.classList.toggle("failed", failed);
    out.appendChild(el("strong", {}, lines[0]));
    if (lines.length > 1 || (ids && ids.length)) {
      var list = el("ul");
      lines.slice(1).forEach(function (line) { list.appendChild(el("li", {}, line)); });
      (ids || []).forEach(function (id) {
        var item = el("li");
        item.appendChild(el("a", { href: "/articles/" + encodeURIComponent(id) }, "article " + id));
        list.appendChild(item);
      });
      out.appendChild(list);
    }
  }

  function describe(detail) {
    if (Array.isArray(detail)) {
      return detail.map(function (d) { return ((d.loc || []).slice(-1).join("") || "request") + ": " + d.msg; });
    }
    return [String(detail || "unknown error")];
  }

  form.addEventListener("change", function (ev) {
    if (ev.target && ev.target.name === "mode") { showMode(); }
  });
  showMode();

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var f = form.elements;
    var body = {};
    if (mode() === "url") {
      body.url = f.url.value.trim();
      if (f.url_date.value) { body.date = f.url_date.value; }
    } else {
      body.text = f.text.value;
      if (f.title.value.trim()) { body.title = f.title.value.trim(); }
      if (f.date.value) { body.date = f.date.value; }
    }
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    say(false, ["Reading the article…"]);
    fetch(api, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json",
        Authorization: "Bearer " + f.token.value },
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (!response.ok) {
          var why = response.status === 401 ? ["The token was not accepted."] : describe(data.detail);
          say(true, ["Not stored (" + response.status + ")"].concat(why));
          return;
        }
        var lines = [data["new"] + " new, " + data.identical + " identical, " + data.near_duplicate +
          " near-duplicate, " + data.failed + " failed; " + data.records + " transfer record" + (data.records === 1 ? "" : "s")];
        (data.problems || []).forEach(function (p) { lines.push(p); });  // errors and warnings, as the ingest job says them
        say(data.failed > 0 && !data["new"], lines, data.article_ids || []);
        if (data["new"] || data.near_duplicate) { f.text.value = ""; }
      });
    }).catch(function (error) {
      say(true, ["The request failed: " + error.message]);
    }).then(function () {
      button.disabled = false;
    });
  });
})();
