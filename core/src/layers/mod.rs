//! What the map draws, each for a given view: the vector basemap and the optional raster tiles,
//! markers merged into groups, place labels placed without overlaps, country and sea names,
//! project arcs, and the whole map as one SVG picture. Leaflet's `layer/`.

pub mod arcs;
pub mod basemap;
mod basemap_stream;
pub mod cluster;
pub mod group_opening;
pub mod label_placement;
pub mod map_labels;
pub mod map_picture;
pub mod marker_layer;
pub mod marker_set;
pub mod tiles;
