// The map of incidents: Leaflet over the bundled Natural Earth basemap (or a tile server
// when the server is configured with one), markers sized by casualties and clustered.
/* global L */

import { days, h, range, typeColor } from "./dom.js";

const BASEMAP = "/static/data/countries-110m.geojson";

/** Marker radius in pixels: grows with the square root of the killed (upper bound). */
export function radius(killed) {
  return 6 + Math.min(22, 2.2 * Math.sqrt(killed || 0));
}

function killedOf(incident) {
  return incident.killed_max ?? incident.killed_min ?? 0;
}

function clusterIcon(cluster) {
  const incidents = cluster.getAllChildMarkers().map((m) => m.incident);
  const killed = incidents.reduce((sum, i) => sum + killedOf(i), 0);
  const size = Math.round(2 * radius(killed) + 10);
  const label = h("span", {}, String(incidents.length));
  const icon = h("div", { class: "cluster", title: `${incidents.length} incidents, ${killed} killed` }, label);
  icon.style.width = icon.style.height = `${size}px`;
  icon.style.lineHeight = `${size}px`;
  return L.divIcon({ html: icon, className: "cluster-icon", iconSize: [size, size] });
}

function popup(incident) {
  const killed = range(incident.killed_min, incident.killed_max);
  const injured = range(incident.injured_min, incident.injured_max);
  return h("div", { class: "popup" },
    h("strong", {}, incident.label),
    h("div", { class: "muted" }, days(incident.start, incident.end)),
    killed && h("div", {}, `killed: ${killed}`),
    injured && h("div", {}, `injured: ${injured}`),
    h("div", { class: "muted" }, `${incident.article_count} article${incident.article_count === 1 ? "" : "s"}`),
    h("a", { href: `/incident/${incident.id}`, class: "open-incident" }, "Open incident →"));
}

function wrap(lon) {
  return ((((lon + 180) % 360) + 360) % 360) - 180;
}

export class IncidentMap {
  constructor(element, info) {
    this.fitZoom = info.tiles ? 9 : 4; // the bundled basemap is coarse: no closer than this
    this.map = L.map(element, { worldCopyJump: true, minZoom: 1, maxZoom: 13, zoomSnap: 0.5 });
    this.map.attributionControl.setPrefix(false);
    this.map.setView([25, 20], 2);
    this.attribution = h("span");
    const control = L.control({ position: "bottomright" });
    control.onAdd = () => h("div", { class: "attribution" }, this.attribution);
    control.addTo(this.map);
    if (info.tiles) {
      L.tileLayer(info.tiles, { maxZoom: 19 }).addTo(this.map);
      this.attribution.textContent = info.tiles_attribution || "";
    } else {
      this.attribution.textContent = "Basemap: Natural Earth (public domain)";
      this.basemap = fetch(BASEMAP)
        .then((response) => response.json())
        .then((world) => {
          L.geoJSON(world, { interactive: false, style: { className: "country", weight: 0.6 } })
            .addTo(this.map)
            .bringToBack();
        });
    }
    this.clusters = L.markerClusterGroup({
      showCoverageOnHover: false,
      maxClusterRadius: 36,
      spiderfyOnMaxZoom: true,
      iconCreateFunction: clusterIcon,
    });
    this.map.addLayer(this.clusters);
  }

  /** Show these incidents (those without coordinates are left out); fit them when asked. */
  show(incidents, fit = true) {
    this.clusters.clearLayers();
    const markers = [];
    for (const incident of incidents) {
      if (incident.lat == null || incident.lon == null) continue;
      const marker = L.circleMarker([incident.lat, incident.lon], {
        radius: radius(killedOf(incident)),
        className: `incident-marker type-${incident.type}`,
        color: "#ffffff",
        weight: 1.5,
        fillColor: typeColor(incident.type),
        fillOpacity: 0.82,
      });
      marker.incident = incident;
      marker.bindTooltip(h("span", {}, incident.label), { direction: "top" });
      marker.bindPopup(() => popup(incident), { minWidth: 220 });
      markers.push(marker);
    }
    this.clusters.addLayers(markers);
    if (fit && markers.length) {
      const bounds = L.latLngBounds(markers.map((m) => m.getLatLng()));
      this.map.fitBounds(bounds.pad(0.3), { maxZoom: this.fitZoom });
    }
    return markers.length;
  }

  /** "west,south,east,north" of what the map shows, or "" when it shows the whole world. */
  bbox() {
    const b = this.map.getBounds();
    if (b.getEast() - b.getWest() >= 360) return "";
    const south = Math.max(-90, b.getSouth()).toFixed(3);
    const north = Math.min(90, b.getNorth()).toFixed(3);
    return [wrap(b.getWest()).toFixed(3), south, wrap(b.getEast()).toFixed(3), north].join(",");
  }

  onMove(handler) {
    this.map.on("moveend", handler);
  }
}
