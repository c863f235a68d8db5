/**
 * Hover text for chart marks (and the case notes opened for printing), read from the `aria-label` Vega writes from each mark's description.
 * Inline and dependency-free; text goes in through textContent, so it can never become markup.
 */
export const TOOLTIP_SCRIPT = `
(function () {
  var tip = document.getElementById('tooltip');
  function target(e) { var el = e.target; while (el && el !== document) { if (el.getAttribute && el.getAttribute('aria-roledescription') && el.getAttribute('aria-label') && el.closest('figure')) return el; el = el.parentNode; } return null; }
  document.addEventListener('mouseover', function (e) { var el = target(e); if (!el) { tip.style.display = 'none'; return; } tip.textContent = el.getAttribute('aria-label'); tip.style.display = 'block'; });
  document.addEventListener('mousemove', function (e) { tip.style.left = (e.clientX + 14) + 'px'; tip.style.top = (e.clientY + 14) + 'px'; });
  document.addEventListener('mouseout', function (e) { if (!target(e)) tip.style.display = 'none'; });
  // Printing opens every collapsed note of the case table (and closes them again afterwards), for
  // browsers whose print stylesheet cannot open a <details>.
  var opened = [];
  window.addEventListener('beforeprint', function () { document.querySelectorAll('#cases details:not([open])').forEach(function (d) { d.open = true; opened.push(d); }); });
  window.addEventListener('afterprint', function () { opened.forEach(function (d) { d.open = false; }); opened = []; });
})();
`;
