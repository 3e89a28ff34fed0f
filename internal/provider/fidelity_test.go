package provider

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"math/big"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/sarvamai/terraform-provider-sarvam/internal/fakeapi"
)

// Every attribute of the fully populated campaign against the fixture the
// fake serves, walked by the API's field names, which are the attributes'
// names: a field the mapping forgot, or an attribute it invented, at the top
// level or below, fails. A field added to the fixture and the schema is
// checked without a line here.
func TestCampaignDataSource_fullyPopulated(t *testing.T) {
	t.Parallel()
	fake, url := startFake(t)
	body, ok := fake.Campaign(fakeapi.OrgID, fakeapi.WorkspaceID, fakeapi.LoanRemindersID)
	if !ok {
		t.Fatal("the fake has no fully populated campaign")
	}
	var want map[string]any
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&want); err != nil {
		t.Fatal(err)
	}
	want["org_id"], want["workspace_id"] = fakeapi.OrgID, fakeapi.WorkspaceID
	var got listRead
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: providerBlock(url) + campaignBlock(fakeapi.LoanRemindersID),
			ConfigStateChecks: []statecheck.StateCheck{
				everyAttributeSet(dsAddr, "app_config.webhook_config.metadata", "webhook_config"),
				capture{"sarvam_campaign", &got, "test"},
			},
		}},
	})
	for _, d := range stateDiff("", want, got.attrs) {
		t.Error(d)
	}
}

// stateDiff says, one line each, where the state value got differs from the
// API's JSON want: an attribute for each field, of the same name, at every
// depth, and none besides; numbers are compared by value.
func stateDiff(path string, want, got any) []string {
	at := path
	if at == "" {
		at = "the data source"
	}
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return []string{fmt.Sprintf("%s is %#v, want an object", at, got)}
		}
		var out []string
		for _, name := range slices.Sorted(maps.Keys(w)) {
			if _, has := g[name]; !has {
				out = append(out, fmt.Sprintf("%s has no attribute for the field %s", at, name))
				continue
			}
			out = append(out, stateDiff(strings.TrimPrefix(path+"."+name, "."), w[name], g[name])...)
		}
		for _, name := range slices.Sorted(maps.Keys(g)) {
			if _, has := w[name]; !has {
				out = append(out, fmt.Sprintf("%s has the attribute %s, which the API did not send", at, name))
			}
		}
		return out
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			return []string{fmt.Sprintf("%s is %#v, want %d items", at, got, len(w))}
		}
		var out []string
		for i := range w {
			out = append(out, stateDiff(fmt.Sprintf("%s[%d]", path, i), w[i], g[i])...)
		}
		return out
	case json.Number:
		wn, _ := new(big.Rat).SetString(w.String())
		gn, ok := new(big.Rat).SetString(fmt.Sprint(got))
		if !ok || wn.Cmp(gn) != 0 {
			return []string{fmt.Sprintf("%s is %v, want %s", at, got, w)}
		}
		return nil
	default:
		if !reflect.DeepEqual(want, got) {
			return []string{fmt.Sprintf("%s is %#v, want %#v", at, got, want)}
		}
		return nil
	}
}

// stateDiff must name a field left out, an attribute invented and a value
// that differs, at any depth, and take a number for its value.
func TestStateDiffNamesEachDifference(t *testing.T) {
	want := map[string]any{"name": "x", "n": json.Number("250.05"), "obj": map[string]any{"a": []any{"b", nil}, "gone": true}}
	if d := stateDiff("", want, map[string]any{"name": "x", "n": json.Number("250.050"), "obj": map[string]any{"a": []any{"b", nil}, "gone": true}}); len(d) != 0 {
		t.Fatalf("the same values differ: %v", d)
	}
	got := stateDiff("", want, map[string]any{"name": "y", "n": 250.5, "obj": map[string]any{"a": []any{"b"}, "extra": 1}})
	wantDiff := []string{
		`name is "y", want "x"`,
		`n is 250.5, want 250.05`,
		`obj.a is []interface {}{"b"}, want 2 items`,
		`obj has no attribute for the field gone`,
		`obj has the attribute extra, which the API did not send`,
	}
	slices.Sort(got)
	slices.Sort(wantDiff)
	if !slices.Equal(got, wantDiff) {
		t.Fatalf("stateDiff:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantDiff, "\n"))
	}
}

// retryOn checks the retry_on object both campaign fixtures share, but for
// whether no_answer is retried.
func retryOn(noAnswer bool) knownvalue.Check {
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"busy":      enabled(true),
		"failed":    enabled(true),
		"no_answer": enabled(noAnswer),
		"short_duration": knownvalue.ObjectExact(map[string]knownvalue.Check{
			"enabled":           knownvalue.Bool(true),
			"threshold_seconds": knownvalue.Int64Exact(123),
		}),
		"provider_error": knownvalue.ObjectExact(map[string]knownvalue.Check{
			"enabled":                knownvalue.Bool(true),
			"max_retries":            knownvalue.Int64Exact(10),
			"retry_interval_minutes": knownvalue.Int64Exact(6),
		}),
		"internal_error": knownvalue.ObjectExact(map[string]knownvalue.Check{
			"enabled":                knownvalue.Bool(true),
			"max_retries":            knownvalue.Int64Exact(3),
			"retry_interval_minutes": knownvalue.Int64Exact(5),
		}),
	})
}

