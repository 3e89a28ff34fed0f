package fakeapi

import (
	"embed"
	"encoding/json"
	"strings"
	"time"
)

// fixtures holds one folder per resource kind. A file's folder below its
// kind names the parent: fixtures/cohorts/<campaign_id>/*.json.
//
//go:embed fixtures
var fixtures embed.FS

// kind is one kind of resource the API serves.
type kind struct {
	// name is the fixture folder and the plural in paths.
	name string
	// wildcard names the id in route patterns.
	wildcard string
	// idField is the body field that holds the id.
	idField string
	// noun and code describe an unknown id in a 404.
	noun, code string
	// parent is the kind whose id scopes this one (a campaign's cohorts).
	parent *kind
	// summary lists the fields a list item keeps; nil keeps the whole body.
	summary []string
	// statusParam is the list query parameter that filters on status.
	statusParam string
	// synth builds a valid body for a generated item.
	synth func(id, name, status, created string) []byte
}

var (
	campaigns = &kind{
		name: "campaigns", wildcard: "campaign", idField: "campaign_id",
		noun: "Campaign", code: "campaign_not_found",
		summary: []string{
			"name", "campaign_id", "status", "app_id", "created_by", "created_at",
			"updated_at", "description", "app_type", "app_version", "updated_by",
		},
		statusParam: "campaign_status",
		synth:       synthCampaign,
	}
	cohorts = &kind{
		name: "cohorts", wildcard: "cohort", idField: "cohort_id",
		noun: "Cohort", code: "cohort_not_found",
		parent: campaigns,
		synth:  synthCohort,
	}
	webhooks = &kind{
		name: "webhooks", wildcard: "webhook", idField: "webhook_id",
		noun: "Webhook configuration", code: "webhook_not_found",
	}
	kinds = []*kind{campaigns, cohorts, webhooks}
)

// scope is where an item lives: an org and workspace and, for a kind with a
// parent, the parent's id. A hidden scope is a workspace that must look
// empty (ForeignHidden): nothing is ever stored in one.
type scope struct {
	org, ws, parent string
	hidden          bool
}

// entry is a stored body with the fields lists filter and sort on.
type entry struct {
	id   string
	body json.RawMessage
	// fields is nil when the body is not a JSON object.
	fields map[string]json.RawMessage
	name   string
	status string
	// created and updated sort lists.
	created, updated stamp
}

func newEntry(id string, body []byte) *entry {
	e := &entry{id: id, body: append(json.RawMessage(nil), body...)}
	if json.Unmarshal(body, &e.fields) != nil {
		e.fields = nil
	}
	e.name = e.str("name")
	e.status = e.str("status")
	e.created = parseStamp(e.str("created_at"))
	e.updated = parseStamp(e.str("updated_at"))
	return e
}

// str is a string field, or "" when it is absent or not a string.
func (e *entry) str(field string) string {
	var s string
	_ = json.Unmarshal(e.fields[field], &s)
	return s
}

// store holds every item by kind, then scope, then id.
type store map[*kind]map[scope]map[string]*entry

func (st store) put(k *kind, sc scope, id string, body []byte) {
	if st[k] == nil {
		st[k] = map[scope]map[string]*entry{}
	}
	if st[k][sc] == nil {
		st[k][sc] = map[string]*entry{}
	}
	st[k][sc][id] = newEntry(id, body)
}

func (st store) get(k *kind, sc scope, id string) (*entry, bool) {
	e, ok := st[k][sc][id]
	return e, ok
}

// statuses are the campaign statuses the API documents.
var statuses = []string{"scheduled", "active", "paused", "ended", "cancelled"}

// stamp is a timestamp field as sorted: by time when it parses, else by its
// text, before every time that parses.
type stamp struct {
	t   time.Time
	ok  bool
	raw string
}

// parseStamp accepts what the provider accepts: RFC 3339, without an offset,
// or with a space or a lowercase "t" or "z" where RFC 3339 has "T" or "Z".
func parseStamp(raw string) stamp {
	s := strings.ToUpper(raw)
	if len(s) > 10 && s[10] == ' ' {
		s = s[:10] + "T" + s[11:]
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999"} {
		if t, err := time.Parse(layout, s); err == nil {
			return stamp{t: t, ok: true, raw: raw}
		}
	}
	return stamp{raw: raw}
}

func (a stamp) compare(b stamp) int {
	switch {
	case a.ok && b.ok:
		return a.t.Compare(b.t)
	case a.ok != b.ok:
		if a.ok {
			return 1
		}
		return -1
	}
	return strings.Compare(a.raw, b.raw)
}
