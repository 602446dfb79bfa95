import assert from "node:assert/strict";
import { parseSessionDate, shortDate } from "./session_date.ts";

Deno.test("parseSessionDate() reads LOCOMO dates into ISO local date-times", () => {
  assert.equal(parseSessionDate("1:56 pm on 8 May, 2023"), "2023-05-08T13:56:00");
  assert.equal(parseSessionDate("10:15 am on 3 March, 2023"), "2023-03-03T10:15:00");
  assert.equal(parseSessionDate("1:05 PM on 9 june, 2023"), "2023-06-09T13:05:00");
  assert.equal(parseSessionDate("7:00 pm on 31 December 2022"), "2022-12-31T19:00:00");
});

Deno.test("parseSessionDate() maps 12 am to midnight and 12 pm to noon", () => {
  assert.equal(parseSessionDate("12:00 am on 1 January, 2023"), "2023-01-01T00:00:00");
  assert.equal(parseSessionDate("12:59 am on 1 January, 2023"), "2023-01-01T00:59:00");
  assert.equal(parseSessionDate("12:00 pm on 1 January, 2023"), "2023-01-01T12:00:00");
  assert.equal(parseSessionDate("12:30 pm on 1 January, 2023"), "2023-01-01T12:30:00");
  assert.equal(parseSessionDate("1:00 am on 1 January, 2023"), "2023-01-01T01:00:00");
  assert.equal(parseSessionDate("11:59 pm on 1 January, 2023"), "2023-01-01T23:59:00");
});

Deno.test("parseSessionDate() accepts 29 February only in leap years", () => {
  assert.equal(parseSessionDate("9:00 am on 29 February, 2024"), "2024-02-29T09:00:00");
  assert.equal(parseSessionDate("9:00 am on 29 February, 2023"), undefined);
});

Deno.test("parseSessionDate() returns undefined for impossible or unreadable dates", () => {
  for (
    const text of [
      "9:00 am on 31 February, 2023",
      "9:00 am on 31 April, 2023",
      "9:00 am on 0 May, 2023",
      "0:30 am on 1 May, 2023",
      "13:00 pm on 1 May, 2023",
      "10:60 am on 1 May, 2023",
      "9:00 on 1 May, 2023",
      "9:00 am 1 May, 2023",
      "9:00 am on 1 Smarch, 2023",
      "9:00 am on 1 May",
      "8 May, 2023",
      "",
    ]
  ) {
    assert.equal(parseSessionDate(text), undefined, text);
  }
});

Deno.test("shortDate() writes an ISO date as day, month name and year, else the fallback", () => {
  assert.equal(shortDate("2023-05-08T13:56:00", "x"), "8 May 2023");
  assert.equal(shortDate("2022-12-31T19:00:00", "x"), "31 December 2022");
  assert.equal(shortDate("2023-13-01T00:00:00", "raw date"), "raw date");
  assert.equal(shortDate("8 May 2023", "raw date"), "raw date");
});
