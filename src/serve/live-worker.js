// The one live-reload event stream of a browser, shared by every page of the preview it has
// open (see live.js). Each page learns the latest build's generation when it connects and after
// every build; a page from an older build reloads.
'use strict';
var ports = [];
var latest = null;
// `since=0`: the server answers at once with the current build's generation.
var events = new EventSource('events?since=0');
events.addEventListener('reload', function (event) {
  latest = event.data;
  ports.forEach(function (port) {
    port.postMessage(latest);
  });
});
self.onconnect = function (connection) {
  var port = connection.ports[0];
  ports.push(port);
  if (latest !== null) port.postMessage(latest);
  port.start();
};
