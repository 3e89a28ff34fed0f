package fakeapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// SetListMode switches how list endpoints page. It also forgets which items
// ListShift placed ahead of the others; they stay stored.
func (s *Server) SetListMode(m ListMode) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.listMode = m
	s.listServed = 0
	s.heads = nil
}

// listQuery is a list request's query, defaults filled in, with the modes
// that shape its answer.
type listQuery struct {
	status, search    string
	sortBy, sortOrder string
	offset, limit     int
	// none is true when the query matches nothing whatever is stored.
	none  bool
	modes Modes
}

// fieldError is one entry of a 422's error.data.details.
type fieldError struct {
	Loc  []string `json:"loc"`
	Msg  string   `json:"msg"`
	Type string   `json:"type"`
}

// parseListQuery reads the paging, sorting and filter parameters. An empty
// value is the same as none; unknown parameters are ignored, as the API does.
func parseListQuery(v url.Values, k *kind, m Modes) (listQuery, []fieldError) {
	q := listQuery{search: v.Get("search"), sortBy: "created_at", sortOrder: "desc", limit: 10, modes: m}
	var errs []fieldError
	bad := func(param, msg, typ string) {
		errs = append(errs, fieldError{Loc: []string{"query", param}, Msg: msg, Type: typ})
	}
	if k.statusParam != "" {
		q.status = v.Get(k.statusParam)
		if q.status != "" && !slices.Contains(statuses, q.status) {
			switch m.UnknownStatus {
			case UnknownStatusEmpty:
				q.none = true
			case UnknownStatusRejected:
				bad(k.statusParam, fmt.Sprintf("Input should be 'scheduled', 'active', 'paused', 'ended' or 'cancelled', got %q", q.status), "enum")
			}
		}
	}
	if s := v.Get("sort_by"); s != "" {
		q.sortBy = s
		if s != "created_at" && s != "name" && s != "updated_at" {
			if m.UnknownSortBy == UnknownSortByIgnored {
				q.sortBy = "created_at"
			} else {
				bad("sort_by", fmt.Sprintf("Input should be 'created_at', 'name' or 'updated_at', got %q", s), "enum")
			}
		}
	}
	if s := v.Get("sort_order"); s != "" {
		q.sortOrder = s
		if s != "asc" && s != "desc" {
			bad("sort_order", fmt.Sprintf("Input should be 'asc' or 'desc', got %q", s), "enum")
		}
	}
	for _, p := range []struct {
		name     string
		to       *int
		min, max int
	}{{"offset", &q.offset, 0, -1}, {"limit", &q.limit, 1, 100}} {
		s := v.Get(p.name)
		if s == "" {
			continue
		}
		n, err := strconv.Atoi(s)
		switch {
		case err != nil:
			bad(p.name, fmt.Sprintf("Input should be a valid integer, got %q", s), "int_parsing")
		case n < p.min:
			bad(p.name, fmt.Sprintf("Input should be greater than or equal to %d, got %d", p.min, n), "greater_than_equal")
		case p.max >= 0 && n > p.max:
			bad(p.name, fmt.Sprintf("Input should be less than or equal to %d, got %d", p.max, n), "less_than_equal")
		default:
			*p.to = n
		}
	}
	return q, errs
}

func (q listQuery) match(e *entry) bool {
	return !q.none && (q.status == "" || e.status == q.status) && q.modes.Search.match(e.name, q.search)
}

// match reports whether a name matches a search term under mode m.
func (m SearchMode) match(name, term string) bool {
	switch m {
	case SearchSubstring:
		return strings.Contains(name, term)
	case SearchExact:
		return term == "" || name == term
	case SearchFoldPrefix:
		return strings.HasPrefix(strings.ToLower(name), strings.ToLower(term))
	case SearchIgnored:
		return true
	default:
		return strings.Contains(strings.ToLower(name), strings.ToLower(term))
	}
}

// compare orders two entries by the query's sort; ties go by id, ascending,
// whatever the order, so pages are stable.
func (q listQuery) compare(a, b *entry) int {
	var c int
	switch q.sortBy {
	case "name":
		c = strings.Compare(a.name, b.name)
	case "updated_at":
		c = a.updated.compare(b.updated)
	default:
		c = a.created.compare(b.created)
	}
	if q.sortOrder == "desc" {
		c = -c
	}
	if c == 0 {
		c = strings.Compare(a.id, b.id)
	}
	return c
}

// envelope is the API's paged list. An empty link is null.
type envelope struct {
	items         []json.RawMessage
	total         int
	limit, offset int
	next, prev    string
}

// marshal writes the envelope in the API's field order, with the total and
// links as the modes say.
func (e envelope) marshal(m Modes) []byte {
	type field struct {
		name  string
		value any
	}
	link := func(s string) any {
		if s == "" {
			return nil
		}
		return s
	}
	fields := []field{{"items", e.items}}
	switch m.Total {
	case TotalReported:
		fields = append(fields, field{"total", e.total})
	case TotalNull:
		fields = append(fields, field{"total", nil})
	}
	fields = append(fields, field{"limit", e.limit}, field{"offset", e.offset})
	if m.Links != LinkOmitted {
		fields = append(fields, field{"next_page_uri", link(e.next)}, field{"prev_page_uri", link(e.prev)})
	}
	var b bytes.Buffer
	b.WriteByte('{')
	for i, f := range fields {
		if i > 0 {
			b.WriteByte(',')
		}
		name, _ := json.Marshal(f.name)
		value, err := marshal(f.value)
		if err != nil {
			panic(err)
		}
		b.Write(name)
		b.WriteByte(':')
		b.Write(value)
	}
	b.WriteByte('}')
	return b.Bytes()
}

