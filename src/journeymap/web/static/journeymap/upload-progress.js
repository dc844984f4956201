// The upload page's progress bar. Without this script the form posts as any form does; with
// it, the same POST is sent by XMLHttpRequest so the browser can report how much has gone.
"use strict";

(function () {
  var form = document.querySelector("form[data-upload-progress]");
  var panel = document.getElementById("upload-progress");
  if (!form || !panel || !window.FormData) {
    return;
  }
  var bar = panel.querySelector("progress");
  var words = panel.querySelector("[data-upload-words]");

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var request = new XMLHttpRequest();
    request.open("POST", form.action || window.location.href);
    request.upload.addEventListener("progress", function (progress) {
      if (progress.lengthComputable) {
        var percent = Math.floor((progress.loaded / progress.total) * 100);
        bar.value = percent;
        words.textContent = percent + "% sent";
      }
    });
    request.upload.addEventListener("load", function () {
      words.textContent = "Sent. Reading the first rows…";
    });
    request.addEventListener("load", function () {
      // A redirect means the upload was kept: go where the server sent us. Otherwise the
      // server answered with the form and its errors: show that page as it would have been.
      if (request.responseURL && request.responseURL !== window.location.href) {
        window.location.assign(request.responseURL);
      } else {
        document.open();
        document.write(request.responseText);
        document.close();
      }
    });
    request.addEventListener("error", function () {
      words.textContent = "The upload stopped. Check your connection and try again.";
    });
    panel.hidden = false;
    form.querySelector("button[type=submit]").disabled = true;
    request.send(new FormData(form));
  });
})();
