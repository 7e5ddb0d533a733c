(function () {
  "use strict";
  function flash(el) {
    if (!el) return;
    el.classList.remove("flash");
    void el.offsetWidth;
    el.classList.add("flash");
  }
  function showFinding(n) {
    var li = document.getElementById("f" + n);
    if (!li) return;
    document.querySelectorAll("li.finding.active").forEach(function (x) { x.classList.remove("active"); });
    li.classList.add("active");
    li.scrollIntoView({ behavior: "smooth", block: "center" });
    flash(li);
  }
  document.addEventListener("click", function (ev) {
    var t = ev.target;
    if (!(t instanceof Element)) return;
    var goto = t.closest("a.goto");
    if (goto) {
      var m = document.getElementById(goto.getAttribute("href").slice(1));
      if (m) { ev.preventDefault(); m.scrollIntoView({ behavior: "smooth", block: "center" }); flash(m); }
      return;
    }
    var fn = t.closest("a.fn, td.bad a");
    if (fn) { ev.preventDefault(); showFinding(fn.getAttribute("href").slice(2)); return; }
    var mk = t.closest("mark.fm");
    if (mk) { showFinding(mk.getAttribute("data-f")); }
  });
  var key = "nianbao-todo:" + (document.body.getAttribute("data-key") || location.pathname);
  var boxes = document.querySelectorAll("ol.todo input[type=checkbox]");
  var saved = {};
  try { saved = JSON.parse(localStorage.getItem(key) || "{}"); } catch (e) { saved = {}; }
  boxes.forEach(function (b) {
    if (saved[b.id]) b.checked = true;
    b.addEventListener("change", function () {
      saved[b.id] = b.checked;
      try { localStorage.setItem(key, JSON.stringify(saved)); } catch (e) { /* storage unavailable */ }
    });
  });
})();
