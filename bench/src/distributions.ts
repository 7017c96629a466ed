/** A value and its weight; null is a value too, as clients leave fields out. */
export type Mix<T> = readonly (readonly [T, number])[];

export const deviceTypes: Mix<string | null> = [
  ['mobile', 75],
  ['tablet', 10],
  ['desktop', 12],
  [null, 3],
];

export const browsers: Mix<string | null> = [
  ['Safari', 40],
  ['Chrome', 44],
  ['Samsung Internet', 7],
  ['Firefox', 5],
  ['Edge', 2],
  [null, 2],
];

export const operatingSystems: Mix<string | null> = [
  ['iOS', 45],
  ['Android', 47],
  ['Windows', 4],
  ['macOS', 3],
  [null, 1],
];

export const trackingQualities: Mix<string | null> = [
  ['good', 55],
  ['fair', 25],
  ['poor', 10],
  [null, 10],
];

export const userAgents: Mix<string | null> = [
  [
    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
    40,
  ],
  [
    'Mozilla/5.0 (Linux; Android 14; SM-S921B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
    35,
  ],
  [
    'Mozilla/5.0 (iPad; CPU OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1',
    10,
  ],
  [
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
    10,
  ],
  [null, 5],
];

/** Country and city drawn together, so that a city always lies in its country; some visits have neither. */
export const places: Mix<readonly [string | null, string | null]> = [
  [['DE', 'Berlin'], 8],
  [['DE', 'Munich'], 5],
  [['DE', 'Hamburg'], 4],
  [['DE', 'Cologne'], 3],
  [['DE', null], 2],
  [['US', 'New York'], 7],
  [['US', 'Los Angeles'], 5],
  [['US', 'Chicago'], 3],
  [['US', 'Austin'], 2],
  [['US', 'Seattle'], 2],
  [['GB', 'London'], 6],
  [['GB', 'Manchester'], 2],
  [['GB', 'Edinburgh'], 1],
  [['FR', 'Paris'], 5],
  [['FR', 'Lyon'], 2],
  [['FR', 'Marseille'], 1],
  [['ES', 'Madrid'], 3],
  [['ES', 'Barcelona'], 3],
  [['IT', 'Rome'], 2],
  [['IT', 'Milan'], 3],
  [['NL', 'Amsterdam'], 3],
  [['NL', 'Rotterdam'], 1],
  [['AT', 'Vienna'], 2],
  [['CH', 'Zurich'], 2],
  [['CH', 'Geneva'], 1],
  [['PL', 'Warsaw'], 2],
  [['PL', 'Krakow'], 1],
  [['SE', 'Stockholm'], 2],
  [['JP', 'Tokyo'], 3],
  [['JP', 'Osaka'], 1],
  [['BR', 'Sao Paulo'], 2],
  [['BR', 'Rio de Janeiro'], 1],
  [['CA', 'Toronto'], 2],
  [['CA', 'Vancouver'], 1],
  [['AU', 'Sydney'], 2],
  [['AU', 'Melbourne'], 1],
  [['IN', 'Mumbai'], 2],
  [['IN', 'Bangalore'], 1],
  [['IN', 'Delhi'], 1],
  [['US', 'Miami'], 1],
  [['FR', 'Toulouse'], 1],
  [[null, null], 6],
];

/**
 * PostgreSQL's `width_bucket(random(), bounds)` picks the i-th value (1-based) of a mix when bounds are the
 * mix's cumulative lower bounds, so one array look-up per row draws from any mix inside the database.
 */
export function lowerBounds<T>(mix: Mix<T>): number[] {
  const total = mix.reduce((sum, [, weight]) => sum + weight, 0);
  let below = 0;
  return mix.map(([, weight]) => {
    const bound = below / total;
    below += weight;
    return bound;
  });
}
