// "Imprimer" on the agenda page: shown only when scripts run (the browser's own Print works anyway).
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});
