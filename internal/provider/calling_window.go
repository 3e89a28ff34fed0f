package provider

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/sarvamai/terraform-provider-sarvam/internal/text"

	// The functions need IANA zones on machines that have no zoneinfo
	// database, such as minimal containers and Windows.
	_ "time/tzdata"
)

// callingSchedule is a validated allowed_schedule: a daily window from start
// to end, local time in loc, on the allowed weekdays.
type callingSchedule struct {
	start, end clock
	days       [7]bool
	loc        *time.Location
}

// clock is a time of day.
type clock struct{ hour, minute, second int }

func (c clock) seconds() int { return c.hour*3600 + c.minute*60 + c.second }

// callingWindow is one opening of a schedule: opens <= t < closes is inside.
type callingWindow struct {
	opens, closes time.Time
}

// scheduleError is a bad schedule value; field is the allowed_schedule
// attribute it is in. unevaluable marks a value the API may hold, such as
// a day it added, for which the error says how to choose an answer.
type scheduleError struct {
	field, msg  string
	unevaluable bool
}

func (e *scheduleError) Error() string { return e.field + ": " + e.msg }

// nextWindowDays bounds the search for the next window. A window is found
// within 8 days whenever one day is allowed, unless a daylight-saving gap
// empties that day's window; the margin covers that week too.
const nextWindowDays = 16

var dayNames = [7]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}

// scheduleErrors is every bad value of one schedule, in attribute order.
type scheduleErrors []*scheduleError

func (es scheduleErrors) Error() string { return es.joined("; ") }

// joined is every error, sep between them.
func (es scheduleErrors) joined(sep string) string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = e.Error()
	}
	return strings.Join(parts, sep)
}

// unevaluable reports whether any of the values is one the API may hold.
func (es scheduleErrors) unevaluable() bool {
	return slices.ContainsFunc(es, func(e *scheduleError) bool { return e.unevaluable })
}

// parseSchedule checks every attribute and reports every bad one, as
// scheduleErrors.
func parseSchedule(start, end string, days []string, timezone string) (*callingSchedule, error) {
	s := &callingSchedule{}
	var errs scheduleErrors
	var err error
	if s.start, err = parseClock(start); err != nil {
		errs = append(errs, &scheduleError{field: "allowed_start_time", msg: err.Error()})
	}
	if s.end, err = parseClock(end); err != nil {
		errs = append(errs, &scheduleError{field: "allowed_end_time", msg: err.Error()})
	}
	if len(days) == 0 {
		errs = append(errs, &scheduleError{"allowed_days", "the list is empty ([]), so this schedule cannot be evaluated: it names no day, " +
			"and whether that means never or every day is not documented; if you typed it, name at least one day, such as [\"Monday\"]", true})
	}
	for i, d := range days {
		n, ok := parseDay(d)
		switch {
		case ok:
			s.days[n] = true
		case nearDay(d) != "":
			// A near miss is a typing mistake, not a day the API added.
			errs = append(errs, &scheduleError{field: fmt.Sprintf("allowed_days[%d]", i), msg: fmt.Sprintf("%q is not a day name (did you mean %q?)", d, nearDay(d))})
		default:
			errs = append(errs, &scheduleError{fmt.Sprintf("allowed_days[%d]", i), fmt.Sprintf("%q is not a day name; use Monday to Sunday. "+
				"This schedule cannot be evaluated", d), true})
		}
	}
	if s.loc, err = loadZone(timezone); err != nil {
		errs = append(errs, &scheduleError{field: "timezone", msg: err.Error()})
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return s, nil
}

// nearDay is the day name v most likely means, or "": the same name with
// white space around it, an abbreviation (Mon, Tues, Thurs, Sa) or a name a
// letter or two off (Funday, Fridya).
func nearDay(v string) string {
	t := strings.ToLower(strings.TrimSpace(v))
	for _, name := range dayNames {
		n := strings.ToLower(name)
		switch {
		case t == n:
			return name
		case len(t) >= 2 && strings.HasPrefix(n, t):
			return name
		case len(t) >= 3 && t[:3] == n[:3] && len(t) < len(n):
			return name // Weds, Thur
		}
	}
	for _, name := range dayNames {
		if text.EditDistance(t, strings.ToLower(name)) <= 2 {
			return name
		}
	}
	return ""
}

// parseClock reads HH:MM or HH:MM:SS, 24-hour, two digits each.
func parseClock(v string) (clock, error) {
	bad := fmt.Errorf("%q is not a 24-hour time of day as HH:MM or HH:MM:SS, such as \"09:30\"", v)
	parts := strings.Split(v, ":")
	if len(parts) != 2 && len(parts) != 3 {
		return clock{}, bad
	}
	limits := []int{23, 59, 59}
	n := make([]int, 3)
	for i, p := range parts {
		if len(p) != 2 || p[0] < '0' || p[0] > '9' || p[1] < '0' || p[1] > '9' {
			return clock{}, bad
		}
		n[i], _ = strconv.Atoi(p)
		if n[i] > limits[i] {
			return clock{}, bad
		}
	}
	return clock{n[0], n[1], n[2]}, nil
}

func parseDay(v string) (time.Weekday, bool) {
	for i, name := range dayNames {
		if strings.EqualFold(v, name) {
			return time.Weekday(i), true
		}
	}
	return 0, false
}

// loadZone refuses the two names LoadLocation maps to something that is not
// an IANA zone: "" (UTC) and "Local" (the machine's own zone).
func loadZone(name string) (*time.Location, error) {
	if name == "" {
		return nil, errors.New("the name is empty; use an IANA time zone, such as \"Asia/Kolkata\"")
	}
	loc, err := time.LoadLocation(name)
	if err != nil || name == "Local" {
		return nil, fmt.Errorf("%q is not a known IANA time zone; use a name such as \"Asia/Kolkata\" or \"America/New_York\"", name)
	}
	return loc, nil
}

// parseAt reads an RFC 3339 timestamp.
func parseAt(v string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not an RFC 3339 timestamp, such as \"2025-03-10T09:30:00Z\" or \"2025-03-10T15:00:00+05:30\"", v)
	}
	return t, nil
}

