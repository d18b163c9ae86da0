// Keyboard on the review desk: j / k move through the queue, Enter opens the selected case.
(function () {
  let index = -1;
  function rows() { return Array.from(document.querySelectorAll("table.desk tbody tr")); }
  function select(next) {
    const all = rows();
    if (!all.length) return;
    index = Math.max(0, Math.min(all.length - 1, next));
    all.forEach((row, i) => row.classList.toggle("is-selected", i === index));
    const link = all[index].querySelector("a");
    if (link) link.focus();
  }
  document.addEventListener("keydown", (event) => {
    const tag = (event.target.tagName || "").toLowerCase();
    if (["input", "textarea", "select"].includes(tag) || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "j") { select(index + 1); event.preventDefault(); }
    if (event.key === "k") { select(index - 1); event.preventDefault(); }
  });
  document.body.addEventListener("htmx:afterSwap", () => { index = -1; });
})();
