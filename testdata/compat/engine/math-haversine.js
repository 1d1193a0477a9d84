// compat: context {"from": {"lat": 48.8566, "lon": 2.3522}, "to": [{"lat": 51.5074, "lon": -0.1278}, {"lat": 40.7128, "lon": -74.006}, {"lat": -33.8688, "lon": 151.2093}]}
const R = 6371;
const rad = (d) => (d * Math.PI) / 180;
function haversine(a, b) {
  const dLat = rad(b.lat - a.lat), dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.atan2(Math.sqrt(h), Math.sqrt(1 - h));
}
const viaAsin = (a, b) => 2 * R * Math.asin(Math.sqrt(Math.sin(rad(b.lat - a.lat) / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lon - a.lon) / 2) ** 2));
return context.to.map((p) => [haversine(context.from, p), viaAsin(context.from, p)]);
