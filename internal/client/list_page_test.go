package client

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// The one-pass decoding of a page's items gives exactly what decoding each
// item on its own gives, for every kind of item a list holds.
func TestDecodeItemsOnePassAgrees(t *testing.T) {
	campaigns := "[" + strings.Join(append(campaignItems(0, 3),
		`{"name":"n","campaign_id":"c-null","status":"scheduled","app_id":null,"app_version":null}`,
		`{"name":"Renewals \u00e9 \"Q3\"\n","campaign_id":"c-escaped","status":"active","unknown":{"nested":[1,{"a":null}]}}`,
		`{"NAME":"upper","Campaign_Id":"c-case","status":"paused"}`,
		`{"name":"first","name":"second","campaign_id":"c-dup","status":"ended","app_version":9007199254740993}`,
	), ",") + "]"
	requireOnePass(t, campaigns, campaignSummaryRequired)
	cohorts := `[{"cohort_id":"h1","name":"a","status":"completed","result":{"total_records":3,"valid_records":2,"rejected_records":1}},` +
		`{"cohort_id":"h2","name":"b","status":"processing","result":null,"source_type":"csv_upload"}]`
	requireOnePass(t, cohorts, cohortRequired)
}

func requireOnePass[T any](t *testing.T, raw string, required func(*T) []requiredField) {
	t.Helper()
	fast, ok := decodeWellFormedPage([]byte(`{"items": `+raw+`}`), required)
	if !ok {
		t.Fatalf("%.60s…: not decoded in one pass", raw)
	}
	slow, err := decodeItems(json.RawMessage(raw), required)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(fast.items, slow) {
		t.Fatalf("one pass\n%+v\nitem by item\n%+v", fast, slow)
	}
}

// What the one pass cannot vouch for is left to the item-by-item decoding,
// which names the fault.
func TestDecodeItemsOnePassDeclines(t *testing.T) {
	good := campaignItem(1)
	for name, raw := range map[string]string{
		"a null item":               "[" + good + ",null]",
		"an item without its id":    `[` + good + `,{"name":"n","status":"active"}]`,
		"a number":                  `[7]`,
		"a field of the wrong type": `[{"campaign_id":"c","name":"n","status":"s","app_version":"3"}]`,
		"invalid UTF-8":             "[{\"campaign_id\":\"c\",\"name\":\"\xff\",\"status\":\"s\"}]",
	} {
		if _, ok := decodeWellFormedPage([]byte(`{"items": `+raw+`}`), campaignSummaryRequired); ok {
			t.Errorf("%s: decoded in one pass", name)
		}
		if _, err := decodeItems(json.RawMessage(raw), campaignSummaryRequired); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// A page of well-formed items is decoded in one pass, to what the envelope
// and then the items decode to; any other page is left to that slower
// path, whose errors say what is wrong where.
func TestDecodePageInOnePass(t *testing.T) {
	items := campaignItems(0, 3)
	body := []byte(envelope(items, 3, 0, false))
	fast, ok := decodeWellFormedPage(body, campaignSummaryRequired)
	if !ok {
		t.Fatal("a page of well-formed items was not decoded in one pass")
	}
	p, err := decodeObject(200, body, "", pageRequired)
	if err != nil {
		t.Fatal(err)
	}
	slow, err := decodeItems(p.Items, campaignSummaryRequired)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(fast.items, slow) || *fast.Total != 3 || *fast.Offset != 0 || string(fast.NextPageURI) != string(p.NextPageURI) {
		t.Fatalf("one pass gave %+v (total %v), the envelope and items %+v", fast.items, fast.Total, slow)
	}
	empty, ok := decodeWellFormedPage([]byte(`{"items": [], "total": 0}`), campaignSummaryRequired)
	if !ok || empty.items == nil || len(empty.items) != 0 {
		t.Fatalf("an empty page: %+v, %v", empty, ok)
	}
	for _, body := range []string{
		``, `[]`, `{"total": 1}`, `{"items": null}`, `{"items": {}}`, `{"items": [null]}`,
		`{"items": [{"name": "no id", "status": "active"}]}`,
		"{\"items\": [], \"note\": \"\xff\"}",
		`{"items": [], "total": "one"}`,
	} {
		if _, ok := decodeWellFormedPage([]byte(body), campaignSummaryRequired); ok {
			t.Errorf("%q was decoded in one pass", body)
		}
	}
}
