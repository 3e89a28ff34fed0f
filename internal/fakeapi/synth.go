package fakeapi

import (
	"encoding/json"
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

// object is a JSON object, as the generated bodies are written.
type object = map[string]any

// mustJSON is v in JSON; v is made of maps, lists and scalars, which
// always marshal.
func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}
