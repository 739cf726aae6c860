// Checklists (templates/accounts/_form_fields.html): a filter box over the checkboxes and a
// live count of the chosen. Without this file the checkboxes work as they are.
(function () {
  "use strict";
  var fold = function (text) {
    return text.toLocaleLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  };
  document.querySelectorAll("details.checklist").forEach(function (panel) {
    var filter = panel.querySelector(".checklist-filter");
    var count = panel.querySelector(".checklist-count");
    var items = Array.prototype.slice.call(panel.querySelectorAll(".checklist-options li"));
    var template = count ? count.textContent.replace(/\d+/, "{n}") : "";
    if (filter) {
      filter.hidden = false;
      filter.addEventListener("input", function () {
        var wanted = fold(filter.value.trim());
        items.forEach(function (item) {
          item.hidden = wanted !== "" && fold(item.textContent).indexOf(wanted) === -1;
        });
      });
    }
    panel.addEventListener("change", function () {
      if (count) {
        count.textContent = template.replace("{n}", panel.querySelectorAll("input:checked").length);
      }
    });
  });
})();