// The reference's own response example, served unchanged, reads back with
// every one of its values. Its campaign_id is the literal "<string>", which
// also shows that ids are escaped.
func TestCampaignDataSource_seedExample(t *testing.T) {
	t.Parallel()
	fake, url := startFake(t)
	const s = "<string>"
	const ts = "2023-11-07T05:31:56Z"
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: providerBlock(url) + campaignBlock(fakeapi.SeedExampleID),
			ConfigStateChecks: []statecheck.StateCheck{
				expect("name", knownvalue.StringExact(s)),
				expect("campaign_id", knownvalue.StringExact(s)),
				expect("status", knownvalue.StringExact("ended")),
				expect("app_id", knownvalue.StringExact(s)),
				expect("created_by", knownvalue.StringExact(s)),
				expect("created_at", knownvalue.StringExact(ts)),
				expect("updated_at", knownvalue.StringExact(ts)),
				expect("start_timestamp", knownvalue.StringExact(ts)),
				expect("end_timestamp", knownvalue.StringExact(ts)),
				expect("description", knownvalue.StringExact(s)),
				expect("app_type", knownvalue.StringExact("agent")),
				expect("app_version", knownvalue.Int64Exact(123)),
				expect("updated_by", knownvalue.StringExact(s)),
				expect("allowed_schedule", knownvalue.ObjectExact(map[string]knownvalue.Check{
					"allowed_start_time": knownvalue.StringExact(s),
					"allowed_end_time":   knownvalue.StringExact(s),
					"allowed_days":       strs("Monday"),
					"timezone":           knownvalue.StringExact("Asia/Kolkata"),
				})),
				expect("app_config", knownvalue.ObjectExact(map[string]knownvalue.Check{
					"app_id":              knownvalue.StringExact(s),
					"app_version":         knownvalue.Int64Exact(2),
					"attempts_per_second": knownvalue.Float64Exact(250.05),
					"app_type":            knownvalue.StringExact("agent"),
					"connection_configs": knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectExact(map[string]knownvalue.Check{
							"connection_id": knownvalue.StringExact(s),
							"phone_numbers": strs(s),
							"weight":        knownvalue.Int64Exact(1),
						}),
					}),
					"retry_config": knownvalue.ObjectExact(map[string]knownvalue.Check{
						"max_retries":            knownvalue.Int64Exact(10),
						"retry_interval_minutes": knownvalue.ListExact([]knownvalue.Check{}),
						"retry_on":               retryOn(true),
					}),
					"webhook_config": knownvalue.ObjectExact(map[string]knownvalue.Check{
						"url":      knownvalue.StringExact(s),
						"metadata": knownvalue.ObjectExact(map[string]knownvalue.Check{}),
					}),
					"phone_rotation": knownvalue.Null(),
				})),
			},
		}},
	})
	reqs := fake.Requests()
	if len(reqs) == 0 || reqs[0].EscapedPath != fakeapi.BasePath+"/v1/orgs/org-acme-finance/workspaces/ws-collections/campaigns/%3Cstring%3E" {
		t.Fatalf("want the id sent as one escaped segment, got %+v", reqs)
	}
	if ua := reqs[0].UserAgent; !regexp.MustCompile(`^terraform-provider-sarvam/test Terraform/\d+\.\d+\.\d+`).MatchString(ua) {
		t.Fatalf("User-Agent %q does not name the provider and Terraform versions", ua)
	}
	if !reqs[0].KeyMatched {
		t.Fatal("the request did not carry the configured X-API-Key")
	}
}

