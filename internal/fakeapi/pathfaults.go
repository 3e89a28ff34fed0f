package fakeapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// PathFault serves Fault instead of the API to requests for one path, every
// time or the first Times times, whatever the key: a campaign that answers
// 404, 429 with Retry-After, 500 or a hang.
type PathFault struct {
	// Path is below the workspace, as sent (an id holding "/" has it as
	// %2F), and matches that path in every workspace: "campaigns/MKN-1",
	// "campaigns/MKN-1/cohorts", "webhooks". A Path starting with "/" is
	// the whole request path instead:
	// "/api/scheduling/v1/orgs/o/workspaces/w/campaigns".
	Path string
	Fault
	// Times is how many requests it answers; 0 is every one.
	Times int
}

// AddPathFault adds a fault to the path faults. Queued faults (Inject) come
// first; of two path faults for one path, the first added that is not used
// up answers.
func (s *Server) AddPathFault(f PathFault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pathFaults = append(s.pathFaults, &f)
}

// pathFault takes the path fault for r, if any, under the server's lock.
func (s *Server) pathFault(r *http.Request) *Fault {
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
		return &fault
	}
	return nil
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
	p, rest, ok := strings.Cut(spec, "=")
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

// faultsFile is where a fixtures directory lists its path faults.
const faultsFile = "faults.json"

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
	pf := PathFault{Path: e.Path, Times: e.Times}
	pf.Status, pf.Hang = e.Status, e.Hang
	switch {
	case e.Path == "":
		return pf, fmt.Errorf("path: missing; name a path below the workspace, such as campaigns/MKN-1")
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

// readFaults reads faults.json from fsys, when there is one.
func readFaults(fsys fs.FS) ([]PathFault, error) {
	body, err := fs.ReadFile(fsys, faultsFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	var entries []faultEntry
	if err := dec.Decode(&entries); err != nil {
		return nil, fmt.Errorf("%s: want a list of objects with path, status or hang, and optionally retry_after, delay, times and body: %v", faultsFile, err)
	}
	out := make([]PathFault, len(entries))
	for i, e := range entries {
		if out[i], err = e.pathFault(); err != nil {
			return nil, fmt.Errorf("%s: entry %d: %v", faultsFile, i, err)
		}
	}
	return out, nil
}
