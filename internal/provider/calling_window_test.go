package provider

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func mustSchedule(t *testing.T, start, end string, days []string, tz string) *callingSchedule {
	t.Helper()
	s, err := parseSchedule(start, end, days, tz)
	if err != nil {
		t.Fatalf("parseSchedule(%q, %q, %q, %q): %v", start, end, days, tz, err)
	}
	return s
}

func mustAt(t *testing.T, v string) time.Time {
	t.Helper()
	at, err := parseAt(v)
	if err != nil {
		t.Fatal(err)
	}
	return at
}

// The rule for skipped and repeated local times, in zones on both sides of
// UTC and with a 30-minute change. time.Date itself resolves 02:30 on the
// New York spring-forward day to 01:30 EST and 01:30 on the London fall-back
// day to the later instant; these cases pin the documented rule instead.
func TestWindowLocalTime(t *testing.T) {
	for _, tc := range []struct {
		tz, date, clock, want string
	}{
		// New York, 2025-03-09: 02:00 EST becomes 03:00 EDT.
		{"America/New_York", "2025-03-09", "01:59:59", "2025-03-09T01:59:59-05:00"},
		{"America/New_York", "2025-03-09", "02:00", "2025-03-09T03:00:00-04:00"},
		{"America/New_York", "2025-03-09", "02:30", "2025-03-09T03:30:00-04:00"},
		{"America/New_York", "2025-03-09", "03:00", "2025-03-09T03:00:00-04:00"},
		{"America/New_York", "2025-03-09", "03:30", "2025-03-09T03:30:00-04:00"},
		// New York, 2025-11-02: 02:00 EDT becomes 01:00 EST.
		{"America/New_York", "2025-11-02", "00:59:59", "2025-11-02T00:59:59-04:00"},
		{"America/New_York", "2025-11-02", "01:00", "2025-11-02T01:00:00-04:00"},
		{"America/New_York", "2025-11-02", "01:30", "2025-11-02T01:30:00-04:00"},
		{"America/New_York", "2025-11-02", "01:59:59", "2025-11-02T01:59:59-04:00"},
		{"America/New_York", "2025-11-02", "02:00", "2025-11-02T02:00:00-05:00"},
		// London, 2025-03-30: 01:00 GMT becomes 02:00 BST.
		{"Europe/London", "2025-03-30", "00:59", "2025-03-30T00:59:00Z"},
		{"Europe/London", "2025-03-30", "01:00", "2025-03-30T02:00:00+01:00"},
		{"Europe/London", "2025-03-30", "01:30", "2025-03-30T02:30:00+01:00"},
		{"Europe/London", "2025-03-30", "02:00", "2025-03-30T02:00:00+01:00"},
		// London, 2025-10-26: 02:00 BST becomes 01:00 GMT.
		{"Europe/London", "2025-10-26", "01:00", "2025-10-26T01:00:00+01:00"},
		{"Europe/London", "2025-10-26", "01:30", "2025-10-26T01:30:00+01:00"},
		{"Europe/London", "2025-10-26", "02:00", "2025-10-26T02:00:00Z"},
		// Lord Howe Island, 2025-10-05: 02:00 +10:30 becomes 02:30 +11:00,
		// a gap of 30 minutes.
		{"Australia/Lord_Howe", "2025-10-05", "02:15", "2025-10-05T02:45:00+11:00"},
		{"Australia/Lord_Howe", "2025-10-05", "02:30", "2025-10-05T02:30:00+11:00"},
		// No daylight saving.
		{"Asia/Kolkata", "2025-03-10", "09:30", "2025-03-10T09:30:00+05:30"},
		{"UTC", "2025-03-10", "23:59:59", "2025-03-10T23:59:59Z"},
	} {
		t.Run(tc.tz+" "+tc.date+" "+tc.clock, func(t *testing.T) {
			loc, err := loadZone(tc.tz)
			if err != nil {
				t.Fatal(err)
			}
			c, err := parseClock(tc.clock)
			if err != nil {
				t.Fatal(err)
			}
			d, err := time.Parse(time.DateOnly, tc.date)
			if err != nil {
				t.Fatal(err)
			}
			got := localTime(d.Year(), d.Month(), d.Day(), c, loc)
			if got.Format(time.RFC3339) != tc.want {
				t.Fatalf("got %s, want %s", got.Format(time.RFC3339), tc.want)
			}
			if got.Location() != loc {
				t.Fatalf("location %v, want %v", got.Location(), loc)
			}
		})
	}
}

