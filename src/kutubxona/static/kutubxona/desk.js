// The desk without reloading: the scan form posts by fetch; the answer's message is shown and
// the reader's panel replaced (a card scanned) or one loan row added (lent) or removed (taken back).
(function () {
  "use strict";
  var form = document.getElementById("desk-form");
  if (!form || !window.fetch) return;
  var code = document.getElementById("desk-code");
  var readerField = document.getElementById("desk-reader");
  var status = document.getElementById("desk-message");
  var rowTemplate = document.getElementById("loan-row");
  var busy = false;

  function addRow(loan) {
    var rows = document.getElementById("loan-rows");
    if (!rows || !rowTemplate) return;
    var row = rowTemplate.content.firstElementChild.cloneNode(true);
    row.dataset.copy = loan.copy;
    row.querySelector(".title").textContent = loan.title;
    row.querySelector(".copy").textContent = loan.copy;
    row.querySelector(".lent").textContent = loan.lent;
    row.querySelector(".due").textContent = loan.due;
    row.querySelector("form.renew").action = loan.renew;
    var empty = rows.querySelector(".no-loans");
    if (empty) empty.remove();
    rows.appendChild(row);
  }

  function removeRow(copy) {
    var rows = document.getElementById("loan-rows");
    if (!rows) return;
    rows.querySelectorAll("tr[data-copy]").forEach(function (row) {
      if (row.dataset.copy === copy) row.remove();
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (busy) return;
    busy = true;
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(function (response) { return response.json(); })
      .then(function (answer) {
        status.textContent = answer.message;
        status.className = answer.ok ? "message success" : "message error";
        readerField.value = answer.reader || "";
        if (answer.panel) {
          document.getElementById("desk-panel").outerHTML = answer.panel;
          history.replaceState(null, "", answer.reader ? "?reader=" + answer.reader : "?");
        } else if (answer.lent) {
          addRow(answer.lent);
        } else if (answer.returned) {
          removeRow(answer.returned);
        }
      })
      .catch(function () { form.submit(); })
      .finally(function () { busy = false; code.value = ""; code.focus(); });
  });
})();
