package fakeapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/sarvamai/terraform-provider-sarvam/internal/text"
)

// AddPathFault adds a fault to the path faults. Queued faults (Inject) come
// first; of two path faults for one path, the first added that is not used
// up answers.
func (s *Server) AddPathFault(f PathFault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f.spec = f.String()
	s.pathFaults = append(s.pathFaults, &f)
}

// pathFault takes the path fault for r, if any, under the server's lock,
// and names it as it was added.
func (s *Server) pathFault(r *http.Request) (*Fault, string) {
	escaped := r.URL.EscapedPath()
	rel, inWorkspace := workspacePath(escaped)
	for _, f := range s.pathFaults {
		if f.Times < 0 || f.Path != escaped && (!inWorkspace || f.Path != rel) {
			continue
		}
		if f.Times > 0 {
			f.Times--
			if f.Times == 0 {
				f.Times = -1
			}
		}
		fault := f.Fault
		return &fault, f.spec
	}
	return nil, ""
}

// workspacePath is an escaped path's part below
// BasePath/v1/orgs/{org}/workspaces/{ws}/, as sent.
func workspacePath(escaped string) (string, bool) {
	rest, ok := strings.CutPrefix(escaped, BasePath+"/v1/orgs/")
	if !ok {
		return "", false
	}
	segs := strings.SplitN(rest, "/", 4)
	if len(segs) < 4 || segs[1] != "workspaces" {
		return "", false
	}
	return segs[3], true
}

// ParseFault reads a path fault written PATH=WHAT[,OPTION…] where WHAT is an
// HTTP status or "hang", and the options are retry-after=SECONDS,
// delay=DURATION and times=N: campaigns/MKN-1=429,retry-after=30,times=2.
// A status is answered with the API's error body for it.
func ParseFault(spec string) (PathFault, error) {
	p, rest, ok := cutFaultSpec(spec)
	if !ok || p == "" || rest == "" {
		return PathFault{}, fmt.Errorf("fault %q: want PATH=STATUS or PATH=hang, options after commas, such as campaigns/MKN-1=429,retry-after=30", spec)
	}
	parts := strings.Split(rest, ",")
	e := faultEntry{Path: p, Hang: parts[0] == "hang"}
	if !e.Hang {
		n, err := strconv.Atoi(parts[0])
		if err != nil {
			return PathFault{}, fmt.Errorf("fault %q: %q is neither an HTTP status nor hang", spec, parts[0])
		}
		e.Status = n
	}
	for _, opt := range parts[1:] {
		name, value, _ := strings.Cut(opt, "=")
		var err error
		switch name {
		case "retry-after":
			var n int
			n, err = strconv.Atoi(value)
			e.RetryAfter = &n
		case "delay":
			e.Delay = value
		case "times":
			e.Times, err = strconv.Atoi(value)
		default:
			return PathFault{}, fmt.Errorf("fault %q: unknown option %q; the options are retry-after=SECONDS, delay=DURATION and times=N", spec, name)
		}
		if err != nil {
			return PathFault{}, fmt.Errorf("fault %q: %s: want a whole number, got %q", spec, name, value)
		}
	}
	pf, err := e.pathFault()
	if err != nil {
		return PathFault{}, fmt.Errorf("fault %q: %v", spec, err)
	}
	return pf, nil
}

// cutFaultSpec cuts PATH=WHAT… at the first "=" that a status or "hang"
// follows, so that a path with "=" in it (a query, by mistake) stays whole.
func cutFaultSpec(spec string) (path, rest string, ok bool) {
	for i, r := range spec {
		if r != '=' {
			continue
		}
		what, _, _ := strings.Cut(spec[i+1:], ",")
		if _, err := strconv.Atoi(what); err == nil || what == "hang" {
			return spec[:i], spec[i+1:], true
		}
	}
	return strings.Cut(spec, "=")
}

// errorBody is the API's error body for an injected status, or none for a
// success or a hang.
func errorBody(status int) string {
	if status < 400 {
		return ""
	}
	typ, code := "api_error", fmt.Sprintf("http_%d", status)
	switch {
	case status == http.StatusNotFound:
		typ, code = "not_found_error", "not_found"
	case status == http.StatusTooManyRequests:
		typ, code = "rate_limit_error", "rate_limit_exceeded"
	case status == http.StatusInternalServerError:
		code = "internal_error"
	case status < 500:
		typ = "invalid_request_error"
	}
	b, _ := json.Marshal(map[string]any{"error": map[string]any{"message": http.StatusText(status), "type": typ, "code": code}})
	return string(b)
}