// listItems serves a page of the items of kind k.
func (s *Server) listItems(k *kind) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sc, ok := s.scopeOf(w, r, k)
		if !ok {
			return
		}
		q, errs := parseListQuery(r.URL.Query(), k, s.Modes())
		if len(errs) > 0 {
			msgs := make([]string, len(errs))
			for i, e := range errs {
				msgs[i] = e.Loc[1] + ": " + e.Msg
			}
			writeError(w, http.StatusUnprocessableEntity, "Invalid query parameters: "+strings.Join(msgs, "; "),
				"invalid_request_error", "validation_error", map[string]any{"details": errs})
			return
		}
		s.mu.Lock()
		env := s.page(k, sc, q, r)
		s.mu.Unlock()
		s.writeJSON(w, env.marshal(q.modes))
	})
}

// page builds one page under the server's lock, misbehaving as the list mode
// says.
func (s *Server) page(k *kind, sc scope, q listQuery, r *http.Request) envelope {
	s.listServed++
	matched := s.matching(k, sc, q)
	total := len(matched)
	// from is where the items served start; offset is what the page
	// reports and links from.
	from, offset := q.offset, q.offset
	switch s.listMode {
	case ListRepeatPage:
		from, offset = 0, 0
	case ListIgnoreOffset:
		from = 0
	}
	page := matched[min(from, total):min(from+q.limit, total)]
	items := make([]json.RawMessage, 0, q.limit)
	for _, e := range page {
		items = append(items, k.item(e))
	}
	reported := total
	switch s.listMode {
	case ListGrowingTotal:
		reported = total + s.listServed*q.limit
	case ListEndless:
		for p := from + len(items); len(items) < q.limit; p++ {
			id := fmt.Sprintf("ENDLESS-%06d", p)
			items = append(items, k.item(newEntry(id, k.synth(id, q.synthName("Endless", p), q.synthStatus(), generatedTime(-p)))))
		}
		reported = from + len(items) + q.limit
	}
	env := envelope{items: items, total: reported, limit: q.limit, offset: offset}
	if offset+q.limit < reported || s.listMode == ListRepeatPage {
		env.next = q.link(r, offset+q.limit)
	}
	if offset > 0 {
		env.prev = q.link(r, max(0, offset-q.limit))
	}
	if s.listMode == ListShift && !sc.hidden {
		s.generated++
		id := fmt.Sprintf("SHIFT-%06d", s.generated)
		s.items.put(k, sc, id, k.synth(id, q.synthName("Shift", s.generated), q.synthStatus(), generatedTime(s.generated)))
		if s.heads == nil {
			s.heads = map[*kind]map[scope][]string{}
		}
		if s.heads[k] == nil {
			s.heads[k] = map[scope][]string{}
		}
		s.heads[k][sc] = append(s.heads[k][sc], id)
	}
	return env
}

// link is the URI of the page at offset of the list r asked for, written as
// the Links mode says.
func (q listQuery) link(r *http.Request, offset int) string {
	v := r.URL.Query()
	v.Set("offset", strconv.Itoa(offset))
	v.Set("limit", strconv.Itoa(q.limit))
	p := r.URL.EscapedPath() + "?" + v.Encode()
	switch q.modes.Links {
	case LinkAbsolute:
		scheme := "http"
		if r.TLS != nil {
			scheme = "https"
		}
		return scheme + "://" + r.Host + p
	case LinkFromBase:
		return strings.TrimPrefix(p, BasePath)
	}
	return p
}

// matching lists the items of kind k in scope sc that match q, in order:
// the newest of ListShift's items first, then the rest sorted.
func (s *Server) matching(k *kind, sc scope, q listQuery) []*entry {
	all := s.items[k][sc]
	heads := s.heads[k][sc]
	isHead := make(map[string]bool, len(heads))
	var out []*entry
	for i := len(heads) - 1; i >= 0; i-- {
		isHead[heads[i]] = true
		if e := all[heads[i]]; e != nil && q.match(e) {
			out = append(out, e)
		}
	}
	rest := make([]*entry, 0, len(all))
	for id, e := range all {
		if !isHead[id] && q.match(e) {
			rest = append(rest, e)
		}
	}
	slices.SortFunc(rest, q.compare)
	return append(out, rest...)
}

// synthName names a generated item so that the request's search finds it.
func (q listQuery) synthName(label string, n int) string {
	if q.search != "" {
		return fmt.Sprintf("%s %s %d", q.search, label, n)
	}
	return fmt.Sprintf("%s %d", label, n)
}

func (q listQuery) synthStatus() string {
	if q.status != "" {
		return q.status
	}
	return "active"
}

// item is e as a list item: only the summary fields the body has, in the
// summary's order, or the whole body for a kind without a summary.
func (k *kind) item(e *entry) json.RawMessage {
	if e.fields == nil {
		// Not an object: served as is when it is JSON at all.
		if json.Valid(e.body) {
			return e.body
		}
		return json.RawMessage("null")
	}
	if k.summary == nil {
		return e.body
	}
	var b bytes.Buffer
	b.WriteByte('{')
	for _, f := range k.summary {
		v, ok := e.fields[f]
		if !ok {
			continue
		}
		if b.Len() > 1 {
			b.WriteByte(',')
		}
		name, _ := json.Marshal(f)
		b.Write(name)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes()
}
