package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"unicode"

	"github.com/sarvamai/terraform-provider-sarvam/internal/client"
)

// contractRow is one guess about the API that the suite can observe, and
// what the API did.
type contractRow struct {
	key, question, answer, evidence string
}

// Answers the probe gives; the classification tests compare them exactly.
const (
	ansYes          = "yes"
	ansNo           = "no"
	ansPrefixOnly   = "no, prefix only"
	ansWholeName    = "no, whole name only"
	ansIgnored      = "search ignored: everything is listed"
	ansFilters      = "filters"
	ansTotalNumber  = "yes, a number"
	ansTotalNull    = "null"
	ansTotalAbsent  = "absent"
	ansAbsoluteURL  = "absolute URL"
	ansFromRoot     = "path from the host's root"
	ansFromBase     = "path relative to the base URL"
	ansLinkAbsent   = "absent although more items follow"
	ansHTTP422      = "HTTP 422"
	ansEmptyList    = "HTTP 200, empty list"
	ansFilterIgnore = "HTTP 200, campaigns listed"
	ansSortIgnored  = "HTTP 200, ignored"
	ansHTTP403      = "HTTP 403"
	ansHTTP404      = "HTTP 404"
	ansReadable     = "HTTP 200: readable"
	ansNone         = "none"
	ansErrorShape   = `HTTP 404, {"error": {…}}`
	ansDetailText   = `HTTP 404, {"detail": "<message>"}`
	ansDetailBare   = `HTTP 404, {"detail": "Not Found"}`
	ansNotChecked   = "not checked"
)

// contractProbe asks the API the questions of the report with raw GETs:
// about twenty, whatever the workspace holds.
type contractProbe struct {
	ctx context.Context
	raw *rawAPI
	// name is a listed campaign's name with a letter that has a case, id
	// that campaign's id.
	name, id string
	// webhookID is a webhook configuration to read, "" if none.
	webhookID string
	// foreignWorkspace and foreignCampaign name a campaign the key should
	// not read, "" when not given.
	foreignWorkspace, foreignCampaign string
}

// contractQuestions are the keys of the rows, one per question asked.
var contractQuestions = []string{
	"search-ignored", "search-case", "search-substring", "total", "next-link",
	"unknown-status", "unknown-sort", "foreign", "unknown-workspace",
	"missing-object", "unknown-route",
	"extra-campaign", "extra-list", "extra-webhook", "signing-secret",
}

func (p *contractProbe) rows() ([]contractRow, error) {
	var rows []contractRow
	for _, f := range []func() (contractRow, error){
		p.searchIgnored, p.searchCase, p.searchSubstring, p.total, p.nextLink,
		p.unknownStatus, p.unknownSortBy, p.foreign, p.unknownWorkspace,
		p.missingCampaign, p.unknownRoute,
		p.extraCampaign, p.extraList, p.extraWebhook, p.signingSecret,
	} {
		r, err := f()
		if err != nil {
			return rows, err
		}
		rows = append(rows, r)
	}
	return rows, nil
}

// lists reports whether the campaigns the search answers include one named
// exactly p.name, and how many it answered.
func (p *contractProbe) lists(search string) (bool, int, error) {
	a, err := p.raw.campaigns(p.ctx, q("search", search, "limit", "100"))
	if err != nil {
		return false, 0, err
	}
	if a.status != 200 {
		return false, 0, fmt.Errorf("search %q answered HTTP %d", search, a.status)
	}
	its := a.items()
	return slices.ContainsFunc(its, func(m map[string]any) bool { return str(m, "name") == p.name }), len(its), nil
}

func (p *contractProbe) searchIgnored() (contractRow, error) {
	r := contractRow{key: "search-ignored", question: "Does `search` filter at all?"}
	_, n, err := p.lists("zq no such campaign 7f3a9c")
	r.answer, r.evidence = ansFilters, "a search no name contains lists nothing"
	if n > 0 {
		r.answer, r.evidence = ansIgnored, fmt.Sprintf("a search no name contains lists %d campaigns", n)
	}
	return r, err
}

func (p *contractProbe) searchCase() (contractRow, error) {
	r := contractRow{key: "search-case", question: "Does `search` match names case-insensitively?"}
	term := swapCase(p.name)
	found, _, err := p.lists(term)
	r.answer, r.evidence = ansNo, "a listed name with its letters' case swapped does not find it"
	if found {
		r.answer, r.evidence = ansYes, "a listed name with its letters' case swapped finds it"
	}
	return r, err
}

