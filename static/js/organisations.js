/* Organisation profile page: the description's character counter and the region that follows the
   department. Progressive enhancement only: the form works the same without JavaScript. */
(function () {
  "use strict";

  // Numbers in the page's language ("5 000" in French), not the browser's.
  var lang = document.documentElement.lang || undefined;

  function setupCounter(counter) {
    var field = document.getElementById(counter.getAttribute("data-counter-for"));
    if (!field) { return; }
    var max = parseInt(field.getAttribute("data-counter") || field.getAttribute("maxlength"), 10);
    var template = counter.getAttribute("data-template") || "{count} / {max}";
    var timer = null;
    function update() {
      var count = field.value.length;
      counter.textContent = template.replace("{count}", count.toLocaleString(lang)).replace("{max}", max.toLocaleString(lang));
      counter.classList.toggle("over", count > max);
    }
    counter.hidden = false;
    update();
    // Screen readers hear the count once the typing pauses, not at every key.
    field.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(update, 400);
    });
  }

  function setupRegion(display) {
    var select = document.getElementById("department_code");
    var target = display.querySelector("[data-region-name]");
    var regions;
    try { regions = JSON.parse(display.getAttribute("data-regions") || "{}"); } catch (e) { return; }
    if (!select || !target) { return; }
    var empty = display.getAttribute("data-empty") || "";
    select.addEventListener("change", function () {
      target.textContent = regions[select.value] || empty;
    });
  }

  // The summary of each region's <details> says how many of its departments are ticked.
  function setupAreaGroup(group) {
    var count = group.querySelector("[data-area-count]");
    if (!count) { return; }
    var one = count.getAttribute("data-one") || "(1)";
    var many = count.getAttribute("data-many") || "({count})";
    group.addEventListener("change", function () {
      var ticked = group.querySelectorAll("input[type=checkbox]:checked").length;
      count.textContent = ticked === 0 ? "" : ticked === 1 ? one : many.replace("{count}", ticked);
    });
  }

  document.querySelectorAll("[data-counter-for]").forEach(setupCounter);
  document.querySelectorAll("[data-area-group]").forEach(setupAreaGroup);
  var display = document.getElementById("region-display");
  if (display) { setupRegion(display); }
})();