func TestWindowFind(t *testing.T) {
	weekdays := []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}
	for _, tc := range []struct {
		name       string
		start, end string
		days       []string
		tz, at     string
		inside     bool
		opens      string
		closes     string
	}{
		{"inside", "09:30", "18:00", weekdays, "Asia/Kolkata", "2025-03-10T10:00:00+05:30", true, "2025-03-10T09:30:00+05:30", "2025-03-10T18:00:00+05:30"},
		{"exactly at opening", "09:30", "18:00", weekdays, "Asia/Kolkata", "2025-03-10T09:30:00+05:30", true, "2025-03-10T09:30:00+05:30", "2025-03-10T18:00:00+05:30"},
		{"a second before opening", "09:30", "18:00", weekdays, "Asia/Kolkata", "2025-03-10T09:29:59+05:30", false, "2025-03-10T09:30:00+05:30", "2025-03-10T18:00:00+05:30"},
		{"exactly at closing", "09:30", "18:00", weekdays, "Asia/Kolkata", "2025-03-10T18:00:00+05:30", false, "2025-03-11T09:30:00+05:30", "2025-03-11T18:00:00+05:30"},
		{"a fraction before closing", "09:30", "18:00", weekdays, "Asia/Kolkata", "2025-03-10T17:59:59.999+05:30", true, "2025-03-10T09:30:00+05:30", "2025-03-10T18:00:00+05:30"},
		{"at in UTC", "09:30", "18:00", weekdays, "Asia/Kolkata", "2025-03-10T04:00:00Z", true, "2025-03-10T09:30:00+05:30", "2025-03-10T18:00:00+05:30"},
		{"at in another offset, previous local day", "09:30", "18:00", weekdays, "Asia/Kolkata", "2025-03-10T23:00:00-05:00", true, "2025-03-11T09:30:00+05:30", "2025-03-11T18:00:00+05:30"},
		{"Sunday skipped", "09:30", "18:00", weekdays, "Asia/Kolkata", "2025-03-15T18:00:00+05:30", false, "2025-03-17T09:30:00+05:30", "2025-03-17T18:00:00+05:30"},
		{"days in any case, repeated", "09:30", "18:00", []string{"sunday", "SUNDAY", "Sunday"}, "Asia/Kolkata", "2025-03-10T10:00:00+05:30", false, "2025-03-16T09:30:00+05:30", "2025-03-16T18:00:00+05:30"},
		{"one day a week, just after it closed", "09:30", "18:00", []string{"Monday"}, "Asia/Kolkata", "2025-03-10T18:00:00+05:30", false, "2025-03-17T09:30:00+05:30", "2025-03-17T18:00:00+05:30"},
		{"seconds in the times", "09:30:15", "09:30:45", []string{"Monday"}, "Asia/Kolkata", "2025-03-10T09:30:30+05:30", true, "2025-03-10T09:30:15+05:30", "2025-03-10T09:30:45+05:30"},

		// Overnight 22:00-06:00, Fridays only: the window belongs to Friday.
		{"overnight, next morning", "22:00", "06:00", []string{"Friday"}, "Asia/Kolkata", "2025-03-15T02:00:00+05:30", true, "2025-03-14T22:00:00+05:30", "2025-03-15T06:00:00+05:30"},
		{"overnight, at closing", "22:00", "06:00", []string{"Friday"}, "Asia/Kolkata", "2025-03-15T06:00:00+05:30", false, "2025-03-21T22:00:00+05:30", "2025-03-22T06:00:00+05:30"},
		{"overnight, morning of an allowed day", "22:00", "06:00", []string{"Friday"}, "Asia/Kolkata", "2025-03-14T02:00:00+05:30", false, "2025-03-14T22:00:00+05:30", "2025-03-15T06:00:00+05:30"},
		{"overnight, morning after a day not allowed", "22:00", "06:00", []string{"Friday"}, "Asia/Kolkata", "2025-03-16T02:00:00+05:30", false, "2025-03-21T22:00:00+05:30", "2025-03-22T06:00:00+05:30"},

		// Start equal to end: a full day.
		{"full day", "00:00", "00:00", []string{"Wednesday"}, "UTC", "2025-03-12T23:59:59Z", true, "2025-03-12T00:00:00Z", "2025-03-13T00:00:00Z"},
		{"full day, at its end", "00:00", "00:00", []string{"Wednesday"}, "UTC", "2025-03-13T00:00:00Z", false, "2025-03-19T00:00:00Z", "2025-03-20T00:00:00Z"},
		{"full day every day", "07:00", "07:00", []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}, "Asia/Kolkata", "2025-03-12T06:59:59+05:30", true, "2025-03-11T07:00:00+05:30", "2025-03-12T07:00:00+05:30"},
		{"full day over a spring-forward change is 23 hours", "12:00", "12:00", []string{"Saturday"}, "America/New_York", "2025-03-09T11:00:00-04:00", true, "2025-03-08T12:00:00-05:00", "2025-03-09T12:00:00-04:00"},

		// New York, spring forward on Sunday 2025-03-09.
		{"New York, window on the change day", "09:00", "17:00", []string{"Sunday"}, "America/New_York", "2025-03-09T13:00:00Z", true, "2025-03-09T09:00:00-04:00", "2025-03-09T17:00:00-04:00"},
		{"New York, next window after the change", "09:00", "17:00", []string{"Sunday"}, "America/New_York", "2025-03-08T12:00:00-05:00", false, "2025-03-09T09:00:00-04:00", "2025-03-09T17:00:00-04:00"},
		{"New York, opening in the gap, before it", "02:30", "04:00", []string{"Sunday"}, "America/New_York", "2025-03-09T03:15:00-04:00", false, "2025-03-09T03:30:00-04:00", "2025-03-09T04:00:00-04:00"},
		{"New York, opening in the gap, at it", "02:30", "04:00", []string{"Sunday"}, "America/New_York", "2025-03-09T07:30:00Z", true, "2025-03-09T03:30:00-04:00", "2025-03-09T04:00:00-04:00"},
		{"New York, window emptied by the gap is skipped", "02:30", "03:00", []string{"Sunday"}, "America/New_York", "2025-03-08T12:00:00-05:00", false, "2025-03-16T02:30:00-04:00", "2025-03-16T03:00:00-04:00"},
		{"New York, overnight over the change", "22:00", "06:00", []string{"Saturday"}, "America/New_York", "2025-03-09T05:59:59-04:00", true, "2025-03-08T22:00:00-05:00", "2025-03-09T06:00:00-04:00"},
		// New York, fall back on Sunday 2025-11-02.
		{"New York, opening in the repeated hour, second 01:15", "01:30", "03:00", []string{"Sunday"}, "America/New_York", "2025-11-02T01:15:00-05:00", true, "2025-11-02T01:30:00-04:00", "2025-11-02T03:00:00-05:00"},
		{"New York, opening in the repeated hour, first 01:15", "01:30", "03:00", []string{"Sunday"}, "America/New_York", "2025-11-02T01:15:00-04:00", false, "2025-11-02T01:30:00-04:00", "2025-11-02T03:00:00-05:00"},
		{"New York, window within the repeated hour, second pass", "01:00", "01:45", []string{"Sunday"}, "America/New_York", "2025-11-02T01:30:00-05:00", false, "2025-11-09T01:00:00-05:00", "2025-11-09T01:45:00-05:00"},
		{"New York, overnight over the change is 9 hours", "22:00", "06:00", []string{"Saturday"}, "America/New_York", "2025-11-02T05:00:00-05:00", true, "2025-11-01T22:00:00-04:00", "2025-11-02T06:00:00-05:00"},

		// London, spring forward on Sunday 2025-03-30.
		{"London, opening in the gap", "01:30", "09:00", []string{"Sunday"}, "Europe/London", "2025-03-30T01:00:00Z", false, "2025-03-30T02:30:00+01:00", "2025-03-30T09:00:00+01:00"},
		{"London, window on the change day", "09:00", "17:00", []string{"Sunday"}, "Europe/London", "2025-03-30T08:00:00Z", true, "2025-03-30T09:00:00+01:00", "2025-03-30T17:00:00+01:00"},
		{"London, window wholly in the gap moves with it", "01:15", "01:45", []string{"Sunday"}, "Europe/London", "2025-03-29T12:00:00Z", false, "2025-03-30T02:15:00+01:00", "2025-03-30T02:45:00+01:00"},
		// London, fall back on Sunday 2025-10-26.
		{"London, opening in the repeated hour", "01:30", "02:30", []string{"Sunday"}, "Europe/London", "2025-10-26T01:15:00Z", true, "2025-10-26T01:30:00+01:00", "2025-10-26T02:30:00Z"},
		{"London, window on the change day", "09:00", "17:00", []string{"Sunday"}, "Europe/London", "2025-10-25T20:00:00+01:00", false, "2025-10-26T09:00:00Z", "2025-10-26T17:00:00Z"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := mustSchedule(t, tc.start, tc.end, tc.days, tc.tz)
			w, inside, found := s.find(mustAt(t, tc.at), nextWindowDays)
			if !found {
				t.Fatal("no window found")
			}
			got := [3]string{w.opens.Format(time.RFC3339), w.closes.Format(time.RFC3339), map[bool]string{true: "inside", false: "outside"}[inside]}
			want := [3]string{tc.opens, tc.closes, map[bool]string{true: "inside", false: "outside"}[tc.inside]}
			if got != want {
				t.Fatalf("got %q, want %q", got, want)
			}
		})
	}
}

