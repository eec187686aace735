// The meter of a metered story, kept in this browser (one cached page serves every
// anonymous reader): the stories read this month, by id, in localStorage. Past the limit
// the part behind the wall is hidden and the offer shown. Without JavaScript, or without
// storage, the story is read in full (a soft meter).
(function () {
  "use strict";
  var meter = document.getElementById("nr-meter");
  if (!meter) return;
  var limit = parseInt(meter.getAttribute("data-limit"), 10);
  var article = meter.getAttribute("data-article");
  if (isNaN(limit) || !article) return;
  var KEY = "newsroom-meter";
  var now = new Date();
  var month = now.getFullYear() + "-" + (now.getMonth() + 1);
  var state;
  try {
    state = JSON.parse(window.localStorage.getItem(KEY) || "null");
  } catch (e) {
    return;
  }
  if (!state || state.month !== month || !Array.isArray(state.read)) {
    state = { month: month, read: [] };
  }
  if (state.read.indexOf(article) === -1) {
    if (state.read.length >= limit) {
      var gated = document.querySelectorAll(".article__gated");
      for (var i = 0; i < gated.length; i++) gated[i].hidden = true;
      meter.hidden = false;
      return;
    }
    state.read.push(article);
    try {
      window.localStorage.setItem(KEY, JSON.stringify(state));
    } catch (e) {
      /* storage full or refused: the story stays readable */
    }
  }
  meter.setAttribute("data-read", String(state.read.length));
})();
