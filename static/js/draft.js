// Drafts of a form (templates/jobs/apply.html: form[data-draft]): what is typed is kept in
// this browser tab's sessionStorage, so that a send refused because the session ended (signed
// out in another tab, or expired) loses nothing: after signing in again the form comes back
// filled in. Nothing of it goes to the server or into a cookie, and sessionStorage ends with
// the tab. A draft is dropped once sent (the next page names it in data-draft-sent), when this
// tab signs out (form[data-draft-end]), and when another person's form finds it (each draft
// carries its form's data-draft-owner, an opaque tag of the person and the form).
// A chosen file is never kept: a browser cannot fill in a file input.
// Without this file (or without storage) the form works as it is, without drafts.
(function () {
  "use strict";
  var PREFIX = "draft:";
  var store;
  try {
    store = window.sessionStorage;
    store.getItem(PREFIX); // throws where the browser blocks storage
  } catch (e) {
    return;
  }
  var forget = function (name) {
    store.removeItem(PREFIX + name);
  };
  var forgetAll = function () {
    for (var i = store.length - 1; i >= 0; i -= 1) {
      var key = store.key(i);
      if (key && key.indexOf(PREFIX) === 0) {
        store.removeItem(key);
      }
    }
  };
  var kept = function (field) {
    return field.name && field.name !== "csrfmiddlewaretoken" && !field.disabled &&
      ["file", "hidden", "password", "submit", "button", "reset"].indexOf(field.type) === -1;
  };
  var ticks = function (field) {
    return field.type === "checkbox" || field.type === "radio";
  };

  document.querySelectorAll("[data-draft-sent]").forEach(function (element) {
    forget(element.getAttribute("data-draft-sent"));
  });
  document.querySelectorAll("form[data-draft-end]").forEach(function (form) {
    form.addEventListener("submit", forgetAll);
  });

  document.querySelectorAll("form[data-draft]").forEach(function (form) {
    var name = form.getAttribute("data-draft");
    var owner = form.getAttribute("data-draft-owner");
    var fields = Array.prototype.filter.call(form.elements, kept);
    var save = function () {
      var values = {};
      var ticked = [];
      fields.forEach(function (field) {
        if (ticks(field)) {
          if (field.checked) {
            ticked.push(field.name + "=" + field.value);
          }
        } else {
          values[field.name] = field.value;
        }
      });
      try {
        store.setItem(PREFIX + name, JSON.stringify({ owner: owner, values: values, ticked: ticked }));
      } catch (e) {
        // Storage full or refused: the form still works, only without a draft.
      }
    };
    var restore = function (draft) {
      var values = draft.values || {};
      var ticked = Array.isArray(draft.ticked) ? draft.ticked : [];
      var filled = false;
      fields.forEach(function (field) {
        if (ticks(field)) {
          field.checked = ticked.indexOf(field.name + "=" + field.value) !== -1;
          filled = filled || field.checked;
        } else if (typeof values[field.name] === "string" && values[field.name] !== "") {
          field.value = values[field.name];
          filled = true;
        }
      });
      var note = form.querySelector("[data-draft-restored]");
      if (filled && note) {
        note.hidden = false;
      }
    };
    var draft = null;
    try {
      draft = JSON.parse(store.getItem(PREFIX + name));
    } catch (e) {
      forget(name);
    }
    if (draft && draft.owner !== owner) {
      forget(name); // another person's: never shown, and gone
    } else if (draft && form.hasAttribute("data-draft-restore")) {
      restore(draft);
    }
    form.addEventListener("input", save);
    form.addEventListener("change", save);
    form.addEventListener("submit", save);
  });
})();
