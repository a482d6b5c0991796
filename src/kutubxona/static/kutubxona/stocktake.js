// The stock-take's scan field: a keyboard-wedge scanner types a code and Enter. Each scan is
// posted in the background (in order) and the counters and the list are updated in place, so
// the next code can be scanned at once. Without JavaScript the form posts and the page reloads.
(() => {
  const form = document.getElementById("scan-form");
  if (!form || !window.fetch) return;
  const input = form.querySelector("input[name=code]");
  const message = document.getElementById("scan-message");
  const list = document.querySelector("#scan-list tbody");
  const token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  let chain = Promise.resolve();

  const show = (data) => {
    message.textContent = data.message;
    message.dataset.outcome = data.repeated ? "repeated" : data.outcome;
    for (const [key, value] of Object.entries(data.progress)) {
      const node = document.querySelector(`[data-progress="${key}"]`);
      if (!node) continue;
      if (node.tagName === "PROGRESS") node.value = value;
      else node.textContent = value;
    }
    if (data.repeated) return;
    const row = document.createElement("tr");
    row.dataset.outcome = data.outcome;
    for (const text of [data.code, data.outcome_label, data.title]) {
      const cell = document.createElement("td");
      cell.textContent = text;
      row.appendChild(cell);
    }
    list.prepend(row);
  };

  const send = async (code) => {
    const body = new FormData();
    body.append("code", code);
    try {
      const response = await fetch(form.action, {
        method: "POST",
        body,
        headers: { Accept: "application/json", "X-CSRFToken": token },
        credentials: "same-origin",
      });
      const data = await response.json();
      if (response.ok) show(data);
      else {
        message.textContent = data.error;
        message.dataset.outcome = "error";
      }
    } catch (error) {
      message.textContent = `${code}: ${error}`;
      message.dataset.outcome = "error";
    }
  };

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const code = input.value.trim();
    input.value = "";
    input.focus();
    if (!code) return;
    chain = chain.then(() => send(code));
  });
})();
