// Distance between two GPS points in feet, as upstream computed it (util/gps_h.py, a haversine
// with a 6 371 000 m Earth and miles → feet through 0.000621371 mi/m): the GPS fallback of the
// device match compares it with a threshold, so the same formula keeps the same decisions.

const EARTH_RADIUS_METERS = 6_371_000;
const MILES_PER_METER = 0.000621371;
const FEET_PER_MILE = 5280;

export function distanceFeet(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const phi1 = radians(lat1);
  const phi2 = radians(lat2);
  const deltaPhi = radians(lat2 - lat1);
  const deltaLambda = radians(lon2 - lon1);
  const sinPhi = Math.sin(deltaPhi / 2);
  const sinLambda = Math.sin(deltaLambda / 2);
  // Same operation order as the Python expression (sin² terms squared first).
  const a = sinPhi * sinPhi + Math.cos(phi1) * Math.cos(phi2) * (sinLambda * sinLambda);
  const c = 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
  const meters = EARTH_RADIUS_METERS * c;
  return meters * MILES_PER_METER * FEET_PER_MILE;
}

// Python's math.radians multiplies by one constant (pi / 180).
const DEGREES_TO_RADIANS = Math.PI / 180;

function radians(degrees: number): number {
  return degrees * DEGREES_TO_RADIANS;
}