// faultEntry is one entry of faults.json.
type faultEntry struct {
	Path       string  `json:"path"`
	Status     int     `json:"status"`
	Hang       bool    `json:"hang"`
	RetryAfter *int    `json:"retry_after"`
	Delay      string  `json:"delay"`
	Times      int     `json:"times"`
	Body       *string `json:"body"`
}

// pathFault checks an entry and makes it a PathFault; its errors name the
// entry's field.
func (e faultEntry) pathFault() (PathFault, error) {
	pf := PathFault{Path: faultPath(e.Path), Times: e.Times}
	pf.Status, pf.Hang = e.Status, e.Hang
	switch {
	case e.Path == "":
		return pf, fmt.Errorf("path: missing; name a path below the workspace, such as campaigns/MKN-1")
	case checkFaultPath(e.Path) != nil:
		return pf, checkFaultPath(e.Path)
	case e.Hang == (e.Status != 0):
		return pf, fmt.Errorf("give either a status or hang")
	case e.Status != 0 && (e.Status < 100 || e.Status > 599):
		return pf, fmt.Errorf("status: want 100 to 599, got %d", e.Status)
	case e.Times < 0:
		return pf, fmt.Errorf("times: want 0 (every request) or more, got %d", e.Times)
	case e.RetryAfter != nil && *e.RetryAfter < 0:
		return pf, fmt.Errorf("retry_after: want 0 or more seconds, got %d", *e.RetryAfter)
	}
	if e.Delay != "" {
		d, err := time.ParseDuration(e.Delay)
		if err != nil || d < 0 {
			return pf, fmt.Errorf("delay: want a duration such as 2s, got %q", e.Delay)
		}
		pf.Delay = d
	}
	if e.RetryAfter != nil {
		pf.Header = map[string]string{"Retry-After": strconv.Itoa(*e.RetryAfter)}
	}
	pf.Body = errorBody(pf.Status)
	if e.Body != nil {
		pf.Body = *e.Body
	}
	return pf, nil
}

// readFaults reads faults.json from fsys, when there is one. Its errors
// count entries from 1 and say what each field wants in JSON's words.
func readFaults(fsys fs.FS) ([]PathFault, error) {
	body, err := fs.ReadFile(fsys, faultsFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	v, err := decodeFixture(body)
	if err != nil {
		return nil, fmt.Errorf("%s: not JSON: %s", faultsFile, jsonErrorAt(body, err))
	}
	list, ok := v.([]any)
	if !ok {
		return nil, fmt.Errorf("%s: want a list of entries such as [{\"path\": \"campaigns/ID\", \"status\": 429}], got %s", faultsFile, describe(v))
	}
	out := make([]PathFault, len(list))
	for i, item := range list {
		e, err := faultEntryOf(item)
		if err == nil {
			out[i], err = e.pathFault()
		}
		if err != nil {
			return nil, fmt.Errorf("%s: entry %d: %v", faultsFile, i+1, err)
		}
	}
	return out, nil
}

// faultFields are the fields of a faults.json entry, in the order the
// messages list them.
var faultFields = shape{kind: kObject, fields: []field{
	opt("path", sString), opt("status", sInteger), opt("hang", sBool), opt("retry_after", sInteger),
	opt("delay", sString), opt("times", sInteger), opt("body", sString),
}}

// faultEntryOf reads one decoded entry of faults.json; a null field is an
// absent one.
func faultEntryOf(v any) (faultEntry, error) {
	var e faultEntry
	m, ok := v.(map[string]any)
	if !ok {
		return e, fmt.Errorf("want an object such as {\"path\": \"campaigns/ID\", \"status\": 429}, got %s", describe(v))
	}
	for _, k := range sortedKeys(m) {
		if slices.ContainsFunc(faultFields.fields, func(f field) bool { return f.name == k }) {
			continue
		}
		hint := ""
		if near := faultFields.closest(strings.ReplaceAll(k, "-", "_")); near != "" {
			hint = fmt.Sprintf("did you mean %s? ", near)
		}
		return e, fmt.Errorf("unknown field %q; %sthe fields are path, status or hang, and optionally retry_after, delay, times and body", k, hint)
	}
	for _, f := range faultFields.fields {
		fv := m[f.name]
		if fv == nil {
			continue
		}
		var ok bool
		switch f.shape.kind {
		case kString:
			var s string
			s, ok = fv.(string)
			switch f.name {
			case "path":
				e.Path = s
			case "delay":
				e.Delay = s
			case "body":
				e.Body = &s
			}
		case kBool:
			e.Hang, ok = fv.(bool)
		case kInteger:
			var n int64
			if num, isNum := fv.(json.Number); isNum {
				var err error
				n, err = strconv.ParseInt(num.String(), 10, 0)
				ok = err == nil
			}
			switch i := int(n); f.name {
			case "status":
				e.Status = i
			case "retry_after":
				e.RetryAfter = &i
			case "times":
				e.Times = i
			}
		}
		if !ok {
			want := map[shapeKind]string{kString: "a string", kBool: "true or false", kInteger: "a whole number"}[f.shape.kind]
			return e, fmt.Errorf("%s: want %s, got %s", f.name, want, jsonText(fv))
		}
	}
	return e, nil
}

// jsonText writes a decoded value back as JSON, shortened, to quote it.
func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return describe(v)
	}
	if s := string(b); len(s) <= 40 {
		return s
	}
	return string(b[:40]) + "…"
}