// What the API leaves out is null, and a nested object it leaves out is a
// null object, not an object of nulls. A bare retry_interval_minutes is a
// list of one, and offsetless timestamps read as UTC.
func TestCampaignDataSource_nullsAndAbsent(t *testing.T) {
	t.Parallel()
	_, url := startFake(t)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: providerBlock(url) + campaignBlock(fakeapi.PolicyRenewalID),
			ConfigStateChecks: []statecheck.StateCheck{
				expect("description", knownvalue.Null()),
				expect("webhook_config", knownvalue.Null()),
				expect("app_version", knownvalue.Null()),
				expect("updated_by", knownvalue.Null()),
				expect("app_type", knownvalue.Null()),
				expect("status", knownvalue.StringExact("scheduled")),
				expect("created_at", knownvalue.StringExact("2026-11-20T08:00:00Z")),
				expect("updated_at", knownvalue.StringExact("2026-11-20T08:00:00.250Z")),
				expect("start_timestamp", knownvalue.StringExact("2026-12-01T09:15:00Z")),
				expect("end_timestamp", knownvalue.StringExact("2026-12-15T18:00:00Z")),
				expect("allowed_schedule", knownvalue.ObjectExact(map[string]knownvalue.Check{
					"allowed_start_time": knownvalue.StringExact("10:00"),
					"allowed_end_time":   knownvalue.StringExact("17:00"),
					"allowed_days":       knownvalue.ListExact([]knownvalue.Check{}),
					"timezone":           knownvalue.StringExact("Asia/Kolkata"),
				})),
				expect("app_config", knownvalue.ObjectExact(map[string]knownvalue.Check{
					"app_id":              knownvalue.StringExact("app-renewal-22b1"),
					"app_version":         knownvalue.Null(),
					"attempts_per_second": knownvalue.Float64Exact(2),
					"app_type":            knownvalue.StringExact("agent"),
					"connection_configs":  knownvalue.ListExact([]knownvalue.Check{}),
					"retry_config": knownvalue.ObjectExact(map[string]knownvalue.Check{
						"max_retries":            knownvalue.Int64Exact(2),
						"retry_interval_minutes": ints(30),
						"retry_on":               knownvalue.Null(),
					}),
					"webhook_config": knownvalue.Null(),
					"phone_rotation": knownvalue.Null(),
				})),
			},
		}},
	})
}

// Unknown fields are ignored, unknown enum values pass through, Unicode is
// kept, and each retry condition left out is null on its own.
func TestCampaignDataSource_forwardCompatible(t *testing.T) {
	t.Parallel()
	_, url := startFake(t)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: providerBlock(url) + campaignBlock(fakeapi.LeadFollowupID),
			ConfigStateChecks: []statecheck.StateCheck{
				expect("name", knownvalue.StringExact("लीड फॉलो-अप — होम लोन 🏠")),
				expect("status", knownvalue.StringExact("archived")),
				expect("created_at", knownvalue.StringExact("2026-09-14T10:20:30+05:30")),
				expect("updated_at", knownvalue.StringExact("2026-11-27T23:59:59.999+05:30")),
				expect("updated_by", knownvalue.Null()),
				expect("app_type", knownvalue.StringExact("workflow")),
				expect("allowed_schedule", knownvalue.ObjectExact(map[string]knownvalue.Check{
					"allowed_start_time": knownvalue.StringExact("11:00"),
					"allowed_end_time":   knownvalue.StringExact("19:30"),
					"allowed_days":       strs("Sunday", "Diwali"),
					"timezone":           knownvalue.StringExact("Asia/Kolkata"),
				})),
				expect("app_config", knownvalue.ObjectExact(map[string]knownvalue.Check{
					"app_id":              knownvalue.StringExact("wf-lead-qualify-09"),
					"app_version":         knownvalue.Int64Exact(7),
					"attempts_per_second": knownvalue.Float64Exact(0.1),
					"app_type":            knownvalue.StringExact("workflow"),
					"connection_configs": knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectExact(map[string]knownvalue.Check{
							"connection_id": knownvalue.StringExact("conn-twilio-del-03"),
							"phone_numbers": strs("+911140003001", "+911140003002"),
							"weight":        knownvalue.Int64Exact(1),
						}),
					}),
					"retry_config": knownvalue.ObjectExact(map[string]knownvalue.Check{
						"max_retries":            knownvalue.Int64Exact(0),
						"retry_interval_minutes": knownvalue.ListExact([]knownvalue.Check{}),
						"retry_on": knownvalue.ObjectExact(map[string]knownvalue.Check{
							"busy":      enabled(true),
							"failed":    knownvalue.Null(),
							"no_answer": knownvalue.Null(),
							"short_duration": knownvalue.ObjectExact(map[string]knownvalue.Check{
								"enabled":           knownvalue.Bool(false),
								"threshold_seconds": knownvalue.Int64Exact(8),
							}),
							"provider_error": knownvalue.Null(),
							"internal_error": knownvalue.Null(),
						}),
					}),
					"webhook_config": knownvalue.ObjectExact(map[string]knownvalue.Check{
						"url":      knownvalue.StringExact("https://crm.example.in/hooks/लीड"),
						"metadata": knownvalue.ObjectExact(map[string]knownvalue.Check{}),
					}),
					"phone_rotation": knownvalue.Null(),
				})),
			},
		}},
	})
}

