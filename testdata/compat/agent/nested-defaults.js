// compat: context {"places":[{"name":"A","geo":[52.5,13.4]},{"name":"B"},{"name":"C","geo":[48.8]}]}
const describe = ({ name, geo: [lat = 0, lng = 0] = [] }) => `${name}: ${lat.toFixed(2)}, ${lng.toFixed(2)}`;
return context.places.map(describe);
