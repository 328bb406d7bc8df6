// Live reload for `reperes serve`: injected into every page the preview serves, never part of a
// built site. The page's CSP allows same-origin scripts and EventSource, not inline code.
//
// Each open page holds one stream, so a seventh open page of the preview waits for a connection
// (browsers open six HTTP/1.1 connections per host). Two shared-stream designs were tried for
// #17, a SharedWorker and a Web Lock electing one page that relays through a BroadcastChannel:
// both passed an eight-tab browser test on a quiet machine and failed it about one run in three
// under CPU load, a reloading tab's navigation stalling for about 20 s (cause not found; see the
// notes of #17 before trying again).
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
