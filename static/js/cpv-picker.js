/* CPV picker: turns the markup of templates/reference/cpv_macros.html into chips and a search
   combobox (WAI-ARIA combobox pattern with a listbox popup). The codes live in the plain text
   input rendered by the form: choosing a result adds its code to it, removing a chip removes it,
   so the form posts exactly what it would without JavaScript. */
(function () {
  "use strict";

  var CODE = /^(\d{8})(?:-?\d)?$/;
  var SEPARATORS = /[\s,;]+/;
  var DEBOUNCE_MS = 250;
  var MIN_QUERY = 2;

  function parseCode(token) {
    var match = CODE.exec(token);
    return match ? match[1] : null;
  }

  function fill(template, values) {
    return (template || "").replace(/\{(\w+)\}/g, function (all, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : all;
    });
  }

  function Picker(root) {
    this.root = root;
    this.msg = root.dataset;
    this.input = document.getElementById(root.dataset.input);
    this.chips = root.querySelector("[data-cpv-chips]");
    this.search = root.querySelector("[data-cpv-search]");
    this.query = root.querySelector("[data-cpv-query]");
    this.list = root.querySelector("[data-cpv-results]");
    this.status = root.querySelector("[data-cpv-status]");
    this.single = root.dataset.single === "true";
    this.max = parseInt(root.dataset.max, 10) || 30;
    this.url = root.dataset.searchUrl;
    this.labels = {};
    this.unknown = {};
    this.results = [];
    this.active = -1;
    this.timer = null;
    this.request = null;
    if (!this.input || !this.chips || !this.query || !this.list) { return; }
    this.readServerChips();
    this.bind();
    this.search.hidden = false;
    this.renderChips();
  }

  Picker.prototype.readServerChips = function () {
    var items = this.chips.querySelectorAll("li[data-code8]");
    for (var i = 0; i < items.length; i++) {
      var label = items[i].querySelector(".cpv-chip-label:not(.muted)");
      if (label) { this.labels[items[i].dataset.code8] = label.textContent; }
      // The server said "unknown code": the chip keeps saying it.
      var unknown = items[i].querySelector(".cpv-chip-label.muted");
      if (unknown) { this.unknown[items[i].dataset.code8] = unknown.textContent; }
    }
  };

  Picker.prototype.tokens = function () {
    return this.input.value.split(SEPARATORS).filter(function (t) { return t !== ""; });
  };

  Picker.prototype.codes = function () {
    var seen = [];
    this.tokens().forEach(function (token) {
      var code8 = parseCode(token);
      if (code8 && seen.indexOf(code8) < 0) { seen.push(code8); }
    });
    return seen;
  };

  /* Changes the text input; its "change" listener redraws the chips. */
  Picker.prototype.setTokens = function (tokens) {
    this.input.value = tokens.join(" ");
    this.input.dispatchEvent(new Event("input", { bubbles: true }));
    this.input.dispatchEvent(new Event("change", { bubbles: true }));
  };

  Picker.prototype.announce = function (text) {
    var status = this.status;
    // Emptied first, so that the same sentence twice is announced twice.
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 50);
  };

  /* ---- chips ---- */

  Picker.prototype.renderChips = function () {
    var self = this;
    var codes = this.codes();
    var missing = [];
    this.chips.textContent = "";
    codes.forEach(function (code8) {
      var li = document.createElement("li");
      li.dataset.code8 = code8;
      var code = document.createElement("span");
      code.className = "cpv-chip-code";
      code.textContent = code8;
      li.appendChild(code);
      if (self.labels[code8]) {
        var label = document.createElement("span");
        label.className = "cpv-chip-label";
        label.textContent = " " + self.labels[code8];
        li.appendChild(label);
      } else if (self.unknown[code8]) {
        var unknown = document.createElement("span");
        unknown.className = "cpv-chip-label muted";
        unknown.textContent = " " + self.unknown[code8];
        li.appendChild(unknown);
      } else {
        missing.push(code8);
      }
      var remove = document.createElement("button");
      remove.type = "button";
      remove.className = "chip-remove";
      remove.setAttribute("aria-label", fill(self.msg.msgRemove, { code: code8 }));
      remove.textContent = "×";
      remove.addEventListener("click", function () { self.removeCode(code8); });
      li.appendChild(remove);
      self.chips.appendChild(li);
    });
    this.chips.hidden = codes.length === 0;
    missing.forEach(function (code8) { self.fetchLabel(code8); });
  };

  Picker.prototype.fetchLabel = function (code8) {
    var self = this;
    fetch(this.url + "?limit=1&q=" + encodeURIComponent(code8), { headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : []; })
      .then(function (items) {
        if (items.length && items[0].code8 === code8) {
          self.labels[code8] = items[0].label;
          var li = self.chips.querySelector('li[data-code8="' + code8 + '"]');
          if (li && !li.querySelector(".cpv-chip-label")) {
            var label = document.createElement("span");
            label.className = "cpv-chip-label";
            label.textContent = " " + items[0].label;
            li.insertBefore(label, li.querySelector(".chip-remove"));
          }
        }
      })
      .catch(function () { /* the chip keeps its code alone */ });
  };

  Picker.prototype.addCode = function (item) {
    var codes = this.codes();
    this.labels[item.code8] = item.label;
    if (codes.indexOf(item.code8) >= 0) {
      this.announce(fill(this.msg.msgAlready, { code: item.code8 }));
      return;
    }
    if (this.single) {
      // The malformed tokens stay, so the server still reports them; other codes are replaced.
      var kept = this.tokens().filter(function (t) { return parseCode(t) === null; });
      this.setTokens(kept.concat([item.code8]));
      this.announce(fill(this.msg.msgReplaced, { code: item.code8 + " " + item.label }));
      return;
    }
    if (codes.length >= this.max) {
      this.announce(fill(this.msg.msgMax, { max: this.max }));
      return;
    }
    this.setTokens(this.tokens().concat([item.code8]));
    this.announce(fill(this.msg.msgAdded, { code: item.code8 + " " + item.label }));
  };

  Picker.prototype.removeCode = function (code8) {
    var buttons = Array.prototype.slice.call(this.chips.querySelectorAll(".chip-remove"));
    var li = this.chips.querySelector('li[data-code8="' + code8 + '"]');
    var index = li ? buttons.indexOf(li.querySelector(".chip-remove")) : -1;
    this.setTokens(this.tokens().filter(function (t) { return parseCode(t) !== code8; }));
    this.announce(fill(this.msg.msgRemoved, { code: code8 }));
    // Focus goes to the next chip's button, or the previous one, or the search box.
    var left = this.chips.querySelectorAll(".chip-remove");
    if (left.length) {
      left[Math.min(Math.max(index, 0), left.length - 1)].focus();
    } else {
      this.query.focus();
    }
  };

  /* ---- combobox ---- */

  Picker.prototype.bind = function () {
    var self = this;
    this.input.addEventListener("change", function () { self.renderChips(); });
    this.query.addEventListener("input", function () { self.schedule(); });
    this.query.addEventListener("keydown", function (e) { self.onKey(e); });
    this.query.addEventListener("blur", function () {
      // Let a click on an option land before closing.
      window.setTimeout(function () { self.close(); }, 150);
    });
    // Keep the focus in the search box when an option is clicked.
    this.list.addEventListener("mousedown", function (e) { e.preventDefault(); });
    this.list.addEventListener("click", function (e) {
      var option = e.target.closest("[role=option]");
      if (option) { self.choose(parseInt(option.dataset.index, 10)); }
    });
  };

  Picker.prototype.schedule = function () {
    var self = this;
    window.clearTimeout(this.timer);
    var q = this.query.value.trim();
    if (q.length < MIN_QUERY) {
      if (this.request) { this.request.abort(); }
      this.results = [];
      this.close();
      return;
    }
    this.timer = window.setTimeout(function () { self.fetchResults(q); }, DEBOUNCE_MS);
  };

  Picker.prototype.fetchResults = function (q) {
    var self = this;
    if (this.request) { this.request.abort(); }
    var controller = typeof AbortController === "function" ? new AbortController() : null;
    this.request = controller;
    fetch(this.url + "?q=" + encodeURIComponent(q), {
      headers: { Accept: "application/json" },
      signal: controller ? controller.signal : undefined
    })
      .then(function (r) {
        if (!r.ok) { throw new Error(String(r.status)); }
        return r.json();
      })
      .then(function (items) {
        if (self.query.value.trim() !== q) { return; }
        self.results = items;
        self.renderResults();
      })
      .catch(function (err) {
        if (err && err.name === "AbortError") { return; }
        self.results = [];
        self.close();
        self.announce(self.msg.msgError);
      });
  };

  Picker.prototype.renderResults = function () {
    var self = this;
    var chosen = this.codes();
    this.list.textContent = "";
    this.active = -1;
    this.query.removeAttribute("aria-activedescendant");
    this.results.forEach(function (item, i) {
      var li = document.createElement("li");
      li.id = self.list.id + "-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.dataset.index = String(i);
      li.className = "cpv-option cpv-level-" + item.level;
      var code = document.createElement("span");
      code.className = "cpv-option-code";
      code.textContent = item.code8;
      li.appendChild(code);
      li.appendChild(document.createTextNode(" " + item.label));
      if (chosen.indexOf(item.code8) >= 0) {
        var mark = document.createElement("span");
        mark.className = "cpv-option-chosen";
        mark.textContent = " (" + self.msg.msgChosen + ")";
        li.appendChild(mark);
      }
      self.list.appendChild(li);
    });
    var n = this.results.length;
    if (n) {
      this.open();
    } else {
      this.close();
    }
    this.announce(n === 0 ? this.msg.msgNone : n === 1 ? this.msg.msgOne : fill(this.msg.msgMany, { count: n }));
  };

  Picker.prototype.open = function () {
    this.list.hidden = false;
    this.query.setAttribute("aria-expanded", "true");
  };

  Picker.prototype.close = function () {
    this.list.hidden = true;
    this.query.setAttribute("aria-expanded", "false");
    this.query.removeAttribute("aria-activedescendant");
    this.setActive(-1);
  };

  Picker.prototype.isOpen = function () {
    return !this.list.hidden;
  };

  Picker.prototype.setActive = function (index) {
    var options = this.list.querySelectorAll("[role=option]");
    for (var i = 0; i < options.length; i++) {
      options[i].setAttribute("aria-selected", i === index ? "true" : "false");
    }
    this.active = index;
    if (index >= 0 && options[index]) {
      this.query.setAttribute("aria-activedescendant", options[index].id);
      options[index].scrollIntoView({ block: "nearest" });
    } else {
      this.query.removeAttribute("aria-activedescendant");
    }
  };

  Picker.prototype.move = function (step) {
    var n = this.results.length;
    if (!n) { return; }
    if (!this.isOpen()) { this.open(); }
    var next = this.active + step;
    if (next >= n) { next = 0; }
    if (next < 0) { next = n - 1; }
    this.setActive(next);
  };

  Picker.prototype.choose = function (index) {
    var item = this.results[index];
    if (!item) { return; }
    this.addCode(item);
    this.query.value = "";
    this.results = [];
    this.close();
    this.query.focus();
  };

  Picker.prototype.onKey = function (e) {
    switch (e.key) {
      case "ArrowDown":
      case "Down":
        e.preventDefault();
        if (!this.isOpen() && this.results.length) { this.open(); }
        this.move(1);
        break;
      case "ArrowUp":
      case "Up":
        e.preventDefault();
        this.move(-1);
        break;
      case "Enter":
        if (this.isOpen() && this.active >= 0) {
          e.preventDefault();
          this.choose(this.active);
        } else if (this.query.value.trim() !== "") {
          // The search box is not part of the form: Enter there must not send it half-filled.
          e.preventDefault();
        }
        break;
      case "Escape":
      case "Esc":
        if (this.isOpen()) {
          e.preventDefault();
          this.close();
        } else if (this.query.value !== "") {
          e.preventDefault();
          this.query.value = "";
        }
        break;
      default:
        break;
    }
  };

  function init() {
    var roots = document.querySelectorAll("[data-cpv-picker]");
    for (var i = 0; i < roots.length; i++) {
      if (!roots[i].dataset.cpvReady) {
        roots[i].dataset.cpvReady = "true";
        new Picker(roots[i]);
      }
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