func (p *contractProbe) searchSubstring() (contractRow, error) {
	r := contractRow{key: "search-substring", question: "Does `search` match a part of a name (substring)?"}
	runes := []rune(p.name)
	if len(runes) < 3 {
		r.answer, r.evidence = ansNotChecked, "the campaign name probed is shorter than 3 characters"
		return r, nil
	}
	found, _, err := p.lists(string(runes[1 : len(runes)-1]))
	if err != nil || found {
		r.answer, r.evidence = ansYes, "a listed name without its first and last character finds it"
		return r, err
	}
	found, _, err = p.lists(string(runes[:len(runes)-1]))
	r.answer, r.evidence = ansWholeName, "neither the middle of a listed name nor its start finds it"
	if found {
		r.answer, r.evidence = ansPrefixOnly, "the start of a listed name finds it, its middle does not"
	}
	return r, err
}

func (p *contractProbe) firstPage() (rawAnswer, error) {
	a, err := p.raw.campaigns(p.ctx, q("limit", "1"))
	if err == nil && a.status != 200 {
		err = fmt.Errorf("a page of one campaign answered HTTP %d", a.status)
	}
	return a, err
}

func (p *contractProbe) total() (contractRow, error) {
	r := contractRow{key: "total", question: "Does a list carry `total`?"}
	a, err := p.firstPage()
	v, present := a.object()["total"]
	switch {
	case !present:
		r.answer = ansTotalAbsent
	case v == nil:
		r.answer = ansTotalNull
	default:
		r.answer, r.evidence = ansTotalNumber, fmt.Sprintf("total = %v", v)
	}
	return r, err
}

func (p *contractProbe) nextLink() (contractRow, error) {
	r := contractRow{key: "next-link", question: "Is `next_page_uri` absolute or relative?"}
	a, err := p.firstPage()
	if err != nil {
		return r, err
	}
	second, err := p.raw.campaigns(p.ctx, q("limit", "1", "offset", "1"))
	if err != nil {
		return r, err
	}
	if len(second.items()) == 0 {
		r.answer, r.evidence = ansNotChecked, "the workspace lists one campaign; there is no next page"
		return r, nil
	}
	link, _ := a.object()["next_page_uri"].(string)
	basePath := p.raw.base.EscapedPath()
	switch {
	case link == "":
		r.answer = ansLinkAbsent
	case strings.HasPrefix(link, "http://") || strings.HasPrefix(link, "https://"):
		r.answer = ansAbsoluteURL
	case basePath != "" && strings.HasPrefix(link, basePath+"/"):
		r.answer = ansFromRoot
	case strings.HasPrefix(link, "/v1/") || strings.HasPrefix(link, "v1/"):
		r.answer = ansFromBase
	default:
		r.answer = "other"
	}
	r.evidence = "the first page of one campaign has next_page_uri " + describeLink(link)
	return r, nil
}

// describeLink shows a link's form without its ids.
func describeLink(link string) string {
	if link == "" {
		return "null or absent"
	}
	if i := strings.Index(link, "/orgs/"); i >= 0 {
		return fmt.Sprintf("%q", link[:i]+"/orgs/…")
	}
	return "of another form"
}

func (p *contractProbe) unknownStatus() (contractRow, error) {
	return p.unknownValue(contractRow{key: "unknown-status", question: "What does an unknown `campaign_status` answer?"},
		"campaign_status", "zq_not_a_status", ansEmptyList, ansFilterIgnore)
}

func (p *contractProbe) unknownSortBy() (contractRow, error) {
	return p.unknownValue(contractRow{key: "unknown-sort", question: "What does an unknown `sort_by` answer?"},
		"sort_by", "zq_not_a_field", ansSortIgnored, ansSortIgnored)
}

// unknownValue lists campaigns with a value of param that no API takes,
// and names the answer: an empty or a listing 200 as given, else its status.
func (p *contractProbe) unknownValue(r contractRow, param, value, empty, listed string) (contractRow, error) {
	a, err := p.raw.campaigns(p.ctx, q(param, value, "limit", "1"))
	r.answer, r.evidence = statusAnswer(a, empty, listed), param+"="+value
	return r, err
}

// statusAnswer names an answer by its status, and a 200 by whether it
// listed anything.
func statusAnswer(a rawAnswer, empty, listed string) string {
	switch {
	case a.status == 200 && len(a.items()) == 0:
		return empty
	case a.status == 200:
		return listed
	case a.status == 403:
		return ansHTTP403
	case a.status == 404:
		return ansHTTP404
	case a.status == 422:
		return ansHTTP422
	default:
		return fmt.Sprintf("HTTP %d", a.status)
	}
}

