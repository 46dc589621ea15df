/* The pages' few behaviours, by data attributes: no inline script or handler anywhere, so
   the Content-Security-Policy can allow scripts from this site only (script-src 'self'). */
(function () {
  "use strict";

  // <button data-menu-toggle aria-controls="id">: the folded menu on a phone
  document.addEventListener("click", function (event) {
    var toggle = event.target.closest("[data-menu-toggle]");
    if (toggle) {
      var menu = document.getElementById(toggle.getAttribute("aria-controls"));
      if (menu) toggle.setAttribute("aria-expanded", String(menu.classList.toggle("open")));
      return;
    }
    if (event.target.closest("[data-print]")) {
      window.print();
      return;
    }
    var back = event.target.closest("a[data-back]");
    if (back && window.history.length > 1) {
      event.preventDefault();
      window.history.back();
    }
  });

  // <select data-autosubmit>: a filter that applies itself
  document.addEventListener("change", function (event) {
    var select = event.target.closest("select[data-autosubmit]");
    if (select && select.form) select.form.submit();
  });

  // <form data-confirm="question">: asked before the form is sent
  document.addEventListener("submit", function (event) {
    var form = event.target.closest("form[data-confirm]");
    if (form && !window.confirm(form.getAttribute("data-confirm"))) event.preventDefault();
  }, true);

  // <form data-sum-into="id"> with <input class="score">: the running total of the scores
  document.addEventListener("input", function (event) {
    var form = event.target.closest("form[data-sum-into]");
    var out = form && document.getElementById(form.getAttribute("data-sum-into"));
    if (!out) return;
    var sum = 0;
    form.querySelectorAll("input.score").forEach(function (el) {
      var n = parseFloat(el.value);
      if (!isNaN(n)) sum += n;
    });
    out.textContent = sum.toFixed(2);
  });
})();
