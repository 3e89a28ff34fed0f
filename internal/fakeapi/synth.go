package fakeapi

import (
	"fmt"
	"time"
)

// synthCampaign is a complete, valid campaign, so that a generated item reads
// like any other.
func synthCampaign(id, name, status, created string) []byte {
	return mustJSON(object{
		"name": name, "campaign_id": id, "status": status,
		"app_id": "app-generated", "created_by": "generator@example.in",
		"created_at": created, "updated_at": created,
		"app_config": object{
			"app_id": "app-generated", "app_version": 1, "attempts_per_second": 1,
			"connection_configs": []object{{"connection_id": "conn-generated", "phone_numbers": []string{"+910000000000"}, "weight": 1}},
			"retry_config":       object{"max_retries": 0, "retry_interval_minutes": []int{}},
			"app_type":           "agent",
		},
		"start_timestamp": created, "end_timestamp": created,
		"allowed_schedule": object{
			"allowed_start_time": "09:00", "allowed_end_time": "18:00",
			"allowed_days": []string{"Monday"}, "timezone": "Asia/Kolkata",
		},
		"description": nil, "app_type": "agent", "app_version": 1, "updated_by": nil,
	})
}

// synthCohort is a completed cohort with every record valid.
func synthCohort(id, name, _, created string) []byte {
	return mustJSON(object{
		"name": name, "cohort_id": id, "status": "completed", "source_type": "csv_upload",
		"created_by": "generator@example.in", "created_at": created, "updated_at": created,
		"result":     map[string]int{"total_records": 10, "valid_records": 10, "rejected_records": 0},
		"updated_by": nil,
	})
}

// generatedEpoch is later than every fixture, so generated items come first
// in the default order, newest first, and push the fixtures to later pages.
var generatedEpoch = time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)

func generatedTime(n int) string {
	return generatedEpoch.Add(time.Duration(n) * time.Minute).Format(time.RFC3339)
}

// seedListing stores the campaigns that lists and by-name lookups are tested
// on. They are generated rather than fixtures: every campaign fixture is also
// a decoding seed with its expected value written out in the client's tests.
func (s *Server) seedListing() {
	sc := s.home
	for _, c := range []struct{ id, name, status, created string }{
		{RenewalsQ3ActiveID, "Renewals Q3", "active", "2026-10-01T09:00:00Z"},
		{RenewalsQ3PausedID, "Renewals Q3", "paused", "2026-10-01T09:00:00Z"},
		{RenewalsID, "Renewals", "ended", "2026-06-01T09:00:00Z"},
	} {
		s.items.put(campaigns, sc, c.id, synthCampaign(c.id, c.name, c.status, c.created))
	}
}

var synthStatuses = []string{"scheduled", "active", "paused", "ended", "cancelled"}

// AddCampaigns stores n generated campaigns in the server's home workspace,
// named namePrefix and a four-digit number from 0001, with statuses taken in
// turn from scheduled, active, paused, ended and cancelled. Each is newer
// than the last and than every fixture. It returns their ids in order.
func (s *Server) AddCampaigns(n int, namePrefix string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	ids := make([]string, n)
	for i := range n {
		s.generated++
		ids[i] = fmt.Sprintf("GEN-%06d", s.generated)
		name := fmt.Sprintf("%s %04d", namePrefix, i+1)
		status := synthStatuses[(s.generated-1)%len(synthStatuses)]
		s.items.put(campaigns, s.home, ids[i], synthCampaign(ids[i], name, status, generatedTime(s.generated)))
	}
	return ids
}
