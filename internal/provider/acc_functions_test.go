package provider

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

// accInstants are fixed instants, away from any daylight-saving change, at
// which the functions are compared with a direct computation: a weekday
// morning in UTC and a Saturday evening.
var accInstants = []string{"2025-06-11T06:45:00Z", "2025-06-14T20:10:00+05:30"}

// Both functions, fed the allowed_schedule of a campaign read from the API,
// agree with a direct computation of that schedule. Subject: the first
// listed campaign whose schedule the API wrote in the documented form.
func TestAccFunctions_campaignSchedule(t *testing.T) {
	accParallel(t)
	accFunctionsCampaignSchedule(t, newAccTarget(t))
}

func accFunctionsCampaignSchedule(t *testing.T, tg *accTarget) {
	id := tg.campaignWithDocumentedSchedule(t)
	if id == "" {
		t.Skip("none of the first 10 campaigns has a schedule of HH:MM times, English day names and an IANA zone")
	}
	var config strings.Builder
	config.WriteString("data \"sarvam_campaign\" \"subject\" {\n  campaign_id = " + hcl(id) + "\n}\n")
	for i, at := range accInstants {
		fmt.Fprintf(&config, "output \"open_%d\" {\n  value = provider::sarvam::calling_window_open(data.sarvam_campaign.subject.allowed_schedule, %q)\n}\n", i, at)
		fmt.Fprintf(&config, "output \"next_%d\" {\n  value = provider::sarvam::next_calling_window(data.sarvam_campaign.subject.allowed_schedule, %q)\n}\n", i, at)
	}
	tg.run(t, resource.TestStep{
		Config: config.String(),
		ConfigStateChecks: []statecheck.StateCheck{stateCheck(func(st accState) []string {
			sched, _ := st.one("data.sarvam_campaign.subject")["allowed_schedule"].(map[string]any)
			var problems []string
			for i, raw := range accInstants {
				at, _ := time.Parse(time.RFC3339, raw)
				opens, closes, open, err := directWindow(sched, at)
				if err != nil {
					return []string{err.Error()}
				}
				if got := st.output(fmt.Sprintf("open_%d", i)); got != open {
					problems = append(problems, fmt.Sprintf("calling_window_open at %s is %v; the schedule %v gives %v", raw, got, sched, open))
				}
				next, _ := st.output(fmt.Sprintf("next_%d", i)).(map[string]any)
				if !sameInstant(next["opens_at"], opens) || !sameInstant(next["closes_at"], closes) {
					problems = append(problems, fmt.Sprintf("next_calling_window at %s is %v; the schedule %v gives %s to %s", raw, next, sched, opens, closes))
				}
			}
			return problems
		})},
	})
}

// campaignWithDocumentedSchedule is the first of the first ten listed
// campaigns whose schedule directWindow can read, "" if none.
func (tg *accTarget) campaignWithDocumentedSchedule(t *testing.T) string {
	t.Helper()
	for _, c := range tg.campaignSample(t, 10) {
		full, err := tg.client.GetCampaign(context.Background(), tg.org, tg.workspace, *c.CampaignID)
		if err != nil {
			t.Fatalf("reading a listed campaign: %v", err)
		}
		s := full.AllowedSchedule
		if s == nil {
			continue
		}
		days := make([]any, len(s.AllowedDays))
		for i, d := range s.AllowedDays {
			days[i] = deref(d)
		}
		sched := map[string]any{"allowed_start_time": deref(s.AllowedStartTime), "allowed_end_time": deref(s.AllowedEndTime), "allowed_days": days, "timezone": deref(s.Timezone)}
		if _, _, _, err := directWindow(sched, time.Now()); err == nil {
			return *c.CampaignID
		}
	}
	return ""
}
