package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/sarvamai/terraform-provider-sarvam/internal/fakeapi"
)

// fnOutput is one output of a function test: its expression and the value
// it must have after apply.
type fnOutput struct {
	name, expr string
	want       knownvalue.Check
}

// window is the expected next_calling_window result.
func window(opens, closes string) knownvalue.Check {
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"opens_at":  knownvalue.StringExact(opens),
		"closes_at": knownvalue.StringExact(closes),
	})
}

// scheduleLiteral is an object literal such as a user writes; the days are a
// tuple, which Terraform converts to the parameter's list type.
func scheduleLiteral(start, end, tz string, days ...string) string {
	return fmt.Sprintf(`{
    allowed_start_time = %q
    allowed_end_time   = %q
    allowed_days       = [%s]
    timezone           = %q
  }`, start, end, `"`+strings.Join(days, `", "`)+`"`, tz)
}

// openAndNext gives the two outputs for one schedule and instant: whether the
// window is open, and the window containing or following it.
func openAndNext(name, schedule, at string, open bool, opens, closes string) []fnOutput {
	return []fnOutput{
		{name + "_open", fmt.Sprintf("provider::sarvam::calling_window_open(%s, %q)", schedule, at), knownvalue.Bool(open)},
		{name + "_next", fmt.Sprintf("provider::sarvam::next_calling_window(%s, %q)", schedule, at), window(opens, closes)},
	}
}

// expectFunctionFailure is expectFailure on Terraform releases with provider
// functions.
func expectFunctionFailure(t *testing.T, config, pattern string) {
	t.Helper()
	want := regexp.MustCompile("(?s)" + strings.ReplaceAll(pattern, " ", `\s+`))
	got := applyError(t, functionVersions, testProviders, config)
	if t.Skipped() {
		return
	}
	if !want.MatchString(got.Error()) {
		t.Fatalf("error does not match %s:\n%s", want, got)
	}
}

// testFunctionOutputs applies config followed by one output per case, with no
// SARVAM_* settings and an empty provider block, and checks every output.
func testFunctionOutputs(t *testing.T, config string, outputs ...[]fnOutput) {
	t.Helper()
	clearEnv(t)
	var b strings.Builder
	b.WriteString(requiredProviders + "\nprovider \"sarvam\" {}\n" + config)
	var checks []statecheck.StateCheck
	for _, group := range outputs {
		for _, o := range group {
			fmt.Fprintf(&b, "\noutput %q {\n  value = %s\n}\n", o.name, o.expr)
			checks = append(checks, statecheck.ExpectKnownOutputValue(o.name, o.want))
		}
	}
	resource.UnitTest(t, resource.TestCase{
		TerraformVersionChecks:   functionVersions,
		ProtoV6ProviderFactories: testProviders,
		Steps:                    []resource.TestStep{{Config: b.String(), ConfigStateChecks: checks}},
	})
}

func TestFunctions_kolkataAndOffsets(t *testing.T) {
	t.Parallel()
	const locals = `
locals {
  weekdays = {
    allowed_start_time = "09:30"
    allowed_end_time   = "18:00"
    allowed_days       = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    timezone           = "Asia/Kolkata"
  }
}
`
	testFunctionOutputs(t, locals,
		openAndNext("inside", "local.weekdays", "2025-03-10T10:00:00+05:30", true, "2025-03-10T09:30:00+05:30", "2025-03-10T18:00:00+05:30"),
		openAndNext("at_opening", "local.weekdays", "2025-03-10T09:30:00+05:30", true, "2025-03-10T09:30:00+05:30", "2025-03-10T18:00:00+05:30"),
		openAndNext("before_opening", "local.weekdays", "2025-03-10T09:29:59+05:30", false, "2025-03-10T09:30:00+05:30", "2025-03-10T18:00:00+05:30"),
		openAndNext("at_closing", "local.weekdays", "2025-03-10T18:00:00+05:30", false, "2025-03-11T09:30:00+05:30", "2025-03-11T18:00:00+05:30"),
		// The same instants written in UTC.
		openAndNext("opening_utc", "local.weekdays", "2025-03-10T04:00:00Z", true, "2025-03-10T09:30:00+05:30", "2025-03-10T18:00:00+05:30"),
		openAndNext("closing_utc", "local.weekdays", "2025-03-10T12:30:00Z", false, "2025-03-11T09:30:00+05:30", "2025-03-11T18:00:00+05:30"),
		// Sunday is not allowed.
		openAndNext("sunday", "local.weekdays", "2025-03-16T10:00:00+05:30", false, "2025-03-17T09:30:00+05:30", "2025-03-17T18:00:00+05:30"),
		// A literal written inline, with days in any case and repeated.
		openAndNext("literal", scheduleLiteral("09:30", "18:00", "Asia/Kolkata", "sunday", "SUNDAY"), "2025-03-16T10:00:00+05:30", true, "2025-03-16T09:30:00+05:30", "2025-03-16T18:00:00+05:30"),
		// A full day when the start equals the end.
		openAndNext("full_day", scheduleLiteral("00:00", "00:00", "UTC", "Wednesday"), "2025-03-12T23:59:59Z", true, "2025-03-12T00:00:00Z", "2025-03-13T00:00:00Z"),
	)
}

