import { isCalendarDate } from './optional-field.js';

describe('isCalendarDate', () => {
  it.each(['2020-01-31', '2024-02-29', '1895-12-28'])('accepts %s', (value) => {
    expect(isCalendarDate(value)).toBe(true);
  });

  it.each(['2020-13-40', '2021-02-29', '2020-1-5', '2020-01-01T00:00:00Z', '', 20200101, null])(
    'refuses %p',
    (value) => {
      expect(isCalendarDate(value)).toBe(false);
    },
  );
});