// A gap can empty a day's window, so the search can come up empty when the
// horizon is short; the provider's horizon covers it.
func TestWindowNotFoundWithinHorizon(t *testing.T) {
	s := mustSchedule(t, "02:30", "03:00", []string{"Sunday"}, "America/New_York")
	at := mustAt(t, "2025-03-08T12:00:00-05:00")
	if w, _, found := s.find(at, 7); found {
		t.Fatalf("found %v within 7 days; the only window in them is emptied by the gap", w)
	}
	if _, _, found := s.find(at, 8); !found {
		t.Fatal("nothing found within 8 days")
	}
}

// For every hour of 2025, in zones with and without daylight saving, the
// answer agrees with a direct scan of the windows, and a next window is
// always found within 8 days.
func TestWindowAgreesWithScan(t *testing.T) {
	schedules := [][2]string{{"09:30", "18:00"}, {"22:00", "06:00"}, {"02:30", "02:30"}, {"01:15", "01:45"}, {"02:30", "03:00"}, {"00:00", "23:59"}}
	zones := []string{"America/New_York", "Europe/London", "Asia/Kolkata", "Australia/Lord_Howe"}
	for _, tz := range zones {
		for _, se := range schedules {
			s := mustSchedule(t, se[0], se[1], []string{"Tuesday", "Sunday"}, tz)
			start := time.Date(2025, 1, 1, 0, 7, 0, 0, time.UTC)
			for at := start; at.Year() == 2025; at = at.Add(time.Hour) {
				w, inside, found := s.find(at, 8)
				if !found {
					t.Fatalf("%s %v at %s: no window within 8 days", tz, se, at)
				}
				if !w.opens.Before(w.closes) || w.closes.Sub(w.opens) > 25*time.Hour {
					t.Fatalf("%s %v at %s: bad window %s to %s", tz, se, at, w.opens, w.closes)
				}
				if inside != (!at.Before(w.opens) && at.Before(w.closes)) || (!inside && !w.opens.After(at)) {
					t.Fatalf("%s %v at %s: inside=%v for %s to %s", tz, se, at, inside, w.opens, w.closes)
				}
				// The scan: every allowed day from two days back.
				scanInside := false
				y, m, d := at.In(s.loc).Date()
				for i := -2; i <= 0; i++ {
					date := time.Date(y, m, d+i, 12, 0, 0, 0, time.UTC)
					if !s.days[date.Weekday()] {
						continue
					}
					if sw, ok := s.window(date.Year(), date.Month(), date.Day()); ok && !at.Before(sw.opens) && at.Before(sw.closes) {
						scanInside = true
					}
				}
				if scanInside != inside {
					t.Fatalf("%s %v at %s: find says inside=%v, the scan %v", tz, se, at, inside, scanInside)
				}
				// A window opens at its local time, or later by the length
				// of the gap when a change skipped that time.
				local := w.opens.In(s.loc)
				shift := (local.Hour()*3600 + local.Minute()*60 + local.Second() - s.start.seconds() + 86400) % 86400
				_, now := w.opens.Zone()
				_, earlier := w.opens.Add(-26 * time.Hour).In(s.loc).Zone()
				if shift != 0 && shift != now-earlier {
					t.Fatalf("%s %v: window opens at %s, not at its local time or after a gap", tz, se, local)
				}
			}
		}
	}
}

