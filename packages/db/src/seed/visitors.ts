import type { Random } from './random.js';

const devices = [
  ['mobile', 78],
  ['tablet', 14],
  ['desktop', 8],
] as const;

type Device = (typeof devices)[number][0];

const platforms: Record<Device, readonly (readonly [readonly [string, string, string], number])[]> = {
  mobile: [
    [
      [
        'iOS',
        'Safari',
        'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
      ],
      46,
    ],
    [
      [
        'iOS',
        'Chrome',
        'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1',
      ],
      8,
    ],
    [
      [
        'Android',
        'Chrome',
        'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
      ],
      32,
    ],
    [
      [
        'Android',
        'Samsung Internet',
        'Mozilla/5.0 (Linux; Android 14; SM-S921B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36',
      ],
      10,
    ],
    [['Android', 'Firefox', 'Mozilla/5.0 (Android 14; Mobile; rv:132.0) Gecko/132.0 Firefox/132.0'], 4],
  ],
  tablet: [
    [
      [
        'iPadOS',
        'Safari',
        'Mozilla/5.0 (iPad; CPU OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
      ],
      70,
    ],
    [
      [
        'Android',
        'Chrome',
        'Mozilla/5.0 (Linux; Android 14; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
      ],
      30,
    ],
  ],
  desktop: [
    [
      [
        'Windows',
        'Chrome',
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
      ],
      45,
    ],
    [
      [
        'Windows',
        'Edge',
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
      ],
      15,
    ],
    [
      [
        'macOS',
        'Safari',
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
      ],
      25,
    ],
    [
      [
        'macOS',
        'Firefox',
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.7; rv:132.0) Gecko/20100101 Firefox/132.0',
      ],
      15,
    ],
  ],
};

const places: readonly (readonly [readonly [string, string], number])[] = [
  [['Germany', 'Berlin'], 14],
  [['Germany', 'Munich'], 8],
  [['United States', 'New York'], 12],
  [['United States', 'San Francisco'], 6],
  [['United Kingdom', 'London'], 10],
  [['France', 'Paris'], 9],
  [['Spain', 'Madrid'], 6],
  [['Italy', 'Milan'], 5],
  [['Netherlands', 'Amsterdam'], 5],
  [['Poland', 'Warsaw'], 4],
  [['Japan', 'Tokyo'], 6],
  [['Brazil', 'São Paulo'], 4],
  [['Canada', 'Toronto'], 4],
  [['Australia', 'Sydney'], 3],
];

const qualities = [
  ['good', 62],
  ['fair', 23],
  ['poor', 10],
  ['failed', 5],
] as const;

const videoPlayRate: Record<(typeof qualities)[number][0], number> = {
  good: 0.86,
  fair: 0.62,
  poor: 0.25,
  failed: 0,
};

/** One visitor's device and session outcome, with the proportions seen on phone-first AR campaigns. */
export function randomVisit(random: Random) {
  const deviceType = random.weighted(devices);
  const [os, browser, userAgent] = random.weighted(platforms[deviceType]);
  const [country, city] = random.weighted(places);
  const trackingQuality = random.weighted(qualities);
  const videoPlayed = random.next() < videoPlayRate[trackingQuality];
  // Some visitors leave before the end beacon gets out: their duration stays unknown.
  const lostEnd = random.next() < 0.05;
  const seconds =
    trackingQuality === 'failed'
      ? random.int(3, 20)
      : Math.min(1800, Math.round(Math.exp(3.4 + 0.8 * random.normal()) + (videoPlayed ? 15 : 0)));
  return {
    deviceType,
    os,
    browser,
    userAgent,
    country,
    city,
    ipAddress: `198.51.${random.int(0, 255)}.0`,
    trackingQuality,
    videoPlayed,
    durationSeconds: lostEnd ? null : seconds,
  };
}
