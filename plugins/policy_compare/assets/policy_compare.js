/* policy-compare: reference switch and "differences only" on topic pages, the two-school
   chooser on the pairs page. Works on data embedded in the page; without JS the tables
   are already complete. Re-runs on Material's instant navigation. */
(function () {
  "use strict";

  function tokens(text) { return text.match(/\w+(?:['\u2019]\w+)*|\s+|[^\w\s]/g) || []; }

  function wordDiff(a, b) {
    var dmp = new window.diff_match_patch();
    dmp.Diff_Timeout = 0;
    var vocab = {}, words = [];
    function enc(t) {
      return tokens(t).map(function (w) {
        if (!Object.prototype.hasOwnProperty.call(vocab, w)) { vocab[w] = String.fromCharCode(0xE000 + words.length); words.push(w); }
        return vocab[w];
      }).join("");
    }
    var diffs = dmp.diff_main(enc(a), enc(b), false);
    dmp.diff_cleanupSemantic(diffs);
    return diffs.map(function (d) {
      return [d[0], d[1].split("").map(function (c) { return words[c.charCodeAt(0) - 0xE000]; }).join("")];
    });
  }

  function render(target, reference, text) {
    target.textContent = "";
    wordDiff(reference, text).forEach(function (piece) {
      var node;
      if (piece[0] === 0) { node = document.createTextNode(piece[1]); }
      else {
        node = document.createElement(piece[0] > 0 ? "ins" : "del");
        node.title = piece[0] > 0 ? "added" : "removed";
        node.textContent = piece[1];
      }
      target.appendChild(node);
    });
  }

  function setupTopic() {
    var dataNode = document.getElementById("pc-data");
    var grid = document.querySelector("[data-pc-grid]");
    if (!dataNode || !grid) return;
    var data = JSON.parse(dataNode.textContent);
    var select = document.querySelector("[data-pc-reference]");
    var diffOnly = document.querySelector("[data-pc-diffonly]");
    var status = document.querySelector("[data-pc-status]");
    var rows = {};
    data.rows.forEach(function (r) { rows[r.id] = r; });

    function update() {
      var ref = select.value;
      var shown = 0, total = 0;
      grid.querySelectorAll("tbody tr[data-row]").forEach(function (tr) {
        var row = rows[tr.getAttribute("data-row")];
        total += 1;
        var refText = row.reference;
        if (ref && row.texts[ref]) { refText = row.texts[ref][0]; }
        tr.querySelectorAll("td[data-school]").forEach(function (td) {
          var school = td.getAttribute("data-school");
          td.classList.toggle("pc-is-reference", !!ref && school === ref && !!row.texts[ref]);
          var spans = td.querySelectorAll("[data-pc-text]");
          (row.texts[school] || []).forEach(function (text, i) { if (spans[i]) render(spans[i], refText, text); });
        });
        var hide = diffOnly.checked && tr.getAttribute("data-agree") === "true";
        tr.classList.toggle("pc-hidden", hide);
        if (!hide) shown += 1;
      });
      var name = select.options[select.selectedIndex].text;
      status.textContent = "Compared with " + name + "; showing " + shown + " of " + total + " rows.";
    }
    select.addEventListener("change", update);
    diffOnly.addEventListener("change", update);
  }

  function setupPairs() {
    var dataNode = document.getElementById("pc-pairs-data");
    var holder = document.querySelector("[data-pc-pairs]");
    if (!dataNode || !holder) return;
    var data = JSON.parse(dataNode.textContent);
    var first = document.querySelector("[data-pc-first]");
    var second = document.querySelector("[data-pc-second]");
    var status = document.querySelector("[data-pc-status]");
    var names = {};
    data.schools.forEach(function (s) { names[s.id] = s.name; });

    function el(tag, attrs, text) {
      var node = document.createElement(tag);
      Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
      if (text !== undefined) node.textContent = text;
      return node;
    }
    function cell(row, school) {
      var texts = row.texts[school];
      if (!texts) {
        var td = el("td", { "data-label": names[school], "class": "pc-missing" });
        td.appendChild(el("span", { "class": "pc-missing-label" }, "Not covered"));
        return td;
      }
      var other = school === first.value ? second.value : first.value;
      var td2 = el("td", { "data-label": names[school] });
      texts.forEach(function (t, i) {
        var span = el("span");
        if (row.texts[other]) render(span, row.texts[other][0], t); else span.textContent = t;
        if (i) td2.appendChild(el("br"));
        td2.appendChild(span);
      });
      return td2;
    }
    function update() {
      var a = first.value, b = second.value, count = 0;
      holder.textContent = "";
      data.topics.forEach(function (topic) {
        var section = el("section", { "class": "pc-pair-topic" });
        var heading = el("p", { "class": "pc-h pc-h2", "role": "heading", "aria-level": "2" });
        heading.appendChild(el("a", { href: topic.href }, topic.title));
        section.appendChild(heading);
        var table = el("table", { "class": "pc-grid pc-pair" });
        var head = el("thead"), tr = el("tr");
        tr.appendChild(el("th", { scope: "col" }, names[a]));
        tr.appendChild(el("th", { scope: "col" }, names[b]));
        head.appendChild(tr); table.appendChild(head);
        var body = el("tbody");
        topic.rows.forEach(function (row) {
          if (!row.texts[a] && !row.texts[b]) return;
          var r = el("tr"); r.appendChild(cell(row, a)); r.appendChild(cell(row, b)); body.appendChild(r); count += 1;
        });
        if (!body.children.length) {
          var empty = el("tr"); empty.appendChild(el("td", { colspan: "2" }, "Neither school has a clause on this topic.")); body.appendChild(empty);
        }
        table.appendChild(body); section.appendChild(table); holder.appendChild(section);
      });
      status.textContent = names[a] + " and " + names[b] + ": " + count + " rows.";
    }
    first.addEventListener("change", update);
    second.addEventListener("change", update);
  }

  function setup() { setupTopic(); setupPairs(); }
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(setup); }
  else if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", setup); }
  else { setup(); }
})();
