package provider

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/sarvamai/terraform-provider-sarvam/internal/client"
)

// The acceptance suite's checks find what they look for: each is given
// state that breaks its invariant.
func TestInvariantChecks_catchProblems(t *testing.T) {
	item := func(id, created string) map[string]any {
		return map[string]any{"campaign_id": id, "created_at": created}
	}
	list := func(total float64, ids ...string) map[string]any {
		its := make([]any, len(ids))
		raw := make([]any, len(ids))
		for i, id := range ids {
			its[i], raw[i] = map[string]any{"campaign_id": id}, id
		}
		return map[string]any{"ids": raw, "campaigns": its, "total": total}
	}
	for _, tc := range []struct {
		name     string
		problems []string
		want     string
	}{
		{"duplicate id", listProblems("l", list(2, "a", "a"), "campaigns", "campaign_id"), `id "a" is listed twice`},
		{"total below length", listProblems("l", list(1, "a", "b"), "campaigns", "campaign_id"), "total 1 is less than the 2 items listed"},
		{"ids apart from items", listProblems("l", map[string]any{"ids": []any{"a"}, "campaigns": []any{map[string]any{"campaign_id": "b"}}}, "campaigns", "campaign_id"), `ids[0] is "a" but campaigns[0].campaign_id is "b"`},
		{"absent", listProblems("l", nil, "campaigns", "campaign_id"), "l is not in the state"},
		{"ascending out of order", orderProblems("asc", []map[string]any{item("a", "2025-01-02T00:00:00Z"), item("b", "2025-01-01T00:00:00+05:30")}), "campaigns[1] created 2025-01-01T00:00:00+05:30 comes after"},
		{"descending out of order", orderProblems("desc", []map[string]any{item("a", "2025-01-01T00:00:00Z"), item("b", "2025-01-02T00:00:00Z")}), "sort_order desc"},
		{"not the same set", reverseProblems([]map[string]any{item("a", "2025-01-01T00:00:00Z")}, []map[string]any{item("b", "2025-01-01T00:00:00Z")}), "not the same set"},
		{"not reversed", reverseProblems(
			[]map[string]any{item("a", "2025-01-01T00:00:00Z"), item("b", "2025-01-02T00:00:00Z")},
			[]map[string]any{item("a", "2025-01-01T00:00:00Z"), item("b", "2025-01-02T00:00:00Z")}), "desc read backwards"},
		{"bad timestamp", timestampProblems("c", map[string]any{"created_at": "yesterday"}, "created_at"), `c.created_at = "yesterday" does not parse`},
		{"field differs", sameFields("c", map[string]any{"status": "active"}, map[string]any{"status": "paused"}, "status"), "c.status: listed active, read back paused"},
	} {
		if !strings.Contains(strings.Join(tc.problems, "\n"), tc.want) {
			t.Errorf("%s: problems %q do not say %q", tc.name, tc.problems, tc.want)
		}
	}
	// Ties in created_at may come in any order, both ways.
	tied := []map[string]any{item("a", "2025-01-01T00:00:00Z"), item("b", "2025-01-01T00:00:00Z")}
	if p := append(orderProblems("asc", tied), reverseProblems(tied, tied)...); len(p) > 0 {
		t.Errorf("tied campaigns: %q", p)
	}
}

// directWindow agrees with the windows the function tests check by hand.
func TestDirectWindow(t *testing.T) {
	kolkata := map[string]any{"allowed_start_time": "09:30", "allowed_end_time": "18:00", "timezone": "Asia/Kolkata",
		"allowed_days": []any{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}}
	overnight := map[string]any{"allowed_start_time": "22:00", "allowed_end_time": "06:00", "timezone": "UTC", "allowed_days": []any{"Friday"}}
	for _, tc := range []struct {
		sched             map[string]any
		at, opens, closes string
		open              bool
	}{
		{kolkata, "2025-03-10T10:00:00+05:30", "2025-03-10T09:30:00+05:30", "2025-03-10T18:00:00+05:30", true},
		{kolkata, "2025-03-15T12:30:00Z", "2025-03-17T09:30:00+05:30", "2025-03-17T18:00:00+05:30", false},
		{overnight, "2025-03-15T05:00:00Z", "2025-03-14T22:00:00Z", "2025-03-15T06:00:00Z", true},
		{overnight, "2025-03-15T06:00:00Z", "2025-03-21T22:00:00Z", "2025-03-22T06:00:00Z", false},
	} {
		at, _ := time.Parse(time.RFC3339, tc.at)
		opens, closes, open, err := directWindow(tc.sched, at)
		if err != nil || open != tc.open || !sameInstant(tc.opens, opens) || !sameInstant(tc.closes, closes) {
			t.Errorf("%v at %s: %s to %s open=%v err=%v; want %s to %s open=%v", tc.sched, tc.at, opens, closes, open, err, tc.opens, tc.closes, tc.open)
		}
	}
	for _, bad := range []map[string]any{
		{"allowed_start_time": "9.30", "allowed_end_time": "18:00", "timezone": "UTC", "allowed_days": []any{"Monday"}},
		{"allowed_start_time": "09:30", "allowed_end_time": "18:00", "timezone": "Mars/Base", "allowed_days": []any{"Monday"}},
		{"allowed_start_time": "09:30", "allowed_end_time": "18:00", "timezone": "UTC", "allowed_days": []any{"Funday"}},
	} {
		if _, _, _, err := directWindow(bad, time.Now()); err == nil {
			t.Errorf("%v: read as a documented schedule", bad)
		}
	}
}

// unmapped names fields the client has no field for, at any depth and in
// lists, and never looks into free-form values or maps, whose keys are data.
func TestUnmappedFields(t *testing.T) {
	campaign := map[string]any{
		"campaign_id": "c", "name": "n", "x_top": 1,
		"app_config": map[string]any{
			"app_id": "a", "x_nested": true,
			"connection_configs": []any{map[string]any{"connection_id": "k", "x_in_list": 1}},
			"webhook_config":     map[string]any{"url": "u", "metadata": map[string]any{"anything": 1}},
			"retry_config":       map[string]any{"retry_interval_minutes": []any{1}},
		},
		"webhook_config": map[string]any{"whatever": 1},
	}
	got := unmapped(campaign, reflect.TypeFor[client.Campaign](), "")
	want := []string{"app_config.connection_configs[].x_in_list", "app_config.x_nested", "x_top"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("campaign: %q, want %q", got, want)
	}
	webhook := map[string]any{"webhook_id": "w", "custom_headers": map[string]any{"X-Any": "v"}, "signing_secret": "s"}
	if got := unmapped(webhook, reflect.TypeFor[client.WebhookConfiguration](), ""); !reflect.DeepEqual(got, []string{"signing_secret"}) {
		t.Errorf("webhook: %q", got)
	}
}
