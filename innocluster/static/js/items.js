// Cost items: "Add an item" copies the last row with the next index (items-N-field), emptied.
(function () {
  document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-add-row]");
    if (!button) return;
    const body = button.closest("form").querySelector("#item-rows");
    const rows = body.querySelectorAll("tr.item-row");
    const last = rows[rows.length - 1];
    const next = last.cloneNode(true);
    next.querySelectorAll("input, select").forEach((field) => {
      field.name = field.name.replace(/^items-\d+-/, `items-${rows.length}-`);
      if (field.id) field.id = field.name;
      field.removeAttribute("aria-invalid");
      if (field.tagName === "SELECT") field.selectedIndex = 0; else field.value = "";
    });
    body.appendChild(next);
    const first = next.querySelector("select, input");
    if (first) first.focus();
  });
})();
