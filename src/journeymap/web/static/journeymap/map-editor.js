// The map editor's enhancements. Everything here also works without it: the picture's cells
// link to each cell's own page, the table has an Edit link per step and per lane, and steps
// move with the "Move left" and "Move right" buttons (the page comes back focused on the
// moved step's button).
"use strict";

(function () {
  // The picture's cell that opened an in-place editor, by its link: the picture is redrawn
  // after a save, so the same cell is found again in the new picture.
  var opener = null;

  // A cell of the picture is an <area>, which htmx does not stop from navigating.
  document.body.addEventListener("click", function (event) {
    var area = event.target.closest && event.target.closest("area[hx-get]");
    if (area) {
      event.preventDefault();
      opener = area.getAttribute("href");
    }
  });

  function focusOpener() {
    var area = opener && Array.prototype.find.call(
      document.querySelectorAll("area[href]"),
      function (candidate) { return candidate.getAttribute("href") === opener; });
    if (area) {
      area.focus();
    }
  }

  // After htmx swaps a cell, put the keyboard where the person is working: in the form just
  // opened, or back on the picture's cell once it is saved or cancelled. After a move, on the
  // moved step's move control, and say where the step now is.
  document.body.addEventListener("htmx:afterSettle", function (event) {
    var grid = document.getElementById("map-grid");
    var target = event.detail.target;
    if (grid && (target === grid || !document.body.contains(target))) {
      var status = document.getElementById("move-status");
      if (status) {
        status.textContent = grid.getAttribute("data-move-status") || "";
      }
      var button = grid.querySelector("[autofocus]");
      if (button) {
        button.focus();
      }
      return;
    }
    if (target.id && target.id.indexOf("cell-") === 0) {
      var focusable = target.querySelector(".jm-conflict, textarea, select, input:not([type=hidden])");
      if (focusable) {
        if (focusable.classList.contains("jm-conflict")) {
          focusable.setAttribute("tabindex", "-1");
        }
        focusable.focus();
      } else {
        focusOpener();
      }
    }
  });

  // An in-place save that fails outright (the step was deleted meanwhile, the person's role
  // changed, the server erred) must not look like nothing happened: reload the map so the
  // page shows the state the server has.
  document.body.addEventListener("htmx:responseError", function () {
    window.location.reload();
  });

  // Drag a step's column heading onto another to move it there (a plain form POST). The
  // listeners are on the page, not the headings, as a keyboard move redraws the table.
  var dragged = null;
  function heading(event) {
    return event.target.closest && event.target.closest("th[data-move-url]");
  }
  document.body.addEventListener("dragstart", function (event) {
    dragged = heading(event);
    if (dragged) {
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", dragged.textContent);
      dragged.classList.add("jm-dragging");
    }
  });
  document.body.addEventListener("dragend", function () {
    document.querySelectorAll("th[data-move-url]").forEach(function (other) {
      other.classList.remove("jm-dragging", "jm-drop-target");
    });
  });
  document.body.addEventListener("dragover", function (event) {
    var over = heading(event);
    if (dragged && over && over !== dragged) {
      event.preventDefault();
      over.classList.add("jm-drop-target");
    }
  });
  document.body.addEventListener("dragleave", function (event) {
    var left = heading(event);
    if (left) {
      left.classList.remove("jm-drop-target");
    }
  });
  document.body.addEventListener("drop", function (event) {
    var target = heading(event);
    if (!target) {
      return;
    }
    event.preventDefault();
    if (!dragged || dragged === target) {
      return;
    }
    var token = document.querySelector("input[name=csrfmiddlewaretoken]");
    var form = document.createElement("form");
    form.method = "post";
    form.action = dragged.getAttribute("data-move-url");
    [["csrfmiddlewaretoken", token ? token.value : ""],
     ["position", target.getAttribute("data-position")]].forEach(function (pair) {
      var input = document.createElement("input");
      input.type = "hidden";
      input.name = pair[0];
      input.value = pair[1];
      form.appendChild(input);
    });
    document.body.appendChild(form);
    form.submit();
  });
})();
