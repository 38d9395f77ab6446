/* Need form: lots added and removed in place. Progressive enhancement: without JavaScript the
   server renders three empty lot rows and "Ajouter des lots" posts the form back with more. */
(function () {
  "use strict";

  // A form that must be sent once (the import's confirmation): a second click does nothing.
  document.querySelectorAll("form[data-submit-once]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (form.hasAttribute("data-sent")) { event.preventDefault(); return; }
      form.setAttribute("data-sent", "");
      form.setAttribute("aria-busy", "true");
    });
  });

  var section = document.querySelector("[data-lots]");
  if (!section) { return; }
  var addButton = section.querySelector("[data-add-lot]");
  var status = section.querySelector("[data-lots-status]");

  function rows() { return Array.prototype.slice.call(section.querySelectorAll("[data-lot]")); }
  function hiddenEmptyRows() { return rows().filter(function (row) { return row.hidden; }); }

  function announce(text) {
    if (!status) { return; }
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 50);
  }

  function clearRow(row) {
    row.querySelectorAll("input, textarea, select").forEach(function (input) {
      if (input.type === "checkbox" || input.type === "radio") { input.checked = false; } else { input.value = ""; }
    });
    row.querySelectorAll("[data-cpv-chips] li").forEach(function (chip) { chip.remove(); });
  }

  // Keep the filled rows and one empty row visible; the other empty rows wait behind "Ajouter un lot".
  var keptEmpty = false;
  rows().forEach(function (row) {
    if (row.hasAttribute("data-lot-empty")) {
      if (keptEmpty) { row.hidden = true; } else { keptEmpty = true; }
    }
    var remove = row.querySelector("[data-remove-lot]");
    if (remove) {
      remove.hidden = false;
      remove.addEventListener("click", function () {
        clearRow(row);
        row.hidden = true;
        announce(status.getAttribute("data-msg-removed"));
        if (addButton) { addButton.focus(); }
      });
    }
  });

  if (addButton) {
    addButton.textContent = addButton.getAttribute("data-label-js") || addButton.textContent;
    addButton.addEventListener("click", function (event) {
      var next = hiddenEmptyRows()[0];
      if (!next) { return; } // none left: the form posts back and the server adds rows
      event.preventDefault();
      next.hidden = false;
      var number = rows().indexOf(next) + 1;
      announce((status.getAttribute("data-msg-added") || "").replace("{number}", number));
      var first = next.querySelector("input");
      if (first) { first.focus(); }
    });
  }
})();