// Users index into metadata like any object, and a postcondition on status
// stops the plan with the user's own message.
func TestCampaignDataSource_metadataAndConditions(t *testing.T) {
	t.Parallel()
	_, url := startFake(t)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{
				Config: providerBlock(url) + campaignBlock(fakeapi.LoanRemindersID) + `
output "team"    { value = data.sarvam_campaign.test.app_config.webhook_config.metadata.team }
output "level"   { value = data.sarvam_campaign.test.app_config.webhook_config.metadata.routing.tier.level }
output "region"  { value = data.sarvam_campaign.test.app_config.webhook_config.metadata.regions[1] }
output "window"  { value = "${data.sarvam_campaign.test.allowed_schedule.allowed_start_time}-${data.sarvam_campaign.test.allowed_schedule.allowed_end_time} ${data.sarvam_campaign.test.allowed_schedule.timezone}" }
output "numbers" { value = length(flatten(data.sarvam_campaign.test.app_config.connection_configs[*].phone_numbers)) }
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("team", knownvalue.StringExact("collections")),
					statecheck.ExpectKnownOutputValue("level", knownvalue.Int64Exact(2)),
					statecheck.ExpectKnownOutputValue("region", knownvalue.StringExact("KA")),
					statecheck.ExpectKnownOutputValue("window", knownvalue.StringExact("09:30-18:00 Asia/Kolkata")),
					statecheck.ExpectKnownOutputValue("numbers", knownvalue.Int64Exact(4)),
				},
			},
			{
				Config: providerBlock(url) + `
data "sarvam_campaign" "test" {
  campaign_id = "` + fakeapi.LoanRemindersID + `"
  lifecycle {
    postcondition {
      condition     = contains(["scheduled", "active"], self.status)
      error_message = "Campaign ${self.name} is ${self.status}; it must be scheduled or active."
    }
  }
}
`,
				ExpectError: regexp.MustCompile(`Campaign Loan EMI reminders - November is ended; it must be\s+scheduled\s+or\s+active`),
			},
		},
	})
}

// Ten thousand phone numbers and metadata nested forty deep go through
// Terraform into state intact.
func TestCampaignDataSource_largeCampaign(t *testing.T) {
	t.Parallel()
	fake, url := startFake(t)
	numbers := make([]string, 10000)
	for i := range numbers {
		numbers[i] = fmt.Sprintf("+9180%08d", i)
	}
	var deep any = map[string]any{"leaf": "bottom", "n": 40}
	for i := 39; i >= 1; i-- {
		deep = map[string]any{"next": deep, "n": i}
	}
	body, err := json.Marshal(map[string]any{
		"campaign_id": "MKN-Large-1", "name": "Large", "status": "active", "allowed_schedule": map[string]any{},
		"app_config": map[string]any{
			"connection_configs": []any{map[string]any{"connection_id": "c1", "phone_numbers": numbers, "weight": 1}},
			"webhook_config":     map[string]any{"url": "https://hooks.example.in/x", "metadata": deep},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	fake.Put(fakeapi.OrgID, fakeapi.WorkspaceID, "MKN-Large-1", body)
	path := "data.sarvam_campaign.test.app_config.webhook_config.metadata" + strings.Repeat(".next", 39)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: providerBlock(url) + campaignBlock("MKN-Large-1") + `
output "count" { value = length(data.sarvam_campaign.test.app_config.connection_configs[0].phone_numbers) }
output "first" { value = data.sarvam_campaign.test.app_config.connection_configs[0].phone_numbers[0] }
output "last"  { value = data.sarvam_campaign.test.app_config.connection_configs[0].phone_numbers[9999] }
output "leaf"  { value = "${` + path + `.leaf}/${` + path + `.n}" }
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("count", knownvalue.Int64Exact(10000)),
				statecheck.ExpectKnownOutputValue("first", knownvalue.StringExact("+918000000000")),
				statecheck.ExpectKnownOutputValue("last", knownvalue.StringExact("+918000009999")),
				statecheck.ExpectKnownOutputValue("leaf", knownvalue.StringExact("bottom/40")),
			},
		}},
	})
}

