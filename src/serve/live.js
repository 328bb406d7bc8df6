// Live reload for `reperes serve`: injected into every page the preview serves, never part of a
// built site. The page's CSP allows same-origin scripts, workers and EventSource, not inline
// code.
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script) return;
  // The endpoints sit beside this script, under the site's base path.
  var base = script.src.replace(/live\.js(?:[?#].*)?$/, '');
  // The build this page comes from: a newer one makes it reload (an edit saved while the page
  // was loading is not missed).
  var generation = Number(script.getAttribute('data-generation') || '0');
  function reloadIfNewer(latest) {
    if (Number(latest) > generation) window.location.reload();
  }
  // One event stream per browser, shared by its open pages through a SharedWorker: a browser
  // opens at most six HTTP/1.1 connections to a host, and a stream per tab would take them all.
  function sharedStream() {
    if (typeof SharedWorker === 'undefined') return false;
    try {
      var worker = new SharedWorker(base + 'live-worker.js');
      worker.port.onmessage = function (message) {
        reloadIfNewer(message.data);
      };
      worker.port.start();
      return true;
    } catch (error) {
      // Workers refused (a privacy setting): a stream of this page's own instead.
      return !error;
    }
  }
  if (sharedStream()) return;
  if (typeof EventSource === 'undefined') return;
  var url = base + 'events' + (generation ? '?since=' + generation : '');
  var events = new EventSource(url);
  events.addEventListener('reload', function (event) {
    if (Number(event.data) > generation) {
      events.close();
      window.location.reload();
    }
  });
})();
