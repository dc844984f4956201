// The map editor's enhancements. Everything here also works without it: cells have plain Edit
// links, and steps move with the "Move left" and "Move right" buttons.
"use strict";

(function () {
  // After htmx swaps a cell, put the keyboard where the person is working: in the form just
  // opened, or back on the cell's Edit link once it is saved or cancelled.
  document.body.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    var focusable = target.querySelector(".jm-conflict, textarea, select, input:not([type=hidden])")
      || target.querySelector(".jm-cell-edit");
    if (focusable) {
      if (focusable.classList.contains("jm-conflict")) {
        focusable.setAttribute("tabindex", "-1");
      }
      focusable.focus();
    }
  });

  // An in-place save that fails outright (the step was deleted meanwhile, the person's role
  // changed, the server erred) must not look like nothing happened: reload the map so the
  // page shows the state the server has.
  document.body.addEventListener("htmx:responseError", function () {
    window.location.reload();
  });

  // After a move, the page reloads at #step-N: bring focus to that step's column heading, so a
  // keyboard user can keep moving it.
  function focusStepFromHash() {
    var match = /^#step-\d+$/.exec(window.location.hash);
    var heading = match && document.querySelector(window.location.hash);
    if (heading) {
      heading.focus();
    }
  }
  focusStepFromHash();

  // Drag a step's column heading onto another to move it there (a plain form POST).
  var dragged = null;
  var headings = document.querySelectorAll("th[data-move-url]");
  headings.forEach(function (heading) {
    heading.addEventListener("dragstart", function (event) {
      dragged = heading;
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", heading.textContent);
      heading.classList.add("jm-dragging");
    });
    heading.addEventListener("dragend", function () {
      heading.classList.remove("jm-dragging");
      headings.forEach(function (other) { other.classList.remove("jm-drop-target"); });
    });
    heading.addEventListener("dragover", function (event) {
      if (dragged && dragged !== heading) {
        event.preventDefault();
        heading.classList.add("jm-drop-target");
      }
    });
    heading.addEventListener("dragleave", function () {
      heading.classList.remove("jm-drop-target");
    });
    heading.addEventListener("drop", function (event) {
      event.preventDefault();
      if (!dragged || dragged === heading) {
        return;
      }
      var token = document.querySelector("input[name=csrfmiddlewaretoken]");
      var form = document.createElement("form");
      form.method = "post";
      form.action = dragged.getAttribute("data-move-url");
      [["csrfmiddlewaretoken", token ? token.value : ""],
       ["position", heading.getAttribute("data-position")]].forEach(function (pair) {
        var input = document.createElement("input");
        input.type = "hidden";
        input.name = pair[0];
        input.value = pair[1];
        form.appendChild(input);
      });
      document.body.appendChild(form);
      form.submit();
    });
  });
})();
