/* A form sent back with errors: the focus goes to the list of errors (macros.form_errors), or to
   the page's error message, so that keyboard and screen-reader users start there; a link of the
   list moves the focus into its field, with the field's label in view. Without JavaScript the
   messages are still next to each field. */
(function () {
  "use strict";

  function focusField(id) {
    // Radio buttons and check boxes: the id is their fieldset's; the focus goes to the first box.
    var field = document.getElementById(id);
    if (field && field.tagName === "FIELDSET") { field = field.querySelector("input, select, textarea") || field; }
    field = field || document.getElementById(id + "-0");
    if (!field) { return false; }
    var grouped = field.id !== id;
    var anchor = (grouped && field.closest("fieldset")) || document.querySelector('label[for="' + field.id + '"]');
    (anchor || field).scrollIntoView({ block: "start" });
    field.focus({ preventScroll: true });
    return document.activeElement === field;
  }

  function init() {
    var summary = document.getElementById("form-errors") ||
      document.querySelector("main .flash-error[role=alert]");
    if (!summary || summary.dataset.focusReady) { return; }
    summary.dataset.focusReady = "true";
    if (!summary.hasAttribute("tabindex")) { summary.setAttribute("tabindex", "-1"); }
    summary.focus();
    summary.addEventListener("click", function (e) {
      var link = e.target.closest('a[href^="#"]');
      if (link && focusField(decodeURIComponent(link.getAttribute("href").slice(1)))) {
        e.preventDefault();
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
