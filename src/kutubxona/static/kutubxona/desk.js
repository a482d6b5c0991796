// The desk without reloading: the scan form posts by fetch and the reader's panel is replaced.
(function () {
  "use strict";
  var form = document.getElementById("desk-form");
  if (!form || !window.fetch) return;
  var code = document.getElementById("desk-code");
  var readerField = document.getElementById("desk-reader");
  var status = document.getElementById("desk-message");
  var busy = false;
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (busy) return;
    busy = true;
    var data = new FormData(form);
    fetch(form.action, { method: "POST", body: data, headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (answer) {
        status.textContent = answer.message;
        status.className = answer.ok ? "message success" : "message error";
        readerField.value = answer.reader || "";
        var panel = document.getElementById("desk-panel");
        if (panel) panel.outerHTML = answer.panel;
        if (answer.reader) history.replaceState(null, "", "?reader=" + answer.reader);
      })
      .catch(function () { form.submit(); })
      .finally(function () { busy = false; code.value = ""; code.focus(); });
  });
})();
