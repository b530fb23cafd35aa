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

  /* View state in the URL (?against=cambois&only=differences, ?first=a&second=b), so that
     a link reproduces what was seen; replaceState keeps the back button for real navigation. */
  function readState() { return new URLSearchParams(window.location.search); }
  function writeState(values) {
    var params = readState();
    Object.keys(values).forEach(function (k) { if (values[k]) params.set(k, values[k]); else params.delete(k); });
    var query = params.toString();
    window.history.replaceState(window.history.state, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
  }
  function usable(select, value) {
    return Array.prototype.some.call(select.options, function (o) { return o.value === value && !o.disabled; });
  }
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  function setupTopic() {
    var dataNode = document.getElementById("pc-data");
    var grid = document.querySelector("[data-pc-grid]");
    if (!dataNode || !grid) return;
    var data = JSON.parse(dataNode.textContent);
    var select = document.querySelector("[data-pc-reference]");
    var diffOnly = document.querySelector("[data-pc-diffonly]");
    var status = document.querySelector("[data-pc-status]");
    var refHead = grid.querySelector("[data-pc-refhead]");
    var legendRef = document.querySelector("[data-pc-legend-ref]");
    var rows = {}, names = {};
    data.rows.forEach(function (r) { rows[r.id] = r; });
    data.schools.forEach(function (s) { names[s.id] = s.name; });
    var refused = "";  // a school asked for in the URL that has no clause to compare with

    function update() {
      var ref = select.value;
      var shown = 0, total = 0, own = 0;
      grid.querySelectorAll("tbody tr[data-row]").forEach(function (tr) {
        var row = rows[tr.getAttribute("data-row")];
        total += 1;
        var has = !!ref && !!row.texts[ref];
        if (has) own += 1;
        var refText = has ? row.texts[ref][0] : row.reference;
        var refCell = tr.querySelector("[data-pc-reftext]");
        if (refCell.textContent !== refText) refCell.textContent = refText;
        var note = tr.querySelector("[data-pc-refnote]");
        if (note) note.textContent = ref && !has ? names[ref] + " has no clause in this row" : "";
        refCell.closest("td").setAttribute("data-label", has ? names[ref] + "\u2019s wording" : "Reference wording");
        tr.querySelectorAll("td[data-school]").forEach(function (td) {
          var school = td.getAttribute("data-school");
          td.classList.toggle("pc-is-reference", has && school === ref);
          var spans = td.querySelectorAll("[data-pc-text]");
          (row.texts[school] || []).forEach(function (text, i) { if (spans[i]) render(spans[i], refText, text); });
        });
        var hide = diffOnly.checked && tr.getAttribute("data-agree") === "true";
        tr.classList.toggle("pc-hidden", hide);
        if (!hide) shown += 1;
      });
      var name = ref ? names[ref] : "";
      if (refHead) refHead.textContent = ref ? "Compared with: " + name : "Reference wording";
      if (legendRef) legendRef.textContent = ref ? name + "\u2019s wording" + (own < total ? " (the reference wording in rows it does not have)" : "") : "the reference wording";
      var said = ref ? "Compared with " + name + (own < total ? " in the " + plural(own, "row") + " it has, the reference wording in the other " + (total - own) : "")
                     : (refused ? refused + " has no clause in this topic; compared with the reference wording" : "Compared with the reference wording");
      status.textContent = said + "; showing " + shown + " of " + plural(total, "row") + ".";
      writeState({ against: ref, only: diffOnly.checked ? "differences" : "" });
    }
    select.addEventListener("change", function () { refused = ""; update(); });
    diffOnly.addEventListener("change", update);
    var state = readState(), against = state.get("against") || "";
    if (against || state.get("only") === "differences") {
      if (usable(select, against)) select.value = against;
      else if (against) refused = names[against] || against;
      diffOnly.checked = state.get("only") === "differences";
      update();
    }
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
    // a school cannot be compared with itself: each list greys out the other's choice
    function exclude() {
      Array.prototype.forEach.call(first.options, function (o) { o.disabled = o.value === second.value; });
      Array.prototype.forEach.call(second.options, function (o) { o.disabled = o.value === first.value; });
    }
    function update() {
      var a = first.value, b = second.value, count = 0;
      exclude();
      holder.textContent = "";
      data.topics.forEach(function (topic) {
        var section = el("section", { "class": "pc-pair-topic" });
        var heading = el("h2", { "class": "pc-pair-heading" });
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
      writeState({ first: a, second: b });
    }
    first.addEventListener("change", update);
    second.addEventListener("change", update);
    var state = readState(), a = state.get("first"), b = state.get("second");
    if ((a && names[a]) || (b && names[b])) {
      if (a && names[a]) { first.value = a; }
      if (b && names[b] && b !== first.value) { second.value = b; }
      if (second.value === first.value) {
        second.value = data.schools.filter(function (s) { return s.id !== first.value; })[0].id;
      }
      update();
    } else {
      exclude();
    }
  }

  /* Material wraps wide Markdown tables in a scrolling box: one that scrolls must take focus
     and have a name, so that keyboard users can scroll it too (WCAG 2.1.1). */
  function focusableScrollers() {
    var used = {};
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      if (wrap.scrollWidth <= wrap.clientWidth + 1 || wrap.getAttribute("tabindex") !== null) return;
      var table = wrap.querySelector("table");
      var caption = table && table.querySelector("caption");
      var heading = null;
      for (var node = wrap.previousElementSibling; node && !heading; node = node.previousElementSibling) {
        if (/^H[1-6]$/.test(node.tagName)) heading = node;
      }
      var columns = table ? Array.prototype.slice.call(table.querySelectorAll("thead th"), 0, 3)
        .map(function (th) { return th.textContent.trim(); }).filter(Boolean) : [];
      var label = caption ? caption.textContent.trim()
        : (heading ? heading.textContent.replace(/\u00b6\s*$/, "").trim() + ": " : "") + "table" + (columns.length ? " of " + columns.join(", ") : "");
      used[label] = (used[label] || 0) + 1;  // landmarks need distinct names
      if (used[label] > 1) label += " (" + used[label] + ")";
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", label + ", scrolls sideways");
    });
  }

  /* A search result lands on a section heading (?h=words#heading): go on to the first highlighted
     match in that section, so the reader lands on the clause itself, not at the top of a long section. */
  function landOnMatch() {
    if (!new URLSearchParams(window.location.search).get("h") || !window.location.hash) return;
    var target = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
    if (!target) return;
    var tries = 0;
    (function look() {
      var match = Array.prototype.find.call(document.querySelectorAll("article mark"), function (mark) {
        return target.contains(mark) || (target.compareDocumentPosition(mark) & Node.DOCUMENT_POSITION_FOLLOWING);
      });
      if (match) {
        var place = match.closest(".pc-clause, tr, li") || match;
        place.classList.add("pc-found");
        place.scrollIntoView({ block: "center" });
      } else if (++tries < 20) {
        window.setTimeout(look, 50);  // Material marks the words just after the page loads
      }
    })();
  }

  function setup() { setupTopic(); setupPairs(); focusableScrollers(); landOnMatch(); }
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(setup); }
  else if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", setup); }
  else { setup(); }
})();