func TestWindowParseErrors(t *testing.T) {
	for _, tc := range []struct {
		name           string
		start, end, tz string
		days           []string
		want           string
	}{
		{"start without leading zero", "9:30", "18:00", "Asia/Kolkata", []string{"Monday"}, `allowed_start_time: "9:30" is not a 24-hour time of day as HH:MM or HH:MM:SS, such as "09:30"`},
		{"start with a.m.", "09:30 AM", "18:00", "Asia/Kolkata", []string{"Monday"}, `allowed_start_time: "09:30 AM" is not a 24-hour time`},
		{"end 24:00", "09:30", "24:00", "Asia/Kolkata", []string{"Monday"}, `allowed_end_time: "24:00" is not a 24-hour time`},
		{"end minute 60", "09:30", "18:60", "Asia/Kolkata", []string{"Monday"}, `allowed_end_time: "18:60" is not`},
		{"end second 60", "09:30", "18:00:60", "Asia/Kolkata", []string{"Monday"}, `allowed_end_time: "18:00:60" is not`},
		{"end too many parts", "09:30", "18:00:00:00", "Asia/Kolkata", []string{"Monday"}, `allowed_end_time: "18:00:00:00" is not`},
		{"end empty", "09:30", "", "Asia/Kolkata", []string{"Monday"}, `allowed_end_time: "" is not`},
		{"end with sign", "09:30", "+1:00", "Asia/Kolkata", []string{"Monday"}, `allowed_end_time: "+1:00" is not`},
		{"no days", "09:30", "18:00", "Asia/Kolkata", nil, `allowed_days: the list is empty ([]), so this schedule cannot be evaluated: it names no day, and whether that means never or every day is not documented; if you typed it, name at least one day, such as ["Monday"]`},
		{"not a day", "09:30", "18:00", "Asia/Kolkata", []string{"Monday", "Diwali"}, `allowed_days[1]: "Diwali" is not a day name; use Monday to Sunday. This schedule cannot be evaluated`},
		{"abbreviated day", "09:30", "18:00", "Asia/Kolkata", []string{"Mon"}, `allowed_days[0]: "Mon" is not a day name (did you mean "Monday"?)`},
		{"day with a space", "09:30", "18:00", "Asia/Kolkata", []string{" Monday"}, `allowed_days[0]: " Monday" is not a day name (did you mean "Monday"?)`},
		{"misspelt day", "09:30", "18:00", "Asia/Kolkata", []string{"Fridya", "Thurs", "Sa"}, `allowed_days[0]: "Fridya" is not a day name (did you mean "Friday"?); ` +
			`allowed_days[1]: "Thurs" is not a day name (did you mean "Thursday"?); allowed_days[2]: "Sa" is not a day name (did you mean "Saturday"?)`},
		{"every mistake at once", "9:30", "24:00", "Asia/Bangalore", []string{"Mon", "Diwali"}, `allowed_start_time: "9:30" is not a 24-hour time of day as HH:MM or HH:MM:SS, such as "09:30"; ` +
			`allowed_end_time: "24:00" is not a 24-hour time of day as HH:MM or HH:MM:SS, such as "09:30"; allowed_days[0]: "Mon" is not a day name (did you mean "Monday"?); ` +
			`allowed_days[1]: "Diwali" is not a day name; use Monday to Sunday. This schedule cannot be evaluated; ` +
			`timezone: "Asia/Bangalore" is not a known IANA time zone; use a name such as "Asia/Kolkata" or "America/New_York"`},
		{"unknown zone", "09:30", "18:00", "Asia/Bangalore", []string{"Monday"}, `timezone: "Asia/Bangalore" is not a known IANA time zone; use a name such as "Asia/Kolkata" or "America/New_York"`},
		{"zone in the wrong case", "09:30", "18:00", "asia/kolkata", []string{"Monday"}, `timezone: "asia/kolkata" is not a known IANA time zone`},
		{"Local is not a zone", "09:30", "18:00", "Local", []string{"Monday"}, `timezone: "Local" is not a known IANA time zone`},
		{"empty zone", "09:30", "18:00", "", []string{"Monday"}, `timezone: the name is empty; use an IANA time zone, such as "Asia/Kolkata"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := parseSchedule(tc.start, tc.end, tc.days, tc.tz)
			if err == nil {
				t.Fatalf("accepted: %+v", s)
			}
			if !strings.HasPrefix(err.Error(), tc.want) {
				t.Fatalf("error %q does not start with %q", err, tc.want)
			}
		})
	}
	for _, v := range []string{"2025-03-10 10:00:00Z", "2025-03-10T10:00:00", "2025-03-10", "1741600800", ""} {
		if _, err := parseAt(v); err == nil || !strings.Contains(err.Error(), `"`+v+`" is not an RFC 3339 timestamp`) {
			t.Errorf("parseAt(%q): %v", v, err)
		}
	}
}

// Terraform does not call a function with an unknown argument, but a value
// inside the schedule may still be unknown: the result is then unknown.
// Also the error when the search horizon runs out, which a real schedule
// cannot reach within the provider's horizon.
func TestFunctionRunDirect(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	schedule := func(tz types.String) types.Object {
		days, _ := types.ListValueFrom(ctx, types.StringType, []string{"Sunday"})
		return types.ObjectValueMust(scheduleAttrTypes, map[string]attr.Value{
			"allowed_start_time": types.StringValue("02:30"),
			"allowed_end_time":   types.StringValue("03:00"),
			"allowed_days":       days,
			"timezone":           tz,
		})
	}
	// The result starts known, so that only Run can make it unknown.
	run := func(f function.Function, sched types.Object) *function.RunResponse {
		var def function.DefinitionResponse
		f.Definition(ctx, function.DefinitionRequest{}, &def)
		var start attr.Value = types.BoolValue(true)
		if _, ok := def.Definition.Return.(function.ObjectReturn); ok {
			start = types.ObjectValueMust(windowAttrTypes, map[string]attr.Value{"opens_at": types.StringValue("x"), "closes_at": types.StringValue("y")})
		}
		resp := &function.RunResponse{Result: function.NewResultData(start)}
		f.Run(ctx, function.RunRequest{Arguments: function.NewArgumentsData([]attr.Value{sched, types.StringValue("2025-03-08T12:00:00-05:00")})}, resp)
		return resp
	}

	for _, f := range []function.Function{newCallingWindowOpenFunction(), newNextCallingWindowFunction()} {
		resp := run(f, schedule(types.StringUnknown()))
		if resp.Error != nil {
			t.Fatalf("%T: %v", f, resp.Error)
		}
		if !resp.Result.Value().IsUnknown() {
			t.Fatalf("%T: result %v, want unknown", f, resp.Result.Value())
		}
	}

	resp := run(nextCallingWindowFunction{days: 7}, schedule(types.StringValue("America/New_York")))
	if resp.Error == nil || resp.Error.Text != "no calling window opens within 7 days after 2025-03-08T12:00:00-05:00" {
		t.Fatalf("error %v", resp.Error)
	}
	resp = run(callingWindowOpenFunction{}, schedule(types.StringValue("America/New_York")))
	if open, ok := resp.Result.Value().(types.Bool); resp.Error != nil || !ok || !open.Equal(types.BoolValue(false)) {
		t.Fatalf("got %v, %v; want false", resp.Result.Value(), resp.Error)
	}
}
