import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { cronScheduleError } from "./schedule.js";
import { loadLocationError } from "./time-zone.js";

describe("batch/v1 CronJob schedules", () => {
  it("accepts what robfig/cron's standard parser accepts", () => {
    for (const s of ["* * * * *", "*/5 * * * *", "0 0 1 1 *", "0-30/10 9-17 * JAN-mar mon-FRI", "0 12 ? * 0,6", "5 4 * * sun", "@hourly", "@daily", "@midnight", "@weekly", "@monthly", "@yearly", "@annually", "@every 1h30m", "TZ=UTC 0 * * * *", "CRON_TZ=America/New_York 0 * * * *"]) {
      assert.equal(cronScheduleError(s), undefined, s);
    }
  });

  it("reports the parser's errors", () => {
    assert.equal(cronScheduleError("* * * *"), "expected exactly 5 fields, found 4: [* * * *]");
    assert.equal(cronScheduleError("0 0 * * * *"), "expected exactly 5 fields, found 6: [0 0 * * * *]");
    assert.equal(cronScheduleError("60 * * * *"), "end of range (60) above maximum (59): 60");
    assert.equal(cronScheduleError("* * 0 * *"), "beginning of range (0) below minimum (1): 0");
    assert.equal(cronScheduleError("* * * * 7"), "end of range (7) above maximum (6): 7");
    assert.equal(cronScheduleError("5-1 * * * *"), "beginning of range (5) beyond end of range (1): 5-1");
    assert.equal(cronScheduleError("1-2-3 * * * *"), "too many hyphens: 1-2-3");
    assert.equal(cronScheduleError("*/2/3 * * * *"), "too many slashes: */2/3");
    assert.equal(cronScheduleError("*/0 * * * *"), "step of range should be a positive number: */0");
    assert.equal(cronScheduleError("x * * * *"), 'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax');
    assert.equal(cronScheduleError("@often"), "unrecognized descriptor: @often");
    assert.equal(cronScheduleError("@every 5"), 'failed to parse duration @every 5: time: missing unit in duration "5"');
    assert.equal(cronScheduleError("TZ=Mars/Olympus 0 * * * *"), "provided bad location Mars/Olympus: unknown time zone Mars/Olympus");
    assert.equal(cronScheduleError(""), "empty spec string");
  });

  it("loads time zones as Go's time.LoadLocation does", () => {
    for (const zone of ["UTC", "Local", "America/New_York", "Europe/Berlin", "Etc/GMT+5", "US/Eastern"]) assert.equal(loadLocationError(zone), undefined, zone);
    assert.equal(loadLocationError("Mars/Olympus"), "unknown time zone Mars/Olympus");
    assert.equal(loadLocationError("../etc/passwd"), "time: invalid location name");
  });
});