func TestFunctions_overnightWindow(t *testing.T) {
	t.Parallel()
	fridays := scheduleLiteral("22:00", "06:00", "Asia/Kolkata", "Friday")
	testFunctionOutputs(t, "",
		// 02:00 on Saturday belongs to Friday's window.
		openAndNext("saturday_2am", fridays, "2025-03-15T02:00:00+05:30", true, "2025-03-14T22:00:00+05:30", "2025-03-15T06:00:00+05:30"),
		openAndNext("saturday_6am", fridays, "2025-03-15T06:00:00+05:30", false, "2025-03-21T22:00:00+05:30", "2025-03-22T06:00:00+05:30"),
		// Thursday is not allowed, so 02:00 on Friday is outside.
		openAndNext("friday_2am", fridays, "2025-03-14T02:00:00+05:30", false, "2025-03-14T22:00:00+05:30", "2025-03-15T06:00:00+05:30"),
		// Nor is Saturday, so 02:00 on Sunday is outside.
		openAndNext("sunday_2am", fridays, "2025-03-16T02:00:00+05:30", false, "2025-03-21T22:00:00+05:30", "2025-03-22T06:00:00+05:30"),
	)
}

// New York: clocks go from 02:00 EST to 03:00 EDT on 2025-03-09 and from
// 02:00 EDT back to 01:00 EST on 2025-11-02.
func TestFunctions_newYorkDaylightSaving(t *testing.T) {
	t.Parallel()
	day := scheduleLiteral("09:00", "17:00", "America/New_York", "Sunday")
	gap := scheduleLiteral("02:30", "04:00", "America/New_York", "Sunday")
	repeated := scheduleLiteral("01:30", "03:00", "America/New_York", "Sunday")
	overnight := scheduleLiteral("22:00", "06:00", "America/New_York", "Saturday")
	testFunctionOutputs(t, "",
		openAndNext("day_before_spring", day, "2025-03-08T12:00:00-05:00", false, "2025-03-09T09:00:00-04:00", "2025-03-09T17:00:00-04:00"),
		openAndNext("day_spring", day, "2025-03-09T13:00:00Z", true, "2025-03-09T09:00:00-04:00", "2025-03-09T17:00:00-04:00"),
		// 02:30 does not exist that day: the window opens at 03:30 EDT.
		openAndNext("gap_before", gap, "2025-03-09T03:15:00-04:00", false, "2025-03-09T03:30:00-04:00", "2025-03-09T04:00:00-04:00"),
		openAndNext("gap_at", gap, "2025-03-09T07:30:00Z", true, "2025-03-09T03:30:00-04:00", "2025-03-09T04:00:00-04:00"),
		openAndNext("overnight_spring", overnight, "2025-03-09T05:59:59-04:00", true, "2025-03-08T22:00:00-05:00", "2025-03-09T06:00:00-04:00"),
		// 01:30 happens twice: the window opens at the first, EDT.
		openAndNext("repeated_first", repeated, "2025-11-02T01:15:00-04:00", false, "2025-11-02T01:30:00-04:00", "2025-11-02T03:00:00-05:00"),
		openAndNext("repeated_second", repeated, "2025-11-02T01:15:00-05:00", true, "2025-11-02T01:30:00-04:00", "2025-11-02T03:00:00-05:00"),
		openAndNext("day_fall", day, "2025-11-02T14:00:00Z", true, "2025-11-02T09:00:00-05:00", "2025-11-02T17:00:00-05:00"),
		openAndNext("overnight_fall", overnight, "2025-11-02T05:00:00-05:00", true, "2025-11-01T22:00:00-04:00", "2025-11-02T06:00:00-05:00"),
	)
}

