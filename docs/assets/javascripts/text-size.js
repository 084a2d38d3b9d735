// The text-size control of every page's footer (overrides/partials/copyright.html), as Hong Kong
// government sites have one: standard, large, larger. The choice is kept in this browser only
// (localStorage, never sent anywhere) and applied before the page is drawn by the inline script
// of overrides/partials/javascripts/text-size.html, so every page opens at the reader's size.
// Without scripts the control stays hidden: the browser's own zoom still works.
(function () {
  var KEY = "text-size";
  var control = document.querySelector(".text-size");
  if (!control) return;
  var status = control.querySelector("[role=status]");
  var buttons = control.querySelectorAll("button[data-size]");

  function show(size) {
    buttons.forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.getAttribute("data-size") === size));
    });
  }

  buttons.forEach(function (button) {
    button.addEventListener("click", function () {
      var size = button.getAttribute("data-size");
      if (size) document.documentElement.setAttribute("data-text-size", size);
      else document.documentElement.removeAttribute("data-text-size");
      try {
        if (size) localStorage.setItem(KEY, size);
        else localStorage.removeItem(KEY);
      } catch (error) {
        // No storage (a private mode may refuse it): this page only.
      }
      show(size);
      // Said once, by the live region: the size is now this one (given as a function, so that a
      // '$' in the label is not read as a replacement pattern).
      status.textContent = control.getAttribute("data-announce").replace("{size}", () => button.textContent);
    });
  });
  show(document.documentElement.getAttribute("data-text-size") || "");
  control.hidden = false;
})();
