// Criteria rows of a formset prefixed "criteria" (a pilot request's success criteria, a
// contest's weighted criteria): "Add a criterion" copies the last row with the next index
// (criteria-N-field), emptied, and counts it in the formset's TOTAL_FORMS.
(function () {
  document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-add-criterion]");
    if (!button) return;
    const fieldset = button.closest("fieldset");
    const rows = fieldset.querySelectorAll(".criterion-row");
    const total = fieldset.querySelector("input[name=criteria-TOTAL_FORMS]");
    const max = Number(fieldset.querySelector("input[name=criteria-MAX_NUM_FORMS]").value);
    if (rows.length >= max) return;
    const last = rows[rows.length - 1];
    const next = last.cloneNode(true);
    const rename = (value) => value.replace(/criteria-\d+-/, `criteria-${rows.length}-`);
    next.querySelectorAll("input, select").forEach((field) => {
      field.name = rename(field.name);
      if (field.id) field.id = rename(field.id);
      field.removeAttribute("aria-invalid");
      if (field.tagName === "SELECT") field.selectedIndex = 0; else field.value = "";
    });
    next.querySelectorAll("label[for]").forEach((label) => { label.htmlFor = rename(label.htmlFor); });
    next.querySelectorAll(".errorlist").forEach((list) => list.remove());
    next.setAttribute("aria-label", button.dataset.rowLabel.replace("N", rows.length + 1));
    last.after(next);
    total.value = rows.length + 1;
    if (rows.length + 1 >= max) button.hidden = true;
    next.querySelector("input").focus();
  });
})();
