// A little progressive enhancement; every page works without it.
document.documentElement.classList.add("js");
document.addEventListener("change", (event) => {
  const target = event.target;
  if (target instanceof HTMLSelectElement && target.hasAttribute("data-autosubmit") && target.form) {
    target.form.submit();
  }
});
// A button with data-confirm asks before its form is sent (removing a file, say).
document.addEventListener("submit", (event) => {
  const message = event.submitter?.dataset.confirm;
  if (message && !window.confirm(message)) event.preventDefault();
});
// A header checkbox with data-select-all="name" ticks or clears the form's checkboxes of that name.
document.addEventListener("change", (event) => {
  const box = event.target;
  if (!(box instanceof HTMLInputElement) || !box.dataset.selectAll || !box.form) return;
  for (const item of box.form.querySelectorAll(`input[type=checkbox][name="${box.dataset.selectAll}"]`)) {
    item.checked = box.checked;
  }
});
// On a phone the main menu folds behind its button (CSS shows the button only there, with JS).
document.addEventListener("click", (event) => {
  const button = event.target instanceof Element ? event.target.closest(".menu-toggle") : null;
  if (button) button.setAttribute("aria-expanded", String(button.getAttribute("aria-expanded") !== "true"));
});