// London: clocks go from 01:00 GMT to 02:00 BST on 2025-03-30 and from
// 02:00 BST back to 01:00 GMT on 2025-10-26.
func TestFunctions_londonDaylightSaving(t *testing.T) {
	t.Parallel()
	day := scheduleLiteral("09:00", "17:00", "Europe/London", "Sunday")
	gap := scheduleLiteral("01:30", "09:00", "Europe/London", "Sunday")
	repeated := scheduleLiteral("01:30", "02:30", "Europe/London", "Sunday")
	testFunctionOutputs(t, "",
		openAndNext("day_spring", day, "2025-03-30T08:00:00Z", true, "2025-03-30T09:00:00+01:00", "2025-03-30T17:00:00+01:00"),
		// 01:30 does not exist that day: the window opens at 02:30 BST.
		openAndNext("gap_before", gap, "2025-03-30T01:00:00Z", false, "2025-03-30T02:30:00+01:00", "2025-03-30T09:00:00+01:00"),
		openAndNext("gap_at", gap, "2025-03-30T02:30:00+01:00", true, "2025-03-30T02:30:00+01:00", "2025-03-30T09:00:00+01:00"),
		// 01:30 happens twice: the window opens at the first, BST.
		openAndNext("repeated_first", repeated, "2025-10-26T00:30:00Z", true, "2025-10-26T01:30:00+01:00", "2025-10-26T02:30:00Z"),
		openAndNext("repeated_second", repeated, "2025-10-26T01:15:00Z", true, "2025-10-26T01:30:00+01:00", "2025-10-26T02:30:00Z"),
		openAndNext("repeated_before", repeated, "2025-10-26T00:15:00Z", false, "2025-10-26T01:30:00+01:00", "2025-10-26T02:30:00Z"),
		openAndNext("day_fall", day, "2025-10-25T20:00:00+01:00", false, "2025-10-26T09:00:00Z", "2025-10-26T17:00:00Z"),
	)
}

// A value inside the schedule that is known only after apply leaves the
// result unknown in the plan; after apply it is computed.
func TestFunctions_valueKnownAfterApply(t *testing.T) {
	t.Parallel()
	const zone = `
resource "terraform_data" "zone" {
  input = "Asia/Kolkata"
}
`
	later := scheduleLiteral("09:30", "18:00", "Asia/Kolkata", "Monday")
	later = strings.Replace(later, `"Asia/Kolkata"`, "terraform_data.zone.output", 1)
	testFunctionOutputs(t, zone,
		openAndNext("later", later, "2025-03-10T10:00:00+05:30", true, "2025-03-10T09:30:00+05:30", "2025-03-10T18:00:00+05:30"),
	)
}

// The functions need no provider configuration: no provider block at all,
// and no SARVAM_* settings, which would make a data source fail.
func TestFunctions_noProviderConfiguration(t *testing.T) {
	t.Parallel()
	clearEnv(t)
	resource.UnitTest(t, resource.TestCase{
		TerraformVersionChecks:   functionVersions,
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: requiredProviders + `
output "open" {
  value = provider::sarvam::calling_window_open(` + scheduleLiteral("09:30", "18:00", "Asia/Kolkata", "Monday") + `, "2025-03-10T10:00:00+05:30")
}
`,
			ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownOutputValue("open", knownvalue.Bool(true))},
		}},
	})
}

