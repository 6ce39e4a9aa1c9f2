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
