/* Statistics charts: progressive enhancement. Each <canvas data-chart="…"> reads its data
 * from the <script type="application/json"> block it names; the table under the chart
 * holds the same figures, so nothing is lost without JavaScript. No inline scripts (CSP). */
(function () {
  'use strict';
  if (typeof window.Chart === 'undefined') return;
  // Colour-blind-safe palette (Okabe–Ito), dark enough against white.
  var COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];
  var canvases = document.querySelectorAll('canvas[data-chart]');
  Array.prototype.forEach.call(canvases, function (canvas) {
    var source = document.getElementById(canvas.getAttribute('data-chart'));
    if (!source) return;
    var spec = JSON.parse(source.textContent || '{}');
    var chart = new window.Chart(canvas, {
      type: spec.type || 'bar',
      data: {
        labels: spec.labels,
        datasets: spec.datasets.map(function (d, i) {
          return { label: d.label, data: d.data, backgroundColor: COLOURS[i % COLOURS.length], borderColor: COLOURS[i % COLOURS.length] };
        }),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        locale: 'sv-SE',
        scales: {
          x: { stacked: !!spec.stacked },
          y: { stacked: !!spec.stacked, beginAtZero: true, ticks: { precision: 0 } },
        },
        plugins: { legend: { position: 'bottom' } },
      },
    });
    canvas.setAttribute('data-rendered', 'true');
    return chart;
  });
})();