// The campaign data source's allowed_schedule passes straight in. The fake's
// campaign calls 09:30 to 18:00, Monday to Saturday, Asia/Kolkata.
func TestFunctions_campaignSchedule(t *testing.T) {
	t.Parallel()
	_, url := startFake(t)
	const schedule = "data.sarvam_campaign.test.allowed_schedule"
	var b strings.Builder
	b.WriteString(providerBlock(url) + campaignBlock("MKN-Loan-Le-181e5d84-a3cc"))
	var checks []statecheck.StateCheck
	for _, group := range [][]fnOutput{
		openAndNext("monday", schedule, "2025-03-10T10:00:00+05:30", true, "2025-03-10T09:30:00+05:30", "2025-03-10T18:00:00+05:30"),
		openAndNext("saturday_evening", schedule, "2025-03-15T12:30:00Z", false, "2025-03-17T09:30:00+05:30", "2025-03-17T18:00:00+05:30"),
	} {
		for _, o := range group {
			fmt.Fprintf(&b, "\noutput %q {\n  value = %s\n}\n", o.name, o.expr)
			checks = append(checks, statecheck.ExpectKnownOutputValue(o.name, o.want))
		}
	}
	resource.UnitTest(t, resource.TestCase{
		TerraformVersionChecks:   functionVersions,
		ProtoV6ProviderFactories: testProviders,
		Steps:                    []resource.TestStep{{Config: b.String(), ConfigStateChecks: checks}},
	})
}

// A precondition refuses a change while the campaign is calling, and lets it
// through outside the window.
func TestFunctions_preconditionRefusesInsideWindow(t *testing.T) {
	t.Parallel()
	_, url := startFake(t)
	rollout := func(at string) string {
		return providerBlock(url) + campaignBlock("MKN-Loan-Le-181e5d84-a3cc") + fmt.Sprintf(`
resource "terraform_data" "webhook_receiver" {
  input = "v2"

  lifecycle {
    precondition {
      condition     = !provider::sarvam::calling_window_open(data.sarvam_campaign.test.allowed_schedule, %q)
      error_message = "Campaign ${data.sarvam_campaign.test.name} is inside its calling window until ${provider::sarvam::next_calling_window(data.sarvam_campaign.test.allowed_schedule, %q).closes_at}."
    }
  }
}
`, at, at)
	}
	expectFunctionFailure(t, rollout("2025-03-10T10:00:00+05:30"), `Resource precondition failed .* is inside its calling window until 2025-03-10T18:00:00\+05:30\.`)
	resource.UnitTest(t, resource.TestCase{
		TerraformVersionChecks:   functionVersions,
		ProtoV6ProviderFactories: testProviders,
		Steps:                    []resource.TestStep{{Config: rollout("2025-03-10T18:00:00+05:30")}},
	})
}

