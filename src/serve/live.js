// Live reload for `reperes serve`: injected into every page the preview serves, never part of a
// built site. The page's CSP allows same-origin scripts and EventSource, not inline code.
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || typeof EventSource === 'undefined') return;
  // The endpoints sit beside this script, under the site's base path.
  var base = script.src.replace(/live\.js(?:[?#].*)?$/, '');
  // The build this page comes from: the server sends `reload` at once if a newer one is served
  // (an edit saved while the page was loading is not missed).
  var generation = script.getAttribute('data-generation');
  var url = base + 'events' + (generation ? '?since=' + encodeURIComponent(generation) : '');
  var events = new EventSource(url);
  events.addEventListener('reload', function () {
    events.close();
    window.location.reload();
  });
})();
