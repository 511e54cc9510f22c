// The Leaflet 1.9.4 baseline for `cargo xtask bench-map`: the same map InnoMap draws, set up the way
// the Leaflet documentation does it, so the benchmark compares like with like.
//
// - the same two files InnoMap fetches (data/innocities.geojson and data/basemap.geojson, served
//   from the same place, so with the generated dataset both pages get the same file);
// - the same first view: InnoMap's home view fits the InnoCities with 48 px to spare (falling back
//   to every marker, then to the map area), at a fractional zoom, so `zoomSnap: 0` here too, and
//   the same zoom range (3 to 12);
// - the basemap as one L.geoJSON layer with the SVG renderer (InnoMap draws SVG paths too), not
//   interactive, styled like public/style.css; the `land`, `lake` and `border` layers are drawn;
// - one L.marker with an L.divIcon per place and organisation (a focusable DOM element, as
//   InnoMap's <button> markers are), in an L.markerClusterGroup with its default options;
// - `performance.mark("map-ready")` in the first animation frame after the basemap and the
//   markers are on the map, as InnoMap marks it.

const MAP_AREA = L.latLngBounds([34, -26], [72, 45]);
const FIT_PADDING = [48, 48];
const ZOOM_RANGE = { minZoom: 3, maxZoom: 12 };

const BASEMAP_STYLE = {
  land: { fillColor: '#f4f3ee', fillOpacity: 1, color: '#9fb6c8', weight: 0.8, lineJoin: 'round' },
  lake: { fillColor: '#c9dceb', fillOpacity: 1, color: '#9fb6c8', weight: 0.8, lineJoin: 'round' },
  border: { fill: false, color: '#a7a39a', weight: 0.8, lineJoin: 'round' },
};

const ICONS = Object.fromEntries(
  ['innocity', 'partner', 'organisation'].map((kind) => [
    kind,
    L.divIcon({ className: `marker marker--${kind}`, html: '<span class="marker__shape"></span>', iconSize: [32, 32] }),
  ]),
);

async function getJson(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.json();
}

/** Places and organisations with a point, as InnoMap's core::model markers() lists them. */
function markersOf(dataset) {
  return dataset.features
    .filter((f) => (f.properties?.record === 'place' || f.properties?.record === 'organisation') && f.geometry?.type === 'Point')
    .map((f) => {
      const [lon, lat] = f.geometry.coordinates;
      const kind = f.properties.record === 'organisation' ? 'organisation' : f.properties.kind === 'innocity' ? 'innocity' : 'partner';
      return { id: f.id, kind, latLng: L.latLng(lat, lon), name: f.properties.name?.en ?? String(f.id) };
    });
}

function homeBounds(markers) {
  const innocities = markers.filter((m) => m.kind === 'innocity');
  const chosen = innocities.length > 0 ? innocities : markers;
  return chosen.length > 0 ? L.latLngBounds(chosen.map((m) => m.latLng)) : MAP_AREA;
}

const [dataset, basemap] = await Promise.all([getJson('../data/innocities.geojson'), getJson('../data/basemap.geojson')]);
const markers = markersOf(dataset);

const map = L.map('map', { ...ZOOM_RANGE, zoomSnap: 0, renderer: L.svg() });
map.fitBounds(homeBounds(markers), { padding: FIT_PADDING, animate: false });

L.geoJSON(basemap, {
  filter: (feature) => feature.properties?.layer in BASEMAP_STYLE,
  style: (feature) => BASEMAP_STYLE[feature.properties.layer],
  interactive: false,
}).addTo(map);

const clusters = L.markerClusterGroup();
clusters.addLayers(markers.map((m) => L.marker(m.latLng, { icon: ICONS[m.kind], title: m.name, keyboard: true })));
map.addLayer(clusters);
map.attributionControl.addAttribution('Made with Natural Earth');

requestAnimationFrame(() => performance.mark('map-ready'));