// Each bad value is refused with a message that names the argument, the
// attribute and the value, through both functions.
func TestFunctions_errors(t *testing.T) {
	t.Parallel()
	const at = `"2025-03-10T10:00:00+05:30"`
	good := func() map[string]string {
		return map[string]string{
			"allowed_start_time": `"09:30"`,
			"allowed_end_time":   `"18:00"`,
			"allowed_days":       `["Monday"]`,
			"timezone":           `"Asia/Kolkata"`,
		}
	}
	object := func(attrs map[string]string) string {
		var lines []string
		for _, k := range []string{"allowed_start_time", "allowed_end_time", "allowed_days", "timezone"} {
			if v, ok := attrs[k]; ok {
				lines = append(lines, fmt.Sprintf("    %s = %s", k, v))
			}
		}
		return "{\n" + strings.Join(lines, "\n") + "\n  }"
	}
	with := func(k, v string) string {
		attrs := good()
		attrs[k] = v
		return object(attrs)
	}
	without := func(k string) string {
		attrs := good()
		delete(attrs, k)
		return object(attrs)
	}
	for _, tc := range []struct {
		name, schedule, at, want string
	}{
		{"unknown time zone", with("timezone", `"Mars/Olympus_Mons"`), at,
			`Invalid value for "schedule" parameter: schedule.timezone: "Mars/Olympus_Mons" is not a known IANA time zone; use a name such as "Asia/Kolkata" or "America/New_York"\.`},
		{"empty time zone", with("timezone", `""`), at,
			`Invalid value for "schedule" parameter: schedule.timezone: the name is empty; use an IANA time zone, such as "Asia/Kolkata"\.`},
		{"not a day name", with("allowed_days", `["Monday", "Diwali"]`), at,
			`Invalid value for "schedule" parameter: schedule.allowed_days\[1\]: "Diwali" is not a day name; use Monday to Sunday\. This schedule cannot be evaluated\. The value may come from the API`},
		// A near miss of a day name is a typing mistake: a short hint, and
		// no advice about values from the API. The pattern runs to the end.
		{"typed day name", with("allowed_days", `["Funday"]`), at,
			`Invalid value for "schedule" parameter: schedule.allowed_days\[0\]: "Funday" is not a day name \(did you mean "Sunday"\?\)\.\s*$`},
		{"abbreviated day name", with("allowed_days", `["Mon", "tues"]`), at,
			`Invalid value for "schedule" parameter: schedule.allowed_days\[0\]: "Mon" is not a day name \(did you mean "Monday"\?\); ` +
				`schedule.allowed_days\[1\]: "tues" is not a day name \(did you mean "Tuesday"\?\)\.\s*$`},
		// Every mistake is named, in attribute order; a value the API may
		// hold brings the try() advice, once, at the end.
		{"several mistakes", object(map[string]string{"allowed_start_time": `"9:30"`, "allowed_end_time": `"18:00"`, "allowed_days": `["Mon", "Diwali"]`, "timezone": `"Asia/Bangalore"`}), at,
			`Invalid value for "schedule" parameter: schedule.allowed_start_time: "9:30" is not a 24-hour time of day as HH:MM or HH:MM:SS, such as "09:30"; ` +
				`schedule.allowed_days\[0\]: "Mon" is not a day name \(did you mean "Monday"\?\); ` +
				`schedule.allowed_days\[1\]: "Diwali" is not a day name; use Monday to Sunday\. This schedule cannot be evaluated; ` +
				`schedule.timezone: "Asia/Bangalore" is not a known IANA time zone; use a name such as "Asia/Kolkata" or "America/New_York"\. ` +
				`The value may come from the API rather than from your typing: .* wrap the call in try\(\), as in try\(provider::sarvam::[a-z_]+\(data.sarvam_campaign.x.allowed_schedule, plantimestamp\(\)\), (true|null)\)\.\s*$`},
		{"two typing mistakes", object(map[string]string{"allowed_start_time": `"9:30"`, "allowed_end_time": `"24:00"`, "allowed_days": `["Monday"]`, "timezone": `"Asia/Kolkata"`}), at,
			`Invalid value for "schedule" parameter: schedule.allowed_start_time: "9:30" is not a 24-hour time of day as HH:MM or HH:MM:SS, such as "09:30"; ` +
				`schedule.allowed_end_time: "24:00" is not a 24-hour time of day as HH:MM or HH:MM:SS, such as "09:30"\.\s*$`},
		{"empty allowed_days", with("allowed_days", `[]`), at,
			`Invalid value for "schedule" parameter: schedule.allowed_days: the list is empty \(\[\]\), so this schedule cannot be evaluated: .* name at least one day, such as \["Monday"\]\. The value may come from the API`},
		{"bad start time", with("allowed_start_time", `"9:30"`), at,
			`Invalid value for "schedule" parameter: schedule.allowed_start_time: "9:30" is not a 24-hour time of day as HH:MM or HH:MM:SS, such as "09:30"\.`},
		{"bad end time", with("allowed_end_time", `"24:00"`), at,
			`Invalid value for "schedule" parameter: schedule.allowed_end_time: "24:00" is not a 24-hour time of day as HH:MM or HH:MM:SS`},
		{"at not RFC 3339", object(good()), `"2025-03-10 10:00"`,
			`Invalid value for "at" parameter: "2025-03-10 10:00" is not an RFC 3339 timestamp, such as "2025-03-10T09:30:00Z" or "2025-03-10T15:00:00\+05:30"\.`},
		{"at without offset", object(good()), `"2025-03-10T10:00:00"`,
			`Invalid value for "at" parameter: "2025-03-10T10:00:00" is not an RFC 3339 timestamp`},
		{"null schedule", "null", at,
			`Invalid value for "schedule" parameter: argument must not be null\.`},
		{"null at", object(good()), "null",
			`Invalid value for "at" parameter: argument must not be null\.`},
		{"null time zone", with("timezone", "null"), at,
			`Invalid value for "schedule" parameter: schedule.timezone must not be null\.`},
		{"null start time", with("allowed_start_time", "null"), at,
			`Invalid value for "schedule" parameter: schedule.allowed_start_time must not be null\.`},
		{"null allowed_days", with("allowed_days", "null"), at,
			`Invalid value for "schedule" parameter: schedule.allowed_days must not be null\.`},
		{"null day", with("allowed_days", `["Monday", null]`), at,
			`Invalid value for "schedule" parameter: schedule.allowed_days\[1\] must not be null\.`},
		{"missing attribute", without("timezone"), at,
			`Invalid value for "schedule" parameter: attribute "timezone" is required\.`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			clearEnv(t)
			for _, fn := range []string{"calling_window_open", "next_calling_window"} {
				expectFunctionFailure(t, requiredProviders+fmt.Sprintf(`
output "result" {
  value = provider::sarvam::%s(%s, %s)
}
`, fn, tc.schedule, tc.at), `Invalid function argument .*while calling provider::sarvam::`+fn+`\(schedule, at\) .*`+tc.want)
			}
		})
	}
}

