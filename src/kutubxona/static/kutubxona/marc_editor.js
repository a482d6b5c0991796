// The MARC field editor: move, remove and add rows. Without it the page still works:
// blank rows are there for new fields, and clearing a row removes its field.
(() => {
  const table = document.querySelector("table.marc-fields tbody");
  const labels = document.getElementById("marc-tool-labels");
  if (!table || !labels) return;
  const button = (text, action) => {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = text;
    b.dataset.action = action;
    b.setAttribute("aria-label", labels.dataset[action]);
    b.title = labels.dataset[action];
    return b;
  };
  const addTools = (row) => {
    const cell = row.querySelector(".marc-row-tools");
    if (!cell || cell.childElementCount) return;
    cell.append(button("↑", "up"), button("↓", "down"), button("✕", "remove"));
  };
  table.querySelectorAll("tr.marc-row").forEach(addTools);
  table.addEventListener("click", (event) => {
    const target = event.target;
    if (!(target instanceof HTMLButtonElement)) return;
    const row = target.closest("tr");
    if (!row) return;
    if (target.dataset.action === "up" && row.previousElementSibling) {
      row.parentNode.insertBefore(row, row.previousElementSibling);
    } else if (target.dataset.action === "down" && row.nextElementSibling) {
      row.parentNode.insertBefore(row.nextElementSibling, row);
    } else if (target.dataset.action === "remove") {
      row.remove();
    } else {
      return;
    }
    target.focus();
  });
  const add = document.createElement("button");
  add.type = "button";
  add.textContent = labels.dataset.add;
  add.addEventListener("click", () => {
    const template = table.querySelector("tr.marc-row");
    if (!template) return;
    const row = template.cloneNode(true);
    row.classList.remove("has-error");
    row.querySelectorAll("input").forEach((input) => { input.value = ""; });
    row.querySelectorAll(".field-errors, .warning-text").forEach((node) => node.remove());
    table.append(row);
    row.querySelector("input").focus();
  });
  table.closest(".table-wrap").after(add);
})();
