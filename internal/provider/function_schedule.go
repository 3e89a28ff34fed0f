package provider

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// The two arguments the calling-window functions share, by position.
const (
	scheduleArg int64 = 0
	atArg       int64 = 1
)

// scheduleAttrTypes is the type of the campaign data source's
// allowed_schedule, so that it passes straight in.
var scheduleAttrTypes = map[string]attr.Type{
	"allowed_start_time": types.StringType,
	"allowed_end_time":   types.StringType,
	"allowed_days":       types.ListType{ElemType: types.StringType},
	"timezone":           types.StringType,
}

// windowRules is the part of each function's description that says how a
// schedule is read.
const windowRules = "The window of day D opens at `allowed_start_time` and closes at `allowed_end_time`, local time in `timezone`, " +
	"on each day D named in `allowed_days` (English day names, any case; repeats are fine). " +
	"When the end is not after the start, the window closes on the next day: an overnight window such as `22:00` to `06:00` belongs to the day it opens, " +
	"and a start equal to the end makes a window of a full day (24 hours, or 23 or 25 across a daylight-saving change). A time `at` is inside when opens <= `at` < closes.\n\n" +
	"A window always opens and closes at its local wall-clock times, whatever the UTC offset that day. " +
	"On a daylight-saving change day, a local time that does not exist (in the gap when clocks go forward) moves forward by the length of the gap: " +
	"`02:30` in New York on the day clocks skip from `02:00` to `03:00` is `03:30` on the new offset. " +
	"A local time that occurs twice (when clocks go back) is its first occurrence, the earlier instant. " +
	"So a window wholly in the gap moves with it, and one whose moved opening is not before its closing (`02:30` to `03:00` in that gap) does not open that day.\n\n" +
	"Pure and offline: no API call and no provider configuration. Time zones come from a database built into the provider, " +
	"so the function also works on a machine without one. Provider functions need Terraform 1.8 or later."

func scheduleParameter() function.ObjectParameter {
	return function.ObjectParameter{
		Name:           "schedule",
		AttributeTypes: scheduleAttrTypes,
		MarkdownDescription: "The calling window: an object with `allowed_start_time` and `allowed_end_time` (24-hour `HH:MM` or `HH:MM:SS`), " +
			"`allowed_days` (a list of day names) and `timezone` (an IANA name such as `Asia/Kolkata`); " +
			"`data.sarvam_campaign.<name>.allowed_schedule` or an object literal with the same attributes.",
	}
}

func atParameter() function.StringParameter {
	return function.StringParameter{
		Name:                "at",
		MarkdownDescription: "The instant to test, as an RFC 3339 timestamp with any UTC offset, such as `plantimestamp()` or `\"2025-03-10T15:00:00+05:30\"`.",
	}
}

// readScheduleArgs reads and checks both arguments. Errors name the argument
// and the attribute, and quote the bad value. known is false, with no error,
// when a value inside the schedule is not known yet: the result is then
// unknown too.
//
// A schedule the functions cannot evaluate, such as one with no days or a
// day the API added, fails closed rather than guessing: an error is the safe
// answer for a gate. Its message says that the value may come from the API
// and shows the function's call wrapped in try() with a default: unevaluable
// is the function's message for it, with a %s for the bad values.
// Every bad value is named; a near miss of a day name ("Mon") is a typing
// mistake, with a short hint and without that advice.
func readScheduleArgs(ctx context.Context, args function.ArgumentsData, unevaluable string) (s *callingSchedule, at time.Time, known bool, ferr *function.FuncError) {
	var obj types.Object
	var atValue types.String
	if ferr := args.Get(ctx, &obj, &atValue); ferr != nil {
		return nil, time.Time{}, false, ferr
	}
	// Terraform refuses a null or unknown argument before the call, since
	// neither parameter allows one; values inside the schedule may still be
	// null, and are checked here.
	if !whollyKnown(obj) {
		return nil, time.Time{}, false, nil
	}
	attrs := obj.Attributes()
	text := map[string]string{}
	for _, a := range []struct{ name, ifNull string }{
		{"allowed_start_time", messageStartTimeNull}, {"allowed_end_time", messageEndTimeNull}, {"timezone", messageTimezoneNull},
	} {
		v, ok := attrs[a.name].(types.String)
		if !ok || v.IsNull() {
			return nil, time.Time{}, false, function.NewArgumentFuncError(scheduleArg, a.ifNull)
		}
		text[a.name] = v.ValueString()
	}
	list, ok := attrs["allowed_days"].(types.List)
	if !ok || list.IsNull() {
		return nil, time.Time{}, false, function.NewArgumentFuncError(scheduleArg, messageDaysNull)
	}
	var days []string
	for i, e := range list.Elements() {
		day, ok := e.(types.String)
		if !ok || day.IsNull() {
			return nil, time.Time{}, false, function.NewArgumentFuncError(scheduleArg, fmt.Sprintf(messageDayNull, i))
		}
		days = append(days, day.ValueString())
	}

	s, err := parseSchedule(text["allowed_start_time"], text["allowed_end_time"], days, text["timezone"])
	if err != nil {
		// Every mistake, each named by its attribute.
		var errs scheduleErrors
		if errors.As(err, &errs) {
			err = errors.New(errs.joined("; schedule."))
		}
		format := messageBadSchedule
		if errs.unevaluable() {
			format = unevaluable
		}
		msg := fmt.Sprintf(format, err.Error())
		return nil, time.Time{}, false, function.NewArgumentFuncError(scheduleArg, msg)
	}
	at, err = parseAt(atValue.ValueString())
	if err != nil {
		return nil, time.Time{}, false, function.NewArgumentFuncError(atArg, fmt.Sprintf(messageBadAt, err))
	}
	return s, at, true, nil
}

// whollyKnown reports whether v and every value in it are known.
func whollyKnown(v attr.Value) bool {
	if v.IsUnknown() {
		return false
	}
	var inner []attr.Value
	switch v := v.(type) {
	case types.Object:
		for _, a := range v.Attributes() {
			inner = append(inner, a)
		}
	case types.List:
		inner = v.Elements()
	}
	for _, a := range inner {
		if !whollyKnown(a) {
			return false
		}
	}
	return true
}
