/* Saknad's own small enhancements for every page (loaded with defer from the layout; no
 * inline scripts, so the strict CSP holds). Every page works without them. */
(function () {
  'use strict';

  // A form that came back with errors: move focus to the error summary, so a keyboard or
  // screen reader user lands on the list of what to fix (role=alert alone only announces it).
  var summary = document.querySelector('.ds-error-summary');
  if (summary) {
    if (!summary.hasAttribute('tabindex')) summary.setAttribute('tabindex', '-1');
    summary.focus();
  }

  // Forms whose work takes a while (opening a round sends every principal a mail, closing
  // freezes it, a confirmation or a referral is stored and mailed): once sent, their
  // buttons are disabled and say what is going on, so nobody presses twice (issue 15).
  // After the submit event, because a button disabled before it would not be sent.
  Array.prototype.forEach.call(document.querySelectorAll('form[data-busy-form]'), function (form) {
    form.addEventListener('submit', function () {
      setTimeout(function () {
        Array.prototype.forEach.call(form.querySelectorAll('button'), function (b) {
          b.disabled = true;
        });
        var own = form.querySelector('button[data-busy-text]');
        if (own) own.textContent = own.getAttribute('data-busy-text');
        form.setAttribute('aria-busy', 'true');
      }, 0);
    });
  });
  // Back to a page kept in the browser's cache: its buttons work again.
  window.addEventListener('pageshow', function (event) {
    if (!event.persisted) return;
    Array.prototype.forEach.call(document.querySelectorAll('form[data-busy-form] button'), function (b) {
      b.disabled = false;
    });
  });

  // Narrow screens show each table row as a stack of "label: value" lines (app.css, below
  // 600 px). The label is the column's header, copied here so the views stay plain tables.
  Array.prototype.forEach.call(document.querySelectorAll('table.ds-table'), function (table) {
    var headers = table.querySelectorAll('thead th');
    if (!headers.length) return;
    var labels = Array.prototype.map.call(headers, function (th) {
      return (th.textContent || '').replace(/\s+/g, ' ').trim();
    });
    Array.prototype.forEach.call(table.querySelectorAll('tbody tr, tfoot tr'), function (row) {
      var column = 0;
      Array.prototype.forEach.call(row.children, function (cell) {
        var label = labels[column];
        if (label && !cell.hasAttribute('data-label')) cell.setAttribute('data-label', label);
        column += Number(cell.getAttribute('colspan')) || 1;
      });
    });
  });
})();
