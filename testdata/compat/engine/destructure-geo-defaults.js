// compat: context {"places": [{"name": "A", "geo": [48.85, 2.35]}, {"name": "B"}, {"name": "C", "geo": [51.5]}]}
const toPoint = ({ name, geo: [lat = 0, lng = 0] = [] }) => ({ name, lat, lng });
return context.places.map(toPoint);