func (p *contractProbe) foreign() (contractRow, error) {
	r := contractRow{key: "foreign", question: "Another workspace's campaign: 403 or 404?"}
	if p.foreignWorkspace == "" || p.foreignCampaign == "" {
		r.answer, r.evidence = ansNotChecked, fmt.Sprintf("set %s and %s to a campaign of another workspace", envTestForeignWorkspace, envTestForeignCampaign)
		return r, nil
	}
	a, err := p.raw.get(p.ctx, p.foreignWorkspace, nil, "campaigns", p.foreignCampaign)
	r.answer, r.evidence = statusAnswer(a, ansReadable, ansReadable), "the key's GET of a campaign of another workspace"+errorWords(a)
	return r, err
}

func (p *contractProbe) unknownWorkspace() (contractRow, error) {
	r := contractRow{key: "unknown-workspace", question: "A workspace that does not exist: 403 or 404?"}
	a, err := p.raw.get(p.ctx, "ws-zq-no-such-workspace", q("limit", "1"), "campaigns")
	r.answer, r.evidence = statusAnswer(a, ansEmptyList, ansFilterIgnore), "List Campaigns in workspace ws-zq-no-such-workspace"+errorWords(a)
	return r, err
}

// errorWords quotes an error body's type and code, which name the reason
// without any data.
func errorWords(a rawAnswer) string {
	e, _ := a.object()["error"].(map[string]any)
	if e == nil {
		return ""
	}
	return fmt.Sprintf(" (type %v, code %v)", e["type"], e["code"])
}

// missingCampaign asks how the API answers an id that does not exist: the
// provider tells a missing object from a wrong base_url by this body.
func (p *contractProbe) missingCampaign() (contractRow, error) {
	r := contractRow{key: "missing-object", question: "What body answers a campaign id that does not exist?"}
	a, err := p.raw.get(p.ctx, "", nil, "campaigns", "zq-no-such-campaign-7f3a9c")
	r.answer, r.evidence = bodyAnswer(a)
	return r, err
}

// unknownRoute asks how the API answers a path none of its routes serves.
func (p *contractProbe) unknownRoute() (contractRow, error) {
	r := contractRow{key: "unknown-route", question: "What body answers a path that is not a route?"}
	a, err := p.raw.get(p.ctx, "", nil, "zq-not-a-route")
	r.answer, r.evidence = bodyAnswer(a)
	return r, err
}

// bodyAnswer names an error answer by its status and the shape of its body,
// with the error's type and code or a detail's words as evidence.
func bodyAnswer(a rawAnswer) (answer, evidence string) {
	status := fmt.Sprintf("HTTP %d", a.status)
	obj := a.object()
	detail, isText := obj["detail"].(string)
	switch {
	case a.status == 200:
		return ansReadable, "the path answered a body"
	case obj["error"] != nil:
		if a.status == 404 {
			return ansErrorShape, strings.TrimSpace(errorWords(a))
		}
		return status + `, {"error": {…}}`, strings.TrimSpace(errorWords(a))
	case isText && detail == "Not Found" && len(obj) == 1:
		if a.status == 404 {
			return ansDetailBare, "FastAPI's answer for a path no route serves"
		}
		return status + `, {"detail": "Not Found"}`, ""
	case isText:
		if a.status == 404 {
			return ansDetailText, fmt.Sprintf("detail %q", detail)
		}
		return status + `, {"detail": "<message>"}`, fmt.Sprintf("detail %q", detail)
	case len(strings.TrimSpace(string(a.raw))) == 0:
		return status + ", an empty body", ""
	case a.body == nil && strings.Contains(strings.ToLower(string(a.raw[:min(len(a.raw), 256)])), "<html"):
		return status + ", an HTML page", ""
	case a.body == nil:
		return status + ", a body that is not JSON", ""
	default:
		return status + ", JSON of another shape", "keys " + strings.Join(sortedKeys(obj), ", ")
	}
}

func (p *contractProbe) extraCampaign() (contractRow, error) {
	r := contractRow{key: "extra-campaign", question: "Does a campaign carry fields the provider does not map?"}
	a, err := p.raw.get(p.ctx, "", nil, "campaigns", p.id)
	r.answer, r.evidence = extraAnswer(unmapped(a.object(), reflect.TypeFor[client.Campaign](), ""))
	return r, err
}

func (p *contractProbe) extraList() (contractRow, error) {
	r := contractRow{key: "extra-list", question: "Does a list page or item carry fields the provider does not map?"}
	a, err := p.firstPage()
	env := a.object()
	var extra []string
	for _, k := range sortedKeys(env) {
		if !slices.Contains([]string{"items", "total", "limit", "offset", "next_page_uri", "prev_page_uri"}, k) {
			extra = append(extra, k)
		}
	}
	for _, it := range a.items() {
		extra = append(extra, unmapped(it, reflect.TypeFor[client.CampaignSummary](), "items[]")...)
	}
	r.answer, r.evidence = extraAnswer(extra)
	return r, err
}

