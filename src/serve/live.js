// Live reload for `reperes serve`: injected into every page the preview serves, never part of a
// built site. The page's CSP allows same-origin scripts and connections, not inline code.
//
// Each page opens a WebSocket (`__reperes/live`). A stream per page over HTTP (EventSource) would
// hold one of the six HTTP/1.1 connections a browser opens to a host, so a seventh open page
// would wait for one; WebSockets have a pool of their own. (Two shared-stream designs were tried
// before, a SharedWorker and a Web Lock electing one page that relays through a BroadcastChannel:
// both failed an eight-tab test about one run in three under CPU load.) Where a WebSocket cannot
// open at all (a proxy, a policy), the page falls back to the event stream (`__reperes/events`).
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script) return;
  // The endpoints sit beside this script, under the site's base path.
  var base = script.src.replace(/live\.js(?:[?#].*)?$/, '');
  // The build this page comes from: the server says `reload` at once if a newer one is served
  // (an edit saved while the page was loading is not missed).
  var generation = script.getAttribute('data-generation');
  var query = generation ? '?since=' + encodeURIComponent(generation) : '';
  var everOpened = false;

  function viaEventStream() {
    if (typeof EventSource === 'undefined') return;
    var events = new EventSource(base + 'events' + query);
    events.addEventListener('reload', function () {
      events.close();
      window.location.reload();
    });
  }

  function viaSocket() {
    var socket;
    try {
      socket = new WebSocket(base.replace(/^http/, 'ws') + 'live' + query);
      // ES5 has no catch without a binding; why it was refused does not matter here.
      // eslint-disable-next-line no-unused-vars
    } catch (refused) {
      viaEventStream();
      return;
    }
    socket.onopen = function () {
      everOpened = true;
    };
    socket.onmessage = function (message) {
      if (String(message.data).indexOf('reload') !== 0) return;
      socket.onclose = null;
      socket.close();
      window.location.reload();
    };
    socket.onclose = function () {
      // Never opened here: the event stream instead. Once open, then closed: the preview stopped
      // or restarted; try again each second (`since` then reloads the page if the build changed).
      if (!everOpened) viaEventStream();
      else window.setTimeout(viaSocket, 1000);
    };
  }

  if (typeof WebSocket === 'undefined') viaEventStream();
  else viaSocket();
})();
