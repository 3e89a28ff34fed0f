package fakeapi

import (
	"context"
	"fmt"
	"net/http"
)

// AddKey accepts key for org and workspace, and for nothing else: a real key
// is created inside one workspace. A key is bound once; binding it to
// another workspace panics, since that is a mistake in the test.
func (s *Server) AddKey(key, org, workspace string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sc := scope{org: org, ws: workspace}
	if old, ok := s.keys[key]; ok && old != sc {
		panic(fmt.Sprintf("fakeapi: a key is already bound to org %q workspace %q", old.org, old.ws))
	}
	s.keys[key] = sc
}

// keyScope is the workspace the request's key belongs to.
type keyScope struct{}

// lookupKey reports where key belongs and whether the server knows it.
func (s *Server) lookupKey(key string) (scope, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sc, ok := s.keys[key]
	return sc, ok
}

// admit answers a request for another workspace than its key's as the
// Foreign mode says. It returns the scope to serve, which is marked hidden
// when the workspace is to look empty, and false once it has answered.
func (s *Server) admit(w http.ResponseWriter, r *http.Request, sc scope) (scope, bool) {
	own, _ := r.Context().Value(keyScope{}).(scope)
	if own == sc {
		return sc, true
	}
	switch s.Modes().Foreign {
	case ForeignNotFound:
		writeError(w, http.StatusNotFound, fmt.Sprintf("Workspace %s not found", sc.ws), "not_found_error", "workspace_not_found", nil)
		return sc, false
	case ForeignHidden:
		sc.hidden = true
		return sc, true
	case ForeignOpen:
		return sc, true
	default:
		writeError(w, http.StatusForbidden,
			fmt.Sprintf("This API key does not have access to workspace %s of org %s.", sc.ws, sc.org),
			"permission_error", "workspace_access_denied", nil)
		return sc, false
	}
}

// withKeyScope passes on where the request's key belongs.
func withKeyScope(r *http.Request, sc scope) *http.Request {
	return r.WithContext(context.WithValue(r.Context(), keyScope{}, sc))
}
