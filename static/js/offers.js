/* Offer form: add and remove reference rows in place. Progressive enhancement only: without
   JavaScript, "Ajouter des références" sends the form back with more empty rows (nothing is
   saved) and the "Retirer cette référence" switch of a row leaves it out when saving. */
(function () {
  "use strict";

  var box = document.querySelector("[data-references]");
  if (!box) { return; }
  var rows = box.querySelector("[data-reference-rows]");
  var template = box.querySelector("[data-reference-template]");
  var addButton = box.querySelector("[data-add-reference]");
  var status = box.querySelector("[data-reference-status]");
  if (!rows || !template) { return; }
  var max = parseInt(box.getAttribute("data-max"), 10) || 30;
  var legendText = box.getAttribute("data-legend") || "{num}";

  function text(name) { return box.getAttribute("data-" + name) || ""; }

  function allRows() { return Array.prototype.slice.call(rows.querySelectorAll("[data-reference-row]")); }

  function say(message) {
    if (!status) { return; }
    status.textContent = "";
    // A fresh text is announced even when it is the same as the last one.
    window.setTimeout(function () { status.textContent = message; }, 60);
  }

  function renumber() {
    allRows().forEach(function (row, i) {
      var legend = row.querySelector("[data-reference-legend]");
      if (legend) { legend.textContent = legendText.replace("{num}", String(i + 1)); }
    });
  }

  function nextIndex() {
    var highest = -1;
    rows.querySelectorAll("[name^='references-']").forEach(function (el) {
      var match = /^references-(\d+)-/.exec(el.name);
      if (match) { highest = Math.max(highest, parseInt(match[1], 10)); }
    });
    return highest + 1;
  }

  function firstInput(row) { return row ? row.querySelector("input:not([type=checkbox]), textarea") : null; }

  function removeRow(row) {
    var position = allRows().indexOf(row);
    row.parentNode.removeChild(row);
    renumber();
    var rest = allRows();
    var target = firstInput(rest[Math.min(position, rest.length - 1)]) || addButton;
    if (target) { target.focus(); }
    say(text("msg-removed"));
  }

  function enhance(row) {
    var removeBox = row.querySelector("[data-reference-remove]");
    if (!removeBox || removeBox.getAttribute("data-enhanced")) { return; }
    removeBox.setAttribute("data-enhanced", "true");
    var checkbox = removeBox.querySelector("input[type=checkbox]");
    // A row sent back already marked for removal keeps its switch, so that the choice stays visible.
    if (checkbox && checkbox.checked) { return; }
    removeBox.hidden = true;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "secondary outline reference-remove-button";
    button.textContent = text("label-remove");
    row.appendChild(button);
    button.addEventListener("click", function () { removeRow(row); });
  }

  function addRow() {
    var count = allRows().length;
    if (count >= max) { say(text("msg-max")); return; }
    var html = template.innerHTML.split("__INDEX__").join(String(nextIndex())).split("__NUM__").join(String(count + 1));
    var holder = document.createElement("div");
    holder.innerHTML = html.trim();
    var row = holder.firstElementChild;
    if (!row) { return; }
    rows.appendChild(row);
    enhance(row);
    renumber();
    var input = firstInput(row);
    if (input) { input.focus(); }
    say(text("msg-added").replace("{num}", String(count + 1)));
  }

  allRows().forEach(enhance);
  if (addButton) {
    addButton.type = "button";
    addButton.removeAttribute("name");
    addButton.removeAttribute("formnovalidate");
    addButton.textContent = text("label-add") || addButton.textContent;
    addButton.addEventListener("click", addRow);
  }
})();
