//! The camera and what moves it: the viewport (centre, zoom, size, limits, fits, flights), the
//! area and zoom range InnoMap keeps to, input from pointers, the wheel and keys turned into
//! camera changes, and the scale bar. Leaflet's `map/` and its handlers.

pub mod gesture;
pub mod input;
pub mod map_area;
pub mod scale;
pub mod viewport;
