/* Material's search worker, loaded on the first query: why and how in
 * hooks/clinic_site/search_on_demand.py. Pages start this worker instead (overrides/main.html). */
(function () {
  "use strict";
  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3; // Material's SearchMessageType
  var here = new URL(self.location.href);
  var materialWorker = new URL("../assets/javascripts/workers/" + here.searchParams.get("material"), here).href;
  var fullIndex = new URL("../search/search_index_full.json", here).href;

  var toPage = self.postMessage.bind(self);
  var setup = null;      // the page's SETUP data: settings, and options such as suggestions
  var loading = false;   // Material's worker is being loaded
  var ready = false;     // Material's worker has built the index: messages go straight to it
  var passing = false;   // a message of ours is being handed to Material's worker
  var waiting = null;    // the latest query that arrived while loading

  function toMaterial(message) {
    passing = true;
    try {
      self.dispatchEvent(new MessageEvent("message", { data: message }));
    } finally {
      passing = false;
    }
  }

  function load() {
    loading = true;
    fetch(fullIndex)
      .then(function (response) {
        if (!response.ok) throw new Error(fullIndex + ": " + response.status);
        return response.json();
      })
      .then(function (index) {
        // Material's worker answers SETUP with READY; the page had ours long ago.
        self.postMessage = function (message) {
          if (message && message.type === READY) {
            ready = true;
            if (waiting !== null) toMaterial({ type: QUERY, data: waiting });
            waiting = null;
            return;
          }
          toPage(message);
        };
        importScripts(materialWorker);
        toMaterial({ type: SETUP, data: { config: index.config, docs: index.docs, options: setup.options } });
      })
      .catch(function (error) {
        loading = false; // try again on the next query
        console.warn("Search could not load: " + error.message);
        toPage({ type: RESULT, data: { items: [] } });
      });
  }

  self.addEventListener("message", function (event) {
    if (passing || ready) return; // Material's own listener (added by importScripts) handles it
    event.stopImmediatePropagation();
    var message = event.data;
    if (message.type === SETUP) {
      setup = message.data;
      toPage({ type: READY });
    } else if (message.type === QUERY) {
      if (!loading && !message.data.trim()) {
        toPage({ type: RESULT, data: { items: [] } }); // what Material answers to an empty query
        return;
      }
      waiting = message.data;
      if (!loading) load();
    }
  });
})();