// A schedule the API holds that the functions cannot evaluate (no days, or a
// day the API added) fails closed with an error that quotes the value, says
// where it may come from and shows how to choose an answer with try(); the
// data source itself reads it without complaint.
func TestFunctions_scheduleFromAPICannotBeEvaluated(t *testing.T) {
	t.Parallel()
	const fromAPI = `The value may come from the API rather than from your typing: data.sarvam_campaign's allowed_schedule passes on what the API holds, ` +
		`which the provider cannot change. To choose the answer for such a schedule yourself, wrap the call in try(), as in `
	tries := map[string]string{
		"calling_window_open": "try(provider::sarvam::calling_window_open(data.sarvam_campaign.x.allowed_schedule, plantimestamp()), true)",
		"next_calling_window": "try(provider::sarvam::next_calling_window(data.sarvam_campaign.x.allowed_schedule, plantimestamp()), null)",
	}
	for _, tc := range []struct{ name, campaign, problem string }{
		{"no days", fakeapi.PolicyRenewalID, `schedule.allowed_days: the list is empty ([]), so this schedule cannot be evaluated: it names no day, ` +
			`and whether that means never or every day is not documented; if you typed it, name at least one day, such as ["Monday"]. `},
		{"a day the API added", fakeapi.LeadFollowupID, `schedule.allowed_days[1]: "Diwali" is not a day name; use Monday to Sunday. This schedule cannot be evaluated. `},
	} {
		for fn, try := range tries {
			t.Run(tc.name+"/"+fn, func(t *testing.T) {
				t.Parallel()
				_, url := startFake(t)
				expectFunctionFailure(t, providerBlock(url)+campaignBlock(tc.campaign)+fmt.Sprintf(`
output "result" {
  value = provider::sarvam::%s(data.sarvam_campaign.test.allowed_schedule, "2026-12-06T12:00:00Z")
}
`, fn), `Invalid function argument .*while calling provider::sarvam::`+fn+`\(schedule, at\) .*`+
					regexp.QuoteMeta(`Invalid value for "schedule" parameter: `+tc.problem+fromAPI+try+`.`))
			})
		}
	}
	// The idiom the error shows chooses the answer: the plan goes on.
	t.Run("try", func(t *testing.T) {
		t.Parallel()
		_, url := startFake(t)
		config := providerBlock(url) + campaignBlock(fakeapi.PolicyRenewalID) + `
output "open" {
  value = try(provider::sarvam::calling_window_open(data.sarvam_campaign.test.allowed_schedule, "2026-12-06T12:00:00Z"), true)
}
output "next_is_null" {
  value = try(provider::sarvam::next_calling_window(data.sarvam_campaign.test.allowed_schedule, "2026-12-06T12:00:00Z"), null) == null
}
`
		resource.UnitTest(t, resource.TestCase{
			TerraformVersionChecks:   functionVersions,
			ProtoV6ProviderFactories: testProviders,
			Steps: []resource.TestStep{{Config: config, ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("open", knownvalue.Bool(true)),
				statecheck.ExpectKnownOutputValue("next_is_null", knownvalue.Bool(true)),
			}}},
		})
	})
}
