// Locations (loc_…): named areas, a circle or a GeoJSON polygon. Voucherify makes them in its
// dashboard only, so the mock's come from the fixtures and the API only reads them.

import { defineCollection } from '../../store/collection.js';
import type { Tenant } from '../../store/tenant.js';

export type LocationShape =
  | { type: 'circle'; format: 'distance'; distance: { center: string; radius: string } }
  | { type: 'polygon'; format: 'geojson'; geojson: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown[] } };

export interface Location {
  id: string;
  object: 'location';
  name: string;
  shape: LocationShape;
  created_at: string;
  updated_at: string | null;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** What is wrong with a fixture location's shape, or undefined. */
function shapeProblem(shape: unknown): string | undefined {
  if (!isObject(shape)) return 'has no shape object';
  if (shape.type === 'circle') {
    const distance = shape.distance;
    return shape.format === 'distance' && isObject(distance) && typeof distance.center === 'string' && distance.center.startsWith('geo:') && typeof distance.radius === 'string'
      ? undefined
      : 'has a circle shape without format "distance" and distance {center: "geo:…", radius}';
  }
  if (shape.type === 'polygon') {
    const geojson = shape.geojson;
    return shape.format === 'geojson' && isObject(geojson) && (geojson.type === 'Polygon' || geojson.type === 'MultiPolygon') && Array.isArray(geojson.coordinates)
      ? undefined
      : 'has a polygon shape without format "geojson" and a geojson Polygon or MultiPolygon';
  }
  return 'has a shape whose type is neither circle nor polygon';
}

export const locationRecords = defineCollection<Location>()({
  name: 'locations',
  recordName: 'location',
  check: (l) =>
    typeof l.name !== 'string' || !l.name
      ? 'has no name'
      : typeof l.created_at !== 'string' || Number.isNaN(Date.parse(l.created_at))
        ? 'has no created_at date'
        : shapeProblem(l.shape),
});

export const locations = (tenant: Tenant) => tenant.collection(locationRecords);