// localTime is the instant at which the wall clock in loc shows the given
// date and time. time.Date leaves the choice open when a daylight-saving
// change makes that time skipped or repeated, and in practice picks
// differently for zones east and west of UTC, so the rule is explicit here:
// a skipped time moves forward by the length of the gap (02:30 in a gap from
// 02:00 to 03:00 is 03:30 on the new offset), and a repeated time is its
// first occurrence, the earlier instant.
func localTime(y int, m time.Month, d int, c clock, loc *time.Location) time.Time {
	wall := time.Date(y, m, d, c.hour, c.minute, c.second, 0, time.UTC)
	offset := func(t time.Time) time.Duration {
		_, off := t.In(loc).Zone()
		return time.Duration(off) * time.Second
	}
	// No zone is more than 14 hours from UTC, so 26 hours either side of
	// the wall time read as UTC is well before and after the instant sought,
	// and so on either side of any change near it.
	before, after := offset(wall.Add(-26*time.Hour)), offset(wall.Add(26*time.Hour))
	early, late := wall.Add(-before), wall.Add(-after)
	if late.Before(early) {
		early, late = late, early
	}
	for _, t := range []time.Time{early, late} {
		if wall.Equal(t.Add(offset(t))) {
			return t.In(loc)
		}
	}
	// In a gap: the wall time read on the offset before the change.
	return wall.Add(-before).In(loc)
}

// window is the window that opens on the local date y-m-d, whether or not
// that day is allowed. ok is false when a daylight-saving gap leaves it
// empty: 02:30 to 03:00 on the day clocks skip from 02:00 to 03:00 would open
// at 03:30 and close at 03:00.
func (s *callingSchedule) window(y int, m time.Month, d int) (w callingWindow, ok bool) {
	w.opens = localTime(y, m, d, s.start, s.loc)
	if s.end.seconds() > s.start.seconds() {
		w.closes = localTime(y, m, d, s.end, s.loc)
	} else {
		// Not after the start: the window closes the next day, so equal
		// times make a window of a full day.
		w.closes = localTime(y, m, d+1, s.end, s.loc)
	}
	return w, w.opens.Before(w.closes)
}

// find returns the window that contains at, or else the next one to open,
// looking at most days ahead; inside says which, and found is false when
// no window opens in that time.
func (s *callingSchedule) find(at time.Time, days int) (w callingWindow, inside, found bool) {
	y, m, d := at.In(s.loc).Date()
	// A window lasts at most a day and a gap, so one that contains at
	// opened no earlier than two local dates back.
	for i := -2; i <= days; i++ {
		date := time.Date(y, m, d+i, 12, 0, 0, 0, time.UTC)
		if !s.days[date.Weekday()] {
			continue
		}
		w, ok := s.window(date.Year(), date.Month(), date.Day())
		if !ok || !at.Before(w.closes) {
			continue
		}
		// Windows open in date order, so the first one that has not closed
		// either contains at or is the next to open.
		return w, !at.Before(w.opens), true
	}
	return callingWindow{}, false, false
}
