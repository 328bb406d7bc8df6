// Live reload for `reperes serve`: injected into every page the preview serves, never part of a
// built site. The page's CSP allows same-origin scripts and EventSource, not inline code.
//
// A browser opens at most six HTTP/1.1 connections to a host, so an event stream per page would
// stall the seventh open page. The pages of a browser therefore share one stream: the page that
// holds a Web Lock (the leader) listens, and tells the others through a BroadcastChannel; when
// it closes or reloads, the lock passes to another page, which listens in turn.
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || typeof EventSource === 'undefined') return;
  // The endpoints sit beside this script, under the site's base path.
  var base = script.src.replace(/live\.js(?:[?#].*)?$/, '');
  // The build this page comes from. The server sends `reload` (with the newest build's number)
  // after each build, and at once if a newer build than `since` is served: an edit saved while
  // the page was loading is not missed.
  var generation = Number(script.getAttribute('data-generation')) || 0;
  var reloading = false;
  function reloadIfNewer(latest) {
    if (latest > generation && !reloading) {
      reloading = true;
      window.location.reload();
    }
  }
  function listen(onGeneration) {
    var events = new EventSource(base + 'events?since=' + generation);
    events.addEventListener('reload', function (event) {
      onGeneration(Number(event.data) || generation + 1);
    });
  }
  if (typeof BroadcastChannel === 'undefined' || !navigator.locks) {
    listen(reloadIfNewer);
    return;
  }
  var name = 'reperes-live ' + base;
  var channel = new BroadcastChannel(name);
  var leading = false;
  // The newest build this page has heard of.
  var latest = generation;
  function tell(number) {
    latest = Math.max(latest, number);
    channel.postMessage({ generation: latest });
  }
  channel.onmessage = function (message) {
    var data = message.data || {};
    // A page that just opened asks the leader which build is the newest.
    if (data.ask) {
      if (leading) tell(latest);
      return;
    }
    if (typeof data.generation === 'number') {
      latest = Math.max(latest, data.generation);
      reloadIfNewer(data.generation);
    }
  };
  navigator.locks.request(name, function () {
    leading = true;
    // Pages that asked while no page led learn the newest build now.
    tell(latest);
    listen(function (number) {
      tell(number);
      reloadIfNewer(number);
    });
    // Held until this page closes or reloads.
    return new window.Promise(function () {});
  });
  channel.postMessage({ ask: true });
})();
