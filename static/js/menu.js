// The header's menu (templates/components/header.html): a details/summary that opens and
// closes without JavaScript. With this file, on a phone where it folds, Escape closes it (focus
// back to its button), and so do a tap outside it and focus leaving it: tabbing past its last
// link used to go on into the page hidden under the open panel.
(function () {
  "use strict";
  var menu = document.querySelector("details.site-menu");
  if (!menu) {
    return;
  }
  var toggle = menu.querySelector("summary");
  // On a wide screen the button is hidden and the menu always shown: nothing to close.
  var folds = function () {
    return menu.open && toggle.getClientRects().length > 0;
  };
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && folds()) {
      menu.open = false;
      toggle.focus();
    }
  });
  document.addEventListener("click", function (event) {
    if (folds() && !menu.contains(event.target)) {
      menu.open = false;
    }
  });
  menu.addEventListener("focusout", function (event) {
    var next = event.relatedTarget;
    if (next && !menu.contains(next) && folds()) {
      menu.open = false;
    }
  });
})();
