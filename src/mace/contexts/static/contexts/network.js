// Draws the network with Cytoscape.js from the elements the page passes in
// #network-data. The tables below the drawing say the same; the drawing adds nothing.
const container = document.getElementById("network-drawing");
const data = document.getElementById("network-data");
if (container && data && window.cytoscape) {
  const colours = {
    child: "#1d70b8",
    person: "#d4351c",
    place: "#00703c",
    peer_group: "#4c2c92",
    theme: "#f47738",
    vehicle: "#505a5f",
    phone: "#505a5f",
    online_account: "#505a5f",
  };
  const cy = window.cytoscape({
    container,
    elements: JSON.parse(data.textContent),
    layout: { name: "cose", animate: false, randomize: false },
    style: [
      {
        selector: "node",
        style: {
          label: "data(label)",
          "background-color": (n) => colours[n.data("kind")] || "#505a5f",
          "font-size": 11,
          "text-wrap": "wrap",
          "text-max-width": 120,
        },
      },
      { selector: "node[?root]", style: { "border-width": 4, "border-color": "#0b0c0c" } },
      {
        selector: "edge",
        style: {
          width: 2,
          "line-color": "#b1b4b6",
          "target-arrow-shape": "triangle",
          "target-arrow-color": "#b1b4b6",
          "curve-style": "bezier",
          label: "data(label)",
          "font-size": 9,
        },
      },
    ],
  });
  cy.on("tap", "node", (event) => {
    const url = event.target.data("url");
    if (url) window.location.assign(url);
  });
}