// A null inside a list the API sends stays null in state, not "".
func TestCampaignDataSource_nullInsideLists(t *testing.T) {
	t.Parallel()
	fake, url := startFake(t)
	fake.Put(fakeapi.OrgID, fakeapi.WorkspaceID, "MKN-Nulls-1", []byte(`{"campaign_id":"MKN-Nulls-1","name":"n","status":"active",
		"app_config":{"connection_configs":[{"connection_id":"c","phone_numbers":["+911",null],"weight":null}]},
		"allowed_schedule":{"allowed_days":[null,"Monday"]},"created_at":"2026-10-01 09:15:00"}`))
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: providerBlock(url) + campaignBlock("MKN-Nulls-1"),
			ConfigStateChecks: []statecheck.StateCheck{
				expect("allowed_schedule", knownvalue.ObjectExact(map[string]knownvalue.Check{
					"allowed_days":       knownvalue.ListExact([]knownvalue.Check{knownvalue.Null(), knownvalue.StringExact("Monday")}),
					"allowed_start_time": knownvalue.Null(), "allowed_end_time": knownvalue.Null(), "timezone": knownvalue.Null(),
				})),
				statecheck.ExpectKnownValue(dsAddr, tfjsonpath.New("app_config").AtMapKey("connection_configs"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectExact(map[string]knownvalue.Check{
						"connection_id": knownvalue.StringExact("c"),
						"phone_numbers": knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("+911"), knownvalue.Null()}),
						"weight":        knownvalue.Null(),
					}),
				})),
				expect("created_at", knownvalue.StringExact("2026-10-01T09:15:00Z")),
			},
		}},
	})
}

// The null check itself must catch a null at any depth, or it proves
// nothing.
func TestEveryAttributeSetCatchesNull(t *testing.T) {
	full := map[string]any{"name": "x", "list": []any{}, "obj": map[string]any{"a": []any{"b"}}}
	var resp statecheck.CheckStateResponse
	everyAttributeSet(dsAddr).CheckState(context.Background(), stateWith(full), &resp)
	if resp.Error != nil {
		t.Fatalf("a fully set object was refused: %v", resp.Error)
	}
	holed := map[string]any{"name": "x", "obj": map[string]any{"a": []any{"b", nil}, "c": nil}, "free": map[string]any{"d": nil}}
	everyAttributeSet(dsAddr, "free").CheckState(context.Background(), stateWith(holed), &resp)
	if resp.Error == nil || !strings.Contains(resp.Error.Error(), "obj.a[1], obj.c") {
		t.Fatalf("want obj.a[1] and obj.c reported, got %v", resp.Error)
	}
}

// The whole-object check must catch a top-level attribute it does not name,
// such as one a mapping invented, as well as a missing or wrong one.
func TestExpectWholeCatchesInventedAttribute(t *testing.T) {
	want := map[string]knownvalue.Check{"name": knownvalue.StringExact("x"), "obj": knownvalue.ObjectExact(map[string]knownvalue.Check{})}
	for _, tc := range []struct {
		name  string
		attrs map[string]any
		err   string
	}{
		{"exact", map[string]any{"name": "x", "obj": map[string]any{}}, ""},
		{"invented", map[string]any{"name": "x", "obj": map[string]any{}, "priority": "high", "id": nil},
			dsAddr + " has attributes the check does not name: id, priority"},
		{"missing", map[string]any{"name": "x"}, dsAddr + " lacks attributes the check names: obj"},
		{"wrong value", map[string]any{"name": "y", "obj": map[string]any{}},
			dsAddr + `: name object attribute: expected value x for StringExact check, got: y`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var resp statecheck.CheckStateResponse
			expectWhole(dsAddr, want).CheckState(context.Background(), stateWith(tc.attrs), &resp)
			got := ""
			if resp.Error != nil {
				got = resp.Error.Error()
			}
			if got != tc.err {
				t.Fatalf("error %q, want %q", got, tc.err)
			}
		})
	}
}

// stateWith is a state holding the data source at dsAddr with attrs.
func stateWith(attrs map[string]any) statecheck.CheckStateRequest {
	return statecheck.CheckStateRequest{State: &tfjson.State{Values: &tfjson.StateValues{RootModule: &tfjson.StateModule{
		Resources: []*tfjson.StateResource{{Address: dsAddr, AttributeValues: attrs}},
	}}}}
}