func (p *contractProbe) extraWebhook() (contractRow, error) {
	r := contractRow{key: "extra-webhook", question: "Does a webhook configuration carry fields the provider does not map?"}
	if p.webhookID == "" {
		r.answer, r.evidence = ansNotChecked, fmt.Sprintf("no webhook configuration listed; set %s", envTestWebhookID)
		return r, nil
	}
	a, err := p.raw.get(p.ctx, "", nil, "webhooks", p.webhookID)
	// signing_secret is left out on purpose and has a row of its own.
	extra := slices.DeleteFunc(unmapped(a.object(), reflect.TypeFor[client.WebhookConfiguration](), ""), func(f string) bool { return f == "signing_secret" })
	r.answer, r.evidence = extraAnswer(extra)
	return r, err
}

// signingSecret asks whether a webhook configuration read back carries
// signing_secret, which the API documents only in the answer to creating
// one. The provider leaves it out of state whatever the answer.
func (p *contractProbe) signingSecret() (contractRow, error) {
	r := contractRow{key: "signing-secret", question: "Does a webhook configuration read back carry `signing_secret`?"}
	const kept = "; the provider leaves the field out of state on purpose, whatever the API sends"
	a, err := p.raw.get(p.ctx, "", q("limit", "100"), "webhooks")
	if err != nil {
		return r, err
	}
	if a.status != 200 {
		r.answer, r.evidence = ansNotChecked, fmt.Sprintf("the webhooks list answered HTTP %d", a.status)+kept
		return r, nil
	}
	items := a.items()
	with := 0
	for _, it := range items {
		if _, ok := it["signing_secret"]; ok {
			with++
		}
	}
	switch {
	case len(items) == 0:
		r.answer, r.evidence = ansNotChecked, "no webhook configuration listed"+kept
	case with > 0:
		verb := "carry"
		if with == 1 {
			verb = "carries"
		}
		r.answer, r.evidence = ansYes, fmt.Sprintf("%d of %d listed %s it", with, len(items), verb)+kept
	default:
		r.answer, r.evidence = ansNo, fmt.Sprintf("none of %d listed carries it", len(items))+kept
	}
	return r, nil
}

func extraAnswer(extra []string) (string, string) {
	if len(extra) == 0 {
		return ansNone, "every field is one the client decodes"
	}
	return ansYes, strings.Join(extra, ", ")
}

// unmapped lists the paths of obj's fields that t, a client type, has no
// field for. Values the client keeps as raw JSON or decodes itself are
// free-form and not looked into; maps' keys are data.
func unmapped(obj map[string]any, t reflect.Type, at string) []string {
	fields := jsonFields(t)
	var out []string
	for _, k := range sortedKeys(obj) {
		path := strings.TrimPrefix(at+"."+k, ".")
		ft, ok := fields[k]
		if !ok {
			out = append(out, path)
			continue
		}
		for ft.Kind() == reflect.Pointer || ft.Kind() == reflect.Slice {
			if ft == reflect.TypeFor[json.RawMessage]() {
				break
			}
			ft = ft.Elem()
		}
		if ft.Kind() != reflect.Struct || reflect.PointerTo(ft).Implements(reflect.TypeFor[json.Unmarshaler]()) {
			continue
		}
		switch v := obj[k].(type) {
		case map[string]any:
			out = append(out, unmapped(v, ft, path)...)
		case []any:
			for _, e := range v {
				if m, ok := e.(map[string]any); ok {
					out = append(out, unmapped(m, ft, path+"[]")...)
				}
			}
		}
	}
	return slices.Compact(out)
}

// jsonFields maps each JSON name of struct t to its field's type, with
// embedded structs' fields promoted as encoding/json promotes them.
func jsonFields(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Anonymous && f.Type.Kind() == reflect.Struct {
			for k, v := range jsonFields(f.Type) {
				out[k] = v
			}
			continue
		}
		if name, _, _ := strings.Cut(f.Tag.Get("json"), ","); name != "" && name != "-" {
			out[name] = f.Type
		}
	}
	return out
}

func swapCase(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsUpper(r) {
			return unicode.ToLower(r)
		}
		return unicode.ToUpper(r)
	}, s)
}

// hasCase reports whether swapping s's case changes it.
func hasCase(s string) bool { return swapCase(s) != s }