// wholePathPrefix starts a fault path that is the whole request path.
const wholePathPrefix = BasePath + "/v1/orgs/"

// faultPath is a fault's path as matched: a path starting with "/" but not
// with the API's mount is the same path below the workspace.
func faultPath(p string) string {
	if strings.HasPrefix(p, wholePathPrefix) {
		return p
	}
	return strings.TrimPrefix(p, "/")
}

// routesBelowWorkspace are the paths the fake answers below a workspace.
const routesBelowWorkspace = "campaigns, campaigns/ID, campaigns/ID/cohorts, campaigns/ID/cohorts/ID, webhooks and webhooks/ID"

// checkFaultPath refuses a fault path that no request the fake serves can
// have, since its fault would never answer: a test would pass without it.
func checkFaultPath(p string) error {
	rel := faultPath(p)
	if strings.HasPrefix(rel, wholePathPrefix) {
		var ok bool
		if rel, ok = workspacePath(rel); !ok {
			return fmt.Errorf("path %q: a whole path must go on to /workspaces/WORKSPACE/ and a route: %s", p, routesBelowWorkspace)
		}
	}
	if strings.Contains(rel, "?") {
		return fmt.Errorf("path %q: a fault matches the path alone; leave out the query", p)
	}
	segs := strings.Split(rel, "/")
	if isRoute(segs) {
		return nil
	}
	msg := fmt.Sprintf("path %q is no route of the API, so the fault would never answer", p)
	if fixed := nearRoute(segs); fixed != "" {
		msg += "; did you mean " + fixed + "?"
	} else {
		msg += "."
	}
	return fmt.Errorf("%s The paths below the workspace are %s", msg, routesBelowWorkspace)
}

// isRoute reports whether segs, below a workspace, are a route's.
func isRoute(segs []string) bool {
	if slices.Contains(segs, "") {
		return false
	}
	switch segs[0] {
	case "campaigns":
		return len(segs) <= 2 || segs[2] == "cohorts" && len(segs) <= 4
	case "webhooks":
		return len(segs) <= 2
	}
	return false
}

// nearRoute is segs with each collection name respelt as the nearest the
// routes have, when that makes a route.
func nearRoute(segs []string) string {
	fixed := slices.Clone(segs)
	near := func(s string, names ...string) string {
		best, bestDist := s, 4
		for _, n := range names {
			if d := text.EditDistance(strings.ToLower(s), n); d < bestDist {
				best, bestDist = n, d
			}
		}
		return best
	}
	if len(fixed) > 0 {
		fixed[0] = near(fixed[0], "campaigns", "webhooks")
	}
	if len(fixed) > 2 {
		fixed[2] = near(fixed[2], "cohorts")
	}
	if i := len(fixed) - 1; i > 0 && fixed[i] == "" {
		fixed = fixed[:i] // a trailing slash
	}
	if !isRoute(fixed) {
		return ""
	}
	return strings.Join(fixed, "/")
}
