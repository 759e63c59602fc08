// Who met whom: turns the server's circle layout into a force layout (actors who met often end up
// close together) and lights up an actor's ties on hover or keyboard focus. The page is complete
// without it: the SVG and the table of pairs are rendered by the server.
(function () {
  "use strict";
  var svg = document.getElementById("network-graph");
  if (!svg) return;
  var box = svg.viewBox.baseVal, W = box.width, H = box.height, PAD = 24;
  var each = function (selector, fn) { return Array.prototype.map.call(svg.querySelectorAll(selector), fn); };

  var nodes = each(".node", function (el) {
    var m = /translate\(\s*([-\d.]+)[\s,]+([-\d.]+)\s*\)/.exec(el.getAttribute("transform")) || [0, W / 2, H / 2];
    var text = el.querySelector("text");
    return { el: el, x: +m[1], y: +m[2], r: +el.querySelector("circle").getAttribute("r"),
             label: text ? text.getComputedTextLength() + 6 : 0, links: [] };
  });
  var edges = each(".edge", function (el) {
    var e = { el: el, a: nodes[+el.dataset.a], b: nodes[+el.dataset.b], w: +el.dataset.meetings || 1 };
    if (e.a && e.b) { e.a.links.push(e); e.b.links.push(e); }
    return e;
  }).filter(function (e) { return e.a && e.b; });

  layout();
  draw();
  nodes.forEach(function (n) {
    var on = function () { light(n, true); }, off = function () { light(n, false); };
    n.el.addEventListener("mouseenter", on);
    n.el.addEventListener("focus", on);
    n.el.addEventListener("mouseleave", off);
    n.el.addEventListener("blur", off);
  });
  svg.classList.add("laid-out");

  // Fruchterman–Reingold: every pair repels, shared meetings attract (more meetings, stronger),
  // a weak pull to the centre keeps small components on screen; the step size cools down.
  function layout() {
    var k = 0.8 * Math.sqrt((W * H) / Math.max(nodes.length, 1)), t = W / 8;
    for (var step = 0; step < 300; step++, t *= 0.985) {
      nodes.forEach(function (n) { n.dx = 0; n.dy = 0; });
      for (var i = 0; i < nodes.length; i++) {
        for (var j = i + 1; j < nodes.length; j++) {
          var a = nodes[i], b = nodes[j], dx = a.x - b.x, dy = a.y - b.y, d = Math.max(Math.hypot(dx, dy), 1);
          var f = (k * k) / d / d;
          a.dx += dx * f; a.dy += dy * f; b.dx -= dx * f; b.dy -= dy * f;
        }
      }
      edges.forEach(function (e) {
        var dx = e.a.x - e.b.x, dy = e.a.y - e.b.y, d = Math.max(Math.hypot(dx, dy), 1);
        var f = (d / k) * (0.6 + 0.4 * Math.log(1 + e.w));
        e.a.dx -= dx * f; e.a.dy -= dy * f; e.b.dx += dx * f; e.b.dy += dy * f;
      });
      nodes.forEach(function (n) {
        n.dx -= (n.x - W / 2) * 0.05; n.dy -= (n.y - H / 2) * 0.05;
        var len = Math.max(Math.hypot(n.dx, n.dy), 1e-9), s = Math.min(len, t) / len;
        // Keep the circle and its label inside the picture.
        n.x = Math.min(Math.max(n.x + n.dx * s, PAD + n.r), W - PAD - n.r - n.label);
        n.y = Math.min(Math.max(n.y + n.dy * s, PAD + n.r), H - PAD - n.r);
      });
    }
  }

  function draw() {
    nodes.forEach(function (n) {
      n.el.setAttribute("transform", "translate(" + n.x.toFixed(1) + " " + n.y.toFixed(1) + ")");
    });
    edges.forEach(function (e) {
      e.el.setAttribute("x1", e.a.x.toFixed(1)); e.el.setAttribute("y1", e.a.y.toFixed(1));
      e.el.setAttribute("x2", e.b.x.toFixed(1)); e.el.setAttribute("y2", e.b.y.toFixed(1));
    });
  }

  function light(n, on) {
    svg.classList.toggle("focused", on);
    n.el.classList.toggle("lit", on);
    n.links.forEach(function (e) {
      e.el.classList.toggle("lit", on);
      (e.a === n ? e.b : e.a).el.classList.toggle("lit", on);
    });
  }
})();
