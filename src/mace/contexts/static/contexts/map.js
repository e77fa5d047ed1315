/* Places on a map (Leaflet), when a tile server is configured: data from json_script. */
(function () {
  "use strict";
  var holder = document.getElementById("places-map");
  var source = document.getElementById("places-map-data");
  if (!holder || !source || typeof L === "undefined") { return; }
  var config = JSON.parse(source.textContent);
  holder.style.height = "480px";
  var map = L.map(holder);
  L.tileLayer(config.tiles, { attribution: config.attribution, maxZoom: 19 }).addTo(map);
  var bounds = [];
  config.points.forEach(function (p) {
    var radius = 6 + Math.min(p.children, 10) * 2;
    var marker = L.circleMarker([p.lat, p.lng], { radius: radius, color: "#d4351c", weight: 2 });
    var popup = document.createElement("div");
    var link = document.createElement("a");
    link.href = p.url;
    link.textContent = p.name;
    popup.appendChild(link);
    popup.appendChild(document.createElement("br"));
    popup.appendChild(document.createTextNode(
      p.kind + ", " + p.ward + ": " + p.children + (p.children === 1 ? " child" : " children") + " linked"));
    marker.bindPopup(popup).addTo(map);
    bounds.push([p.lat, p.lng]);
  });
  if (bounds.length) { map.fitBounds(bounds, { padding: [24, 24], maxZoom: 15 }); }
  else { map.setView([53.8, -1.55], 11); }
}());
