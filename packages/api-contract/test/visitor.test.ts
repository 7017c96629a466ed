import { describe, expect, it } from 'vitest';
import { describeUserAgent } from '../src/visitor.js';

describe('describeUserAgent', () => {
  it('reads device type, browser and OS of common phones, tablets and desktops', () => {
    expect(
      describeUserAgent(
        'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
      ),
    ).toEqual({ deviceType: 'mobile', browser: 'Chrome', os: 'Android' });
    expect(
      describeUserAgent(
        'Mozilla/5.0 (iPad; CPU OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
      ),
    ).toMatchObject({ deviceType: 'tablet', browser: 'Safari' });
    expect(
      describeUserAgent(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
      ),
    ).toEqual({ deviceType: 'desktop', browser: 'Microsoft Edge', os: 'Windows' });
  });

  it('leaves unknown parts null instead of guessing', () => {
    expect(describeUserAgent('curl/8.5.0')).toMatchObject({ deviceType: null, os: null });
    expect(describeUserAgent(undefined)).toEqual({ deviceType: null, browser: null, os: null });
  });
});
